/** Questions challenge goals ask of a trace. */
import type { ErrorCode, HostId, ScenarioResult, SegmentRecord, TcpState } from "@/domain/tcp";

export function reachedState(trace: ScenarioResult, host: HostId, state: TcpState): boolean {
  return trace.transitions.some((transition) => transition.host === host && transition.to === state);
}

export function gotError(trace: ScenarioResult, host: HostId, code: ErrorCode): boolean {
  return trace.errors.some((error) => error.host === host && error.code === code);
}

export function sentBy(trace: ScenarioResult, host: HostId): SegmentRecord[] {
  return trace.segments.filter((segment) => segment.from === host && segment.duplicateOf === undefined);
}

export function retransmittedFin(trace: ScenarioResult, host: HostId): boolean {
  return sentBy(trace, host).some((segment) => segment.flags.includes("FIN") && segment.retransmission);
}

export function droppedSegments(trace: ScenarioResult): SegmentRecord[] {
  return trace.segments.filter((segment) => segment.dropped);
}

/**
 * Segments that arrived while their receiver was in `state`, with what the receiver sent at
 * once in response (the sends its handling of that arrival produced).
 */
export function arrivalsInState(trace: ScenarioResult, state: TcpState): { segment: SegmentRecord; replies: SegmentRecord[] }[] {
  const current: Record<HostId, TcpState> = { client: "CLOSED", server: "CLOSED" };
  const byId = new Map(trace.segments.map((segment) => [segment.id, segment]));
  const found: { segment: SegmentRecord; replies: SegmentRecord[] }[] = [];
  let open: { host: HostId; replies: SegmentRecord[] } | null = null;
  for (const event of trace.events) {
    switch (event.kind) {
      case "transition":
        current[event.host] = event.to;
        break;
      case "send": {
        const reply = byId.get(event.segment);
        if (open !== null && event.host === open.host && reply !== undefined) open.replies.push(reply);
        break;
      }
      case "deliver": {
        open = null;
        const segment = byId.get(event.segment);
        if (segment !== undefined && current[event.host] === state) {
          const entry = { segment, replies: [] as SegmentRecord[] };
          found.push(entry);
          open = { host: event.host, replies: entry.replies };
        }
        break;
      }
      case "drop":
      case "duplicate":
      case "discard":
      case "note":
      case "error":
        break;
      default:
        // An application call or a timer starts something else.
        open = null;
    }
  }
  return found;
}
