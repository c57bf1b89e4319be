import { TcpFlag } from "../decode/tcp-header";
import type { Role, StateTransition, TcpState } from "../types";
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
}

/**
 * Infers each endpoint's RFC 9293 state path from the segments of one connection, in capture
 * order.
 *
 * A capture shows when a segment passed the capture point, not when each end processed it. So a
 * received segment is held back until the receiver's next segment shows what it had received:
 * its acknowledgement number covers the SYN, data and FIN it got; segments sent before that happen
 * first. That is what makes crossing FINs (simultaneous close) come out as FIN-WAIT-1 -> CLOSING
 * on both ends, and what keeps a segment captured but dropped before its receiver from counting
 * as received: an end that retransmits its SYN or FIN never got the ACKs of it held back so far.
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
    for (let c = 0, s = 0; c < client.causes.length || s < server.causes.length; ) {
      const takeClient = (client.causes[c] ?? Infinity) < (server.causes[s] ?? Infinity);
      merged.push(takeClient ? client.transition(c++) : server.transition(s++));
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
      const unanswered = endpoint.pending.filter((event) => event.flags & TcpFlag.SYN);
      for (const event of endpoint.pending) {
        if (!(event.flags & TcpFlag.SYN)) this.applyReceipt(endpoint, event);
      }
      endpoint.pending = [];
      if (unanswered.length > 0) {
        this.notes.push(
          `the ${endpoint.role} never answered the ${unanswered.length === 1 ? "SYN" : `${unanswered.length} SYNs`} it was sent: ` +
            `its states assume ${unanswered.length === 1 ? "it" : "they"} never arrived`,
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
      endpoint.pending = endpoint.pending.filter((held) => usesSequenceSpace(held) || held.flags & TcpFlag.RST || !acknowledgesOwn(endpoint, held));
    }
    this.receiveBefore(endpoint, event);
    this.applySend(endpoint, event);
  }

  private receive(endpoint: Endpoint, event: StateEvent): void {
    endpoint.pending.push(event);
    // Bounded even if the receiver never sends (a one-directional capture).
    const oldest = endpoint.pending.length > MAX_HELD_BACK ? endpoint.pending.shift() : undefined;
    if (oldest) this.applyReceipt(endpoint, oldest);
  }

  /** The segment repeats the end's SYN or FIN: it had not received their acknowledgement. */
  private retransmitsSynOrFin(endpoint: Endpoint, event: StateEvent): boolean {
    if (event.flags & TcpFlag.SYN && endpoint.initialSequence === event.seq) return true;
    return (event.flags & TcpFlag.FIN) !== 0 && endpoint.finSequence === seqAdd(event.seq, event.len);
  }

  /**
   * Applies, in arrival order, the held-back segments received before `sent` went out: up to the
   * first one using sequence space that its acknowledgement number does not cover.
   */
  private receiveBefore(endpoint: Endpoint, sent: StateEvent): void {
    const hasAck = (sent.flags & TcpFlag.ACK) !== 0;
    while (endpoint.pending.length > 0) {
      const head = endpoint.pending[0] as StateEvent;
      if (usesSequenceSpace(head) && !(hasAck && seqGe(sent.ack, sequenceEnd(head)))) return;
      endpoint.pending.shift();
      this.applyReceipt(endpoint, head);
    }
  }

  private applySend(endpoint: Endpoint, event: StateEvent): void {
    const { flags } = event;
    if (flags & TcpFlag.RST) {
      if (endpoint.state !== "CLOSED" && endpoint.state !== "LISTEN") this.move(endpoint, "CLOSED", event);
      return;
    }
    if (flags & TcpFlag.SYN) {
      endpoint.initialSequence = event.seq;
      if (flags & TcpFlag.ACK) {
        // The SYN+ACK answers a SYN the capture may not show.
        if (endpoint.state === "LISTEN" || endpoint.state === "CLOSED") this.move(endpoint, "SYN-RECEIVED", event);
      } else if (endpoint.state === "CLOSED" || endpoint.state === "LISTEN") {
        this.move(endpoint, "SYN-SENT", event);
      }
    }
    if (flags & TcpFlag.FIN) {
      endpoint.finSequence = seqAdd(event.seq, event.len + (flags & TcpFlag.SYN ? 1 : 0));
      if (endpoint.state === "ESTABLISHED" || endpoint.state === "SYN-RECEIVED") this.move(endpoint, "FIN-WAIT-1", event);
      else if (endpoint.state === "CLOSE-WAIT") this.move(endpoint, "LAST-ACK", event);
    }
  }

  /** RFC 9293 section 3.10.7 (SEGMENT ARRIVES), in its order: RST, SYN, ACK, FIN. */
  private applyReceipt(endpoint: Endpoint, event: StateEvent): void {
    const { flags } = event;
    if (flags & TcpFlag.RST) {
      this.receiveReset(endpoint, event);
      return;
    }
    if (flags & TcpFlag.SYN) {
      if (endpoint.state === "LISTEN" && !(flags & TcpFlag.ACK)) {
        endpoint.passiveOpen = true;
        this.move(endpoint, "SYN-RECEIVED", event);
      } else if (endpoint.state === "SYN-SENT") {
        if (!(flags & TcpFlag.ACK)) this.move(endpoint, "SYN-RECEIVED", event); // simultaneous open
        else if (acknowledgesSyn(endpoint, event)) this.move(endpoint, "ESTABLISHED", event);
      }
    }
    if (flags & TcpFlag.ACK) {
      if (endpoint.state === "SYN-RECEIVED" && acknowledgesSyn(endpoint, event)) this.move(endpoint, "ESTABLISHED", event);
      else if (acknowledgesFin(endpoint, event)) {
        if (endpoint.state === "FIN-WAIT-1") this.move(endpoint, "FIN-WAIT-2", event);
        else if (endpoint.state === "CLOSING") this.move(endpoint, "TIME-WAIT", event);
        else if (endpoint.state === "LAST-ACK") this.move(endpoint, "CLOSED", event);
      }
    }
    if (flags & TcpFlag.FIN) {
      if (endpoint.state === "ESTABLISHED" || endpoint.state === "SYN-RECEIVED") this.move(endpoint, "CLOSE-WAIT", event);
      else if (endpoint.state === "FIN-WAIT-1") this.move(endpoint, "CLOSING", event);
      else if (endpoint.state === "FIN-WAIT-2") this.move(endpoint, "TIME-WAIT", event);
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
  private receiveReset(endpoint: Endpoint, event: StateEvent): void {
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
    this.move(endpoint, state === "SYN-RECEIVED" && endpoint.passiveOpen ? "LISTEN" : "CLOSED", event);
  }

  private move(endpoint: Endpoint, to: TcpState, event: StateEvent): void {
    if (endpoint.state === to) return;
    // One number per change, ordered by segment and, for the same segment, sender first.
    endpoint.causes.push(event.index * 2 + (event.from === endpoint.role ? 0 : 1));
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
  pending: StateEvent[] = [];
  /** Why path[i] became path[i + 1]: segment index * 2, plus 1 when the end received it. */
  readonly causes: number[] = [];

  constructor(
    readonly role: Role,
    initial: TcpState,
    public provisional: boolean,
  ) {
    this.state = initial;
    this.path = [initial];
  }

  /** The end's i-th state change. */
  transition(i: number): StateTransition {
    return {
      segment: Math.floor((this.causes[i] ?? 0) / 2),
      host: this.role,
      from: this.path[i] as TcpState,
      to: this.path[i + 1] as TcpState,
    };
  }
}

function usesSequenceSpace(event: StateEvent): boolean {
  return event.len > 0 || (event.flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0;
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

/** An ACK of the end's SYN or FIN, i.e. one that would move it on. */
function acknowledgesOwn(endpoint: Endpoint, event: StateEvent): boolean {
  if (!(event.flags & TcpFlag.ACK)) return false;
  return acknowledgesFin(endpoint, event) || (endpoint.initialSequence !== null && acknowledgesSyn(endpoint, event));
}
