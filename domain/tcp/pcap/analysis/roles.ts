import { endpointText } from "../decode/decode-packet";
import type { SegmentRecord } from "../decode/segment-record";
import { TcpFlag } from "../decode/tcp-header";
import { captureNote, type CaptureNote } from "../errors";
import type { RoleBasis } from "../types";
import type { ConnectionStart } from "./state-inference";

export interface Roles {
  /** The first packet was sent by the client. */
  firstSenderIsClient: boolean;
  basis: RoleBasis;
  start: ConnectionStart;
  notes: readonly CaptureNote[];
}

/** Below this, a port is a service port; Linux picks ephemeral ports from 32768 up. */
const WELL_KNOWN_PORTS = 1024;
const EPHEMERAL_PORTS = 32768;

/**
 * A capture that starts with the SYN (nearly every connection) or the SYN+ACK gets the same roles
 * every time: one shared, frozen answer each instead of a few objects per connection.
 */
const FROM_SYN: Roles = Object.freeze({
  firstSenderIsClient: true,
  basis: "syn",
  start: Object.freeze({ client: "CLOSED", server: "LISTEN", serverProvisional: true }),
  notes: Object.freeze([]),
});
const FROM_SYN_ACK: Roles = Object.freeze({
  firstSenderIsClient: false,
  basis: "syn-ack",
  start: Object.freeze({ client: "SYN-SENT", server: "SYN-RECEIVED", serverProvisional: false }),
  notes: Object.freeze([captureNote("starts-after-syn", {})]),
});

/** Who is the client, and how both ends stood, judged from a connection's first captured segment. */
export function rolesFromFirstSegment(first: SegmentRecord): Roles {
  const { flags, sourcePort, destinationPort } = first;
  const synAck = flags & (TcpFlag.SYN | TcpFlag.ACK);
  if (synAck === TcpFlag.SYN) return FROM_SYN;
  if (synAck === (TcpFlag.SYN | TcpFlag.ACK)) return FROM_SYN_ACK;
  const serverPort = servicePort(sourcePort, destinationPort);
  const firstSenderIsClient = serverPort === null ? true : serverPort === destinationPort;
  const client = endpointText(firstSenderIsClient ? first.sourceKey : first.destinationKey);
  return {
    firstSenderIsClient,
    basis: serverPort === null ? "first-segment" : "port",
    start: { client: "ESTABLISHED", server: "ESTABLISHED", serverProvisional: false },
    notes: [
      serverPort === null
        ? captureNote("mid-connection-first-segment", { client })
        : captureNote("mid-connection-port", { client, port: serverPort }),
    ],
  };
}

/** The port that looks like the service side, when exactly one of the two does. */
function servicePort(a: number, b: number): number | null {
  for (const limit of [WELL_KNOWN_PORTS, EPHEMERAL_PORTS]) {
    if (a < limit !== b < limit) return a < limit ? a : b;
  }
  return null;
}
