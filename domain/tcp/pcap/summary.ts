import type { CaptureConnection, CaptureConnectionSummary } from "./types";

/**
 * The summary row of a fully analysed connection: what the streaming summary
 * (`CaptureAnalyzer.finishSummary`) must give without keeping segments. Needs every segment
 * listed (no `segmentsOmitted`).
 */
export function summaryRowFromConnection(connection: CaptureConnection): CaptureConnectionSummary {
  if (connection.segmentsOmitted) throw new Error("a summary row needs every segment of the connection");
  const count = { client: 0, server: 0 };
  const bytes = { client: 0, server: 0 };
  const retransmissions = { client: 0, server: 0 };
  let duration = 0;
  for (const segment of connection.segments) {
    count[segment.from]++;
    bytes[segment.from] += segment.len;
    if (segment.retransmission) retransmissions[segment.from]++;
    if (segment.t > duration) duration = segment.t;
  }
  const { client, server } = connection.states;
  return {
    client: connection.client,
    server: connection.server,
    start: connection.start,
    duration,
    packets: count,
    bytes,
    retransmissions,
    states: { client: [...client], server: [...server] },
    final: { client: client[client.length - 1]!, server: server[server.length - 1]! },
  };
}

export const SUMMARY_COLUMNS = [
  "client",
  "server",
  "start",
  "duration_ms",
  "packets_c2s",
  "packets_s2c",
  "bytes_c2s",
  "bytes_s2c",
  "retrans_c2s",
  "retrans_s2c",
  "client_states",
  "server_states",
  "client_final",
  "server_final",
] as const;

/**
 * One tab-separated line per connection (`tcp pcap --summary`); state paths joined with ">". The
 * command writes the same text as bytes straight from the analysis's columns (summary-bytes.ts).
 */
export function summaryLine(row: CaptureConnectionSummary): string {
  const { packets, bytes, retransmissions, states, final } = row;
  return [
    row.client,
    row.server,
    row.start,
    formatMilliseconds(row.duration),
    packets.client,
    packets.server,
    bytes.client,
    bytes.server,
    retransmissions.client,
    retransmissions.server,
    states.client.join(">"),
    states.server.join(">"),
    final.client,
    final.server,
  ].join("\t");
}

/** Milliseconds with up to six decimals (nanosecond captures), no trailing zeros. */
export function formatMilliseconds(ms: number): string {
  // `ms.toFixed(6)` read back as a number, without the detour through text when the rounding is
  // clear. Below 2^40 nanoseconds the product is within 2^-13 of ms * 10^6, so when it is not
  // near a tie its nearest integer is the one toFixed rounds to, and dividing that by 1e6 gives
  // the double nearest the decimal (division rounds correctly), which is what Number() reads.
  const nanoseconds = ms * 1e6;
  if (nanoseconds >= 0 && nanoseconds < TWO_TO_40) {
    const rounded = Math.round(nanoseconds);
    if (Math.abs(nanoseconds - rounded) < 0.499) return String(rounded / 1e6);
  }
  return String(Number(ms.toFixed(6)));
}

const TWO_TO_40 = 2 ** 40;
