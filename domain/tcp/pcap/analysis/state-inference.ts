import { TcpFlag } from "../decode/tcp-header";
import type { ArrivalEvidence, Role, StateTransition, TcpState, TransitionRule } from "../types";
import { seqAdd, seqGe, seqGt } from "./sequence-numbers";

/** What the state machine needs of a segment (absolute sequence numbers). */
export interface StateEvent {
  /** Index of the segment in the connection. */
  index: number;
  from: Role;
  flags: number;
  seq: number;
  ack: number;
  len: number;
  /** TCP timestamp option (RFC 7323): the sender's clock, and the peer's value it echoes. */
  tsval?: number;
  tsecr?: number;
}

/** A received segment not yet applied, and the receiver's segments that crossed it so far. */
interface Held {
  event: StateEvent;
  crossedBy: ArrivalEvidence["crossedBy"];
}

/**
 * Infers each endpoint's RFC 9293 state path from the segments of one connection, in capture
 * order.
 *
 * A capture shows when a segment passed the capture point, not when each end processed it. So a
 * received segment is held back until the receiver's next segment shows what it had received:
 * its acknowledgement number covers the SYN, data and FIN it got, and its timestamp echo (TSecr)
 * is the TSval of the latest segment it got; segments sent before that happen first. That is what
 * makes crossing FINs (simultaneous close) come out as FIN-WAIT-1 -> CLOSING on both ends, puts a
 * RST or an ACK that crossed the receiver's own segment after it, and keeps a segment captured but
 * dropped before its receiver from counting as received: an end that retransmits its SYN or FIN
 * never got the ACKs of it held back so far, and of a SYN, data or FIN sent twice before its
 * receiver showed it had one, the copy whose timestamp the receiver echoes is the one it got. Each change says which rule made it and, for a
 * received segment, what placed its arrival (ArrivalEvidence).
 */
export class StateInference {
  private readonly endpoints: Record<Role, Endpoint>;
  readonly notes: string[] = [];

  constructor(start: ConnectionStart) {
    this.endpoints = {
      client: new Endpoint("client", start.client, false),
      server: new Endpoint("server", start.server, start.serverProvisional),
    };
  }

  get paths(): { client: TcpState[]; server: TcpState[] } {
    return { client: [...this.endpoints.client.path], server: [...this.endpoints.server.path] };
  }

  /**
   * Both ends' transitions by the segment that caused them (the sender's before the receiver's),
   * each end's own in the order it went through them.
   */
  get transitions(): StateTransition[] {
    const { client, server } = this.endpoints;
    const merged: StateTransition[] = [];
    for (let c = 0, s = 0; c < client.changes.length || s < server.changes.length; ) {
      const takeClient = (client.changes[c]?.order ?? Infinity) < (server.changes[s]?.order ?? Infinity);
      merged.push((takeClient ? client.changes[c++] : server.changes[s++])!.transition);
    }
    return merged;
  }

  observe(event: StateEvent): void {
    const sender = this.endpoints[event.from];
    const receiver = this.endpoints[event.from === "client" ? "server" : "client"];
    this.send(sender, event);
    this.receive(receiver, event);
  }

  /** End of the capture: what is still held back counts as received, except SYNs nobody answered. */
  finish(): void {
    for (const endpoint of [this.endpoints.client, this.endpoints.server]) {
      const unanswered = endpoint.pending.filter((held) => held.event.flags & TcpFlag.SYN).length;
      for (const held of endpoint.pending) {
        if (!(held.event.flags & TcpFlag.SYN)) this.applyReceipt(endpoint, held.event, { crossedBy: held.crossedBy, shownBy: "end-of-capture", before: null });
      }
      endpoint.pending = [];
      if (unanswered > 0) {
        this.notes.push(
          `the ${endpoint.role} never answered the ${unanswered === 1 ? "SYN" : `${unanswered} SYNs`} it was sent: ` +
            `its states assume ${unanswered === 1 ? "it" : "they"} never arrived`,
        );
      }
      if (endpoint.provisional && endpoint.path.length === 1) {
        this.notes.push(`the ${endpoint.role} sent nothing: its state before the first segment (${endpoint.path[0]}) is assumed`);
      }
    }
  }

