import type { EndpointKey, TcpPacket } from "../decode/decode-packet";
import type { CaptureTimestamp } from "../timestamp";
import type { CaptureConnection } from "../types";
import { ConnectionBuilder } from "./connection";

/** Groups TCP segments into connections: by 4-tuple, and by incarnation when a 4-tuple is reused. */
export class ConnectionTracker {
  /** Current connection of each 4-tuple, by its lower endpoint key, then its higher one. */
  private readonly current = new Map<EndpointKey, Map<EndpointKey, ConnectionBuilder>>();
  private readonly all: ConnectionBuilder[] = [];

  constructor(private readonly maxSegmentsPerConnection: number) {}

  add(packet: TcpPacket, time: CaptureTimestamp): void {
    const { sourceKey, destinationKey } = packet;
    // Both keys of a packet are numbers (IPv4) or both strings (IPv6), so < compares like with like.
    const low = sourceKey < destinationKey ? sourceKey : destinationKey;
    const high = sourceKey < destinationKey ? destinationKey : sourceKey;
    let peers = this.current.get(low);
    if (peers === undefined) {
      peers = new Map();
      this.current.set(low, peers);
    }
    let connection = peers.get(high);
    if (connection?.isNewIncarnation(packet)) {
      connection.noteReusedBy(packet.packet.frame);
      connection = undefined;
    }
    if (connection === undefined) {
      connection = new ConnectionBuilder(packet, time, this.maxSegmentsPerConnection);
      peers.set(high, connection);
      this.all.push(connection);
    }
    connection.add(packet, time);
  }

  /** Connections in the order of their first segment. */
  finish(): CaptureConnection[] {
    return this.all.map((connection) => connection.finish());
  }
}
