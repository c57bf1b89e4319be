import type { EndpointKey, TcpPacket } from "../decode/decode-packet";
import type { CaptureTimestamp } from "../timestamp";
import type { CaptureConnection, CaptureConnectionSummary, CaptureSegment } from "../types";
import { ConnectionBuilder } from "./connection";

/** Called with each segment as soon as it is decided, and the index of its connection (in order of first segment). */
export type ConnectionSegmentSink = (connection: number, segment: CaptureSegment) => void;

/** Groups TCP segments into connections: by 4-tuple, and by incarnation when a 4-tuple is reused. */
export class ConnectionTracker {
  /**
   * Current connection of each 4-tuple, by its lower endpoint key, then its higher one. A lower
   * endpoint with one peer (the usual client port) holds its connection directly: a Map per
   * client port would cost more than the connection's own state.
   */
  private readonly current = new Map<EndpointKey, ConnectionBuilder | Map<EndpointKey, ConnectionBuilder>>();
  private readonly all: ConnectionBuilder[] = [];

  constructor(
    private readonly maxSegmentsPerConnection: number,
    private readonly onSegment?: ConnectionSegmentSink,
  ) {}

  add(packet: TcpPacket, time: CaptureTimestamp): void {
    const { sourceKey, destinationKey } = packet;
    // Both keys of a packet are numbers (IPv4) or both strings (IPv6), so < compares like with like.
    const low = sourceKey < destinationKey ? sourceKey : destinationKey;
    const high = sourceKey < destinationKey ? destinationKey : sourceKey;
    const peers = this.current.get(low);
    let connection = peers instanceof Map ? peers.get(high) : peers?.highKey === high ? peers : undefined;
    if (connection?.isNewIncarnation(packet)) {
      connection.noteReusedBy(packet.packet.frame);
      connection = undefined;
    }
    if (connection === undefined) {
      const index = this.all.length;
      const onSegment = this.onSegment;
      connection = new ConnectionBuilder(
        packet,
        time,
        this.maxSegmentsPerConnection,
        onSegment ? (segment) => onSegment(index, segment) : undefined,
      );
      if (peers === undefined || (!(peers instanceof Map) && peers.highKey === high)) this.current.set(low, connection);
      else if (peers instanceof Map) peers.set(high, connection);
      else this.current.set(low, new Map([[peers.highKey, peers], [high, connection]]));
      this.all.push(connection);
    }
    connection.add(packet, time);
  }

  /** Connections in the order of their first segment. */
  finish(): CaptureConnection[] {
    return this.all.map((connection) => connection.finish());
  }

  /** One row per connection, in the order of their first segment. */
  summaries(): CaptureConnectionSummary[] {
    return this.all.map((connection) => connection.summary());
  }
}