  private send(endpoint: Endpoint, event: StateEvent): void {
    if (endpoint.provisional) {
      // A first answer of RST, or a SYN of its own, shows the end was not listening.
      if (event.flags & TcpFlag.RST || (event.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN) {
        endpoint.state = "CLOSED";
        endpoint.path[0] = "CLOSED";
      }
      endpoint.provisional = false;
    }
    if (this.retransmitsSynOrFin(endpoint, event)) {
      endpoint.pending = endpoint.pending.filter(
        ({ event: held }) => usesSequenceSpace(held) || held.flags & TcpFlag.RST || !acknowledgesOwn(endpoint, held),
      );
    }
    this.receiveBefore(endpoint, event);
    this.applySend(endpoint, event);
  }

  private receive(endpoint: Endpoint, event: StateEvent): void {
    endpoint.pending.push({ event, crossedBy: [] });
    // Bounded even if the receiver never sends (a one-directional capture).
    const oldest = endpoint.pending.length > MAX_HELD_BACK ? endpoint.pending.shift() : undefined;
    if (oldest) this.applyReceipt(endpoint, oldest.event, { crossedBy: oldest.crossedBy, shownBy: "assumed", before: null });
  }

  /** The segment repeats the end's SYN or FIN: it had not received their acknowledgement. */
  private retransmitsSynOrFin(endpoint: Endpoint, event: StateEvent): boolean {
    if (event.flags & TcpFlag.SYN && endpoint.initialSequence === event.seq) return true;
    return (event.flags & TcpFlag.FIN) !== 0 && endpoint.finSequence === seqAdd(event.seq, event.len);
  }

  /**
   * Applies, in arrival order, the held-back segments received before `sent` went out: up to the
   * first one that had not arrived yet, i.e. one using sequence space that its acknowledgement
   * number does not cover, or one whose TSval is newer than its timestamp echo. Those that stay
   * held back crossed `sent` on the wire.
   */
  private receiveBefore(endpoint: Endpoint, sent: StateEvent): void {
    while (endpoint.pending.length > 0) {
      const head = endpoint.pending[0] as Held;
      const arrival = arrivalBefore(head.event, sent);
      if (arrival === null) break;
      endpoint.pending.shift();
      if (this.laterCopyArrived(endpoint, head.event, sent)) continue;
      this.applyReceipt(endpoint, head.event, { crossedBy: head.crossedBy, shownBy: arrival, before: sent.index });
    }
    // What is still held back was on its way while `sent` went out: they crossed.
    for (const held of endpoint.pending) held.crossedBy.push({ segment: sent.index, basis: notYetArrived(held.event, sent) ?? "order" });
  }

  /**
   * The sender sent `held` again before `sent` showed it had arrived. The copy that arrived is the
   * latest whose TSval `sent` had seen (TSval not newer than its TSecr): earlier copies were lost,
   * so a later one gets the credit (a SYN+ACK lost once, a FIN lost before two FINs crossed).
   * Without timestamps the first copy keeps it.
   */
  private laterCopyArrived(endpoint: Endpoint, held: StateEvent, sent: StateEvent): boolean {
    if (held.tsval === undefined || sent.tsecr === undefined || !(sent.flags & TcpFlag.ACK)) return false;
    const echo = sent.tsecr;
    return endpoint.pending.some(({ event }) => sameSegment(event, held) && event.tsval !== undefined && !timestampAfter(event.tsval, echo));
  }

  private applySend(endpoint: Endpoint, event: StateEvent): void {
    const { flags } = event;
    const sent = (to: TcpState, rule: TransitionRule) => this.move(endpoint, to, event, rule);
    if (flags & TcpFlag.RST) {
      if (endpoint.state !== "CLOSED" && endpoint.state !== "LISTEN") sent("CLOSED", "abort");
      return;
    }
    if (flags & TcpFlag.SYN) {
      endpoint.initialSequence = event.seq;
      if (flags & TcpFlag.ACK) {
        // The SYN+ACK answers a SYN the capture may not show.
        if (endpoint.state === "LISTEN" || endpoint.state === "CLOSED") sent("SYN-RECEIVED", "passive-open");
      } else if (endpoint.state === "CLOSED" || endpoint.state === "LISTEN") {
        sent("SYN-SENT", "active-open");
      }
    }
    if (flags & TcpFlag.FIN) {
      endpoint.finSequence = seqAdd(event.seq, event.len + (flags & TcpFlag.SYN ? 1 : 0));
      if (endpoint.state === "ESTABLISHED" || endpoint.state === "SYN-RECEIVED") sent("FIN-WAIT-1", "close");
      else if (endpoint.state === "CLOSE-WAIT") sent("LAST-ACK", "close");
    }
  }

  /** RFC 9293 section 3.10.7 (SEGMENT ARRIVES), in its order: RST, SYN, ACK, FIN. */
  private applyReceipt(endpoint: Endpoint, event: StateEvent, arrival: ArrivalEvidence): void {
    const { flags } = event;
    const received = (to: TcpState, rule: TransitionRule) => this.move(endpoint, to, event, rule, arrival);
    if (flags & TcpFlag.RST) {
      this.receiveReset(endpoint, event, arrival);
      return;
    }
    if (flags & TcpFlag.SYN) {
      if (endpoint.state === "LISTEN" && !(flags & TcpFlag.ACK)) {
        endpoint.passiveOpen = true;
        received("SYN-RECEIVED", "syn-in-listen");
      } else if (endpoint.state === "SYN-SENT") {
        if (!(flags & TcpFlag.ACK)) received("SYN-RECEIVED", "syn-in-syn-sent"); // simultaneous open
        else if (acknowledgesSyn(endpoint, event)) received("ESTABLISHED", "syn-ack-in-syn-sent");
      }
    }
    if (flags & TcpFlag.ACK) {
      if (endpoint.state === "SYN-RECEIVED" && acknowledgesSyn(endpoint, event)) received("ESTABLISHED", "ack-of-syn");
      else if (acknowledgesFin(endpoint, event)) {
        if (endpoint.state === "FIN-WAIT-1") received("FIN-WAIT-2", "ack-of-fin");
        else if (endpoint.state === "CLOSING") received("TIME-WAIT", "ack-of-fin");
        else if (endpoint.state === "LAST-ACK") received("CLOSED", "ack-of-fin");
      }
    }
    if (flags & TcpFlag.FIN) {
      if (endpoint.state === "ESTABLISHED" || endpoint.state === "SYN-RECEIVED") received("CLOSE-WAIT", "fin");
      else if (endpoint.state === "FIN-WAIT-1") received("CLOSING", "fin");
      else if (endpoint.state === "FIN-WAIT-2") received("TIME-WAIT", "fin");
    }
    if (usesSequenceSpace(event) && (endpoint.receiveNext === null || seqGt(sequenceEnd(event), endpoint.receiveNext))) {
      endpoint.receiveNext = sequenceEnd(event);
    }
  }

  /**
   * Linux (tcp_validate_incoming, RFC 5961) resets a connection only for a RST at exactly the
   * next expected sequence number (or one less after a FIN arrived); in SYN-SENT the RST must
   * acknowledge the SYN. Other RSTs get a challenge ACK and change nothing.
   */
  private receiveReset(endpoint: Endpoint, event: StateEvent, arrival: ArrivalEvidence): void {
    const { state } = endpoint;
    if (state === "CLOSED" || state === "LISTEN") return;
    let accepted: boolean;
    if (state === "SYN-SENT") {
      accepted = (event.flags & TcpFlag.ACK) !== 0 && acknowledgesSyn(endpoint, event);
    } else if (state === "SYN-RECEIVED" || endpoint.receiveNext === null) {
      accepted = true;
    } else {
      const afterFin = state === "CLOSE-WAIT" || state === "LAST-ACK" || state === "CLOSING";
      accepted = event.seq === endpoint.receiveNext || (afterFin && event.seq === seqAdd(endpoint.receiveNext, -1));
    }
    if (!accepted) {
      this.notes.push(`segment ${event.index}: the ${endpoint.role} ignores a RST outside the expected sequence number (RFC 5961)`);
      return;
    }
    this.move(endpoint, state === "SYN-RECEIVED" && endpoint.passiveOpen ? "LISTEN" : "CLOSED", event, "reset", arrival);
  }

  private move(endpoint: Endpoint, to: TcpState, event: StateEvent, rule: TransitionRule, arrival?: ArrivalEvidence): void {
    if (endpoint.state === to) return;
    const by = event.from === endpoint.role ? "sent" : "received";
    const transition: StateTransition = { segment: event.index, host: endpoint.role, from: endpoint.state, to, by, rule };
    if (arrival) transition.arrival = { crossedBy: [...arrival.crossedBy], shownBy: arrival.shownBy, before: arrival.before };
    // Ordered by segment and, for the same segment, sender first.
    endpoint.changes.push({ order: event.index * 2 + (by === "sent" ? 0 : 1), transition });
    endpoint.state = to;
    endpoint.path.push(to);
  }
}

/** How the two ends stood before the first captured segment. */
export interface ConnectionStart {
  client: TcpState;
  server: TcpState;
  /** The server's initial state is a guess to be revised by its first segment (LISTEN unless it answers RST). */
  serverProvisional: boolean;
}

/** Beyond this many held-back segments the oldest is taken as received (bounds memory). */
const MAX_HELD_BACK = 256;

class Endpoint {
  state: TcpState;
  readonly path: TcpState[];
  initialSequence: number | null = null;
  /** Sequence number of this end's FIN, once sent. */
  finSequence: number | null = null;
  /** Next sequence number expected from the peer, from the segments applied. */
  receiveNext: number | null = null;
  passiveOpen = false;
  pending: Held[] = [];
  /** Each change of path[i] to path[i + 1], with its place in the merged list (segment index * 2, plus 1 when received). */
  readonly changes: { order: number; transition: StateTransition }[] = [];

