/** One English sentence per trace event, with Wireshark-style relative numbers by default. */
import { withRelativeNumbers, type RelativeNumbers } from "./relative";
import type { SegmentRecord, SimEvent, TcpFlag, TimerKind } from "./types";

export interface NarrationOptions {
  /** Show absolute sequence numbers instead of relative ones. */
  absolute?: boolean;
}

const TIMER_NAMES: Record<TimerKind, string> = {
  retransmit: "retransmission timer",
  "loss-probe": "tail-loss-probe timer",
  "delayed-ack": "delayed-ACK timer",
  "time-wait": "TIME-WAIT timer",
  "fin-wait-2": "FIN-WAIT-2 timer",
};

/** SYN, SYN-ACK, FIN, RST or ACK: what a learner calls the segment. */
export function segmentName(flags: readonly TcpFlag[]): string {
  if (flags.includes("RST")) return "RST";
  if (flags.includes("SYN")) return flags.includes("ACK") ? "SYN-ACK" : "SYN";
  if (flags.includes("FIN")) return "FIN";
  return "ACK";
}

/** Builds a narrator for one run; segments are looked up by id. */
export function createNarrator(segments: readonly SegmentRecord[], options: NarrationOptions = {}) {
  const byId = new Map<number, SegmentRecord & RelativeNumbers>();
  for (const segment of withRelativeNumbers(segments)) byId.set(segment.id, segment);

  const describeSegment = (id: number): string => {
    const segment = byId.get(id);
    if (segment === undefined) return `segment ${id}`;
    const seq = options.absolute ? segment.seq : segment.relSeq;
    const ack = options.absolute ? segment.ack : segment.relAck;
    const name = segmentName(segment.flags);
    const parts = [segment.len > 0 ? `${name === "ACK" ? "" : `${name} with `}${segment.len} bytes` : name];
    parts.push(`seq ${seq}`);
    if (ack !== null) parts.push(`ack ${ack}`);
    return parts.join(" ").replace(/^ /, "");
  };

  return function narrate(event: SimEvent): string {
    switch (event.kind) {
      case "app":
        return event.call === "send"
          ? `${event.host} calls send(${event.bytes ?? 0} bytes)`
          : `${event.host} calls ${event.call}()`;
      case "send": {
        const segment = byId.get(event.segment);
        const verb = segment?.retransmission ? "retransmits" : "sends";
        return `${event.host} ${verb} ${describeSegment(event.segment)}`;
      }
      case "deliver":
        return `${event.host} receives ${describeSegment(event.segment)}`;
      case "drop":
        return event.reason === "manual"
          ? `segment ${event.segment} (${describeSegment(event.segment)}) is dropped`
          : `the network loses segment ${event.segment} (${describeSegment(event.segment)})`;
      case "duplicate":
        return `the network duplicates segment ${event.segment}`;
      case "timer":
        return `${event.host}'s ${TIMER_NAMES[event.timer]} fires`;
      case "transition":
        return `${event.host} enters ${event.to} (${event.cause})`;
      case "error":
        return event.call === undefined
          ? `${event.host}'s application gets ${event.code}`
          : `${event.host}'s ${event.call}() fails with ${event.code}`;
      case "discard":
        return `${event.host}: ${event.reason}`;
      case "note":
        return `${event.host}: ${event.text}`;
    }
  };
}
