import type { TcpPacket } from "../decode/decode-packet";
import type { CaptureTimestamp } from "../timestamp";
import type { CaptureConnection } from "../types";
import { ConnectionBuilder } from "./connection";

/** Groups TCP segments into connections: by 4-tuple, and by incarnation when a 4-tuple is reused. */
export class ConnectionTracker {
  private readonly current = new Map<string, ConnectionBuilder>();
  private readonly all: ConnectionBuilder[] = [];

  constructor(private readonly maxSegmentsPerConnection: number) {}

  add(packet: TcpPacket, time: CaptureTimestamp): void {
    const key = packet.source < packet.destination ? `${packet.source} ${packet.destination}` : `${packet.destination} ${packet.source}`;
    let connection = this.current.get(key);
    if (connection?.isNewIncarnation(packet)) {
      connection.noteReusedBy(packet.packet.frame);
      connection = undefined;
    }
    if (connection === undefined) {
      connection = new ConnectionBuilder(packet, time, this.maxSegmentsPerConnection);
      this.current.set(key, connection);
      this.all.push(connection);
    }
    connection.add(packet, time);
  }

  /** Connections in the order of their first segment. */
  finish(): CaptureConnection[] {
    return this.all.map((connection) => connection.finish());
  }
}