  constructor(
    readonly role: Role,
    initial: TcpState,
    public provisional: boolean,
  ) {
    this.state = initial;
    this.path = [initial];
  }
}

function usesSequenceSpace(event: StateEvent): boolean {
  return event.len > 0 || (event.flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0;
}

/** The same SYN, data or FIN again: same sequence range, same SYN, FIN, RST and ACK flags. */
function sameSegment(a: StateEvent, b: StateEvent): boolean {
  const kind = TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST | TcpFlag.ACK;
  return usesSequenceSpace(a) && a.seq === b.seq && sequenceEnd(a) === sequenceEnd(b) && (a.flags & kind) === (b.flags & kind);
}

function sequenceEnd(event: StateEvent): number {
  return seqAdd(event.seq, event.len + (event.flags & TcpFlag.SYN ? 1 : 0) + (event.flags & TcpFlag.FIN ? 1 : 0));
}

/** The segment acknowledges the endpoint's SYN (any ACK counts when that SYN was not captured). */
function acknowledgesSyn(endpoint: Endpoint, event: StateEvent): boolean {
  return endpoint.initialSequence === null || seqGe(event.ack, seqAdd(endpoint.initialSequence, 1));
}

function acknowledgesFin(endpoint: Endpoint, event: StateEvent): boolean {
  return endpoint.finSequence !== null && seqGt(event.ack, endpoint.finSequence);
}

/** TSval `a` is later than `b` on the sender's 32-bit clock. */
function timestampAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

/**
 * How `sent` shows that `held` had arrived before it went out, or null if it had not:
 * acknowledged (it used sequence space, and the ACK covers it), timestamps (TSecr is at least its
 * TSval), or assumed (a segment without sequence space or timestamps: nothing says otherwise).
 */
function arrivalBefore(held: StateEvent, sent: StateEvent): ArrivalEvidence["shownBy"] | null {
  if (notYetArrived(held, sent) !== null) return null;
  if (usesSequenceSpace(held)) return "acknowledgement";
  return held.tsval !== undefined && sent.tsecr !== undefined ? "timestamps" : "assumed";
}

/** Why `held` had not arrived when `sent` went out, or null if nothing says so. */
function notYetArrived(held: StateEvent, sent: StateEvent): "acknowledgement" | "timestamps" | null {
  if (usesSequenceSpace(held)) {
    // The acknowledgement number settles it either way (a covered segment arrived, whatever TSecr says:
    // a receiver with an ACK pending does not take the TSval of the next segment, RFC 7323 4.3).
    return (sent.flags & TcpFlag.ACK) !== 0 && seqGe(sent.ack, sequenceEnd(held)) ? null : "acknowledgement";
  }
  if (held.tsval !== undefined && sent.tsecr !== undefined && sent.flags & TcpFlag.ACK && timestampAfter(held.tsval, sent.tsecr)) return "timestamps";
  return null;
}

/** An ACK of the end's SYN or FIN, i.e. one that would move it on. */
function acknowledgesOwn(endpoint: Endpoint, event: StateEvent): boolean {
  if (!(event.flags & TcpFlag.ACK)) return false;
  return acknowledgesFin(endpoint, event) || (endpoint.initialSequence !== null && acknowledgesSyn(endpoint, event));
}
