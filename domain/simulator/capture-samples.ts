/**
 * Real captures that ship with the course, recorded with tcpdump on loopback of this project's
 * Linux machine (scripts/record-tcp-timings.py, tests/fixtures/tcp/captures/). Copies live in
 * public/captures/ with a manifest.json that mirrors this list (a unit test keeps them equal).
 */
export interface CaptureSample {
  id: string;
  /** File name under /captures/. */
  file: string;
  title: string;
  description: string;
  /** The committed fixture it is a copy of. */
  source: string;
}

const sample = (id: string, title: string, description: string): CaptureSample => ({
  id,
  file: `${id}.pcap`,
  title,
  description,
  source: `tests/fixtures/tcp/captures/${id}.pcap`,
});

export const CAPTURE_SAMPLES: readonly CaptureSample[] = [
  sample(
    "passive-close-delayed",
    "Four-way close",
    "A request of 100 bytes, then the client closes; the server's application closes half a second later, so its ACK and its FIN are separate segments.",
  ),
  sample(
    "passive-close-immediate",
    "Three-segment close",
    "The server's application closes as soon as it reads the end of file, so its FIN carries the ACK of the client's FIN.",
  ),
  sample("half-close", "Half-close", "The client shuts down its sending side; the server keeps sending data for half a second, then closes."),
  sample(
    "last-ack-retransmit",
    "Lost final ACKs",
    "The client's last ACKs were dropped before the server (by a firewall rule while recording): the server retransmits its FIN from LAST-ACK with exponential backoff, and TIME-WAIT answers each copy.",
  ),
  sample("simultaneous-open", "Simultaneous open", "Two sockets connect to each other at the same moment; their SYNs cross."),
  sample("simultaneous-close", "Simultaneous close", "Both applications close at once; the FINs cross and both ends pass through CLOSING."),
  sample("refused", "Refused connection", "A SYN to a port where nobody listens, answered with RST+ACK."),
  sample("abort", "Abort with RST", "The client closes with SO_LINGER set to 0: an RST instead of a FIN."),
  sample(
    "syn-retries",
    "SYN retries",
    "Every SYN is dropped before the server (by a firewall rule while recording): Linux retransmits the SYN at growing intervals until connect() gives up.",
  ),
];

export function findCaptureSample(id: string): CaptureSample | null {
  return CAPTURE_SAMPLES.find((candidate) => candidate.id === id) ?? null;
}
