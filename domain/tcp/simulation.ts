/**
 * Two endpoints, one network, one virtual clock. Everything happens through one event queue
 * ordered by (time, rank, insertion): at equal times network arrivals and timers (rank 0) run
 * before application calls (rank 1), so an action a learner adds at the current time lands in
 * the same place when the action log is replayed from scratch.
 */
import type { Action } from "./actions";
import { Endpoint, type EndpointEnv, type SocketOptions } from "./engine/endpoint";
import { notInFlightText, type EngineText, type NotInFlightText } from "./engine-texts";
import { handleAppCall } from "./engine/app-calls";
import { handleSegment } from "./engine/receive";
import { handleTimer } from "./engine/timeouts";
import { flagNames, type SentSegment } from "./engine/wire";
import { EventQueue } from "./event-queue";
import { Network, type DropRule, type ReorderSpec } from "./network";
import { mulberry32, randomUint32, type Random } from "./prng";
import type { EngineParams } from "./profiles";
import { seqDiff } from "./seq";
import { wheelExpiryMs } from "./timer-wheel";
import {
  peerOf,
  type DropReason,
  type ErrorRecord,
  type HostId,
  type SegmentRecord,
  type SimEvent,
  type SimEventDraft,
  type TcpFlag,
  type TcpState,
  type TimerKind,
  type TransitionRecord,
} from "./types";

export type { Action, DropAction, HostAction, LinkAction } from "./actions";

export interface SimulationOptions {
  params: EngineParams;
  seed: number;
  /** ISN of each host's first connection; drawn from the seed when absent. */
  isn?: Partial<Record<HostId, number>>;
  latencyMs: number;
  lossProbability?: number;
  duplicateProbability?: number;
  reorder?: ReorderSpec;
  drop?: DropRule[];
  /** Counts as loopback traffic for tcp_tw_reuse=2. */
  loopback?: boolean;
  /** Whether each host's application reads data as soon as it arrives (default: both do). */
  autoRead?: Partial<Record<HostId, boolean>>;
  /** Hard cap on recorded events so no input can run forever. */
  maxEvents?: number;
  /**
   * Told of every timer armed, with the time it was armed and its expiry. Changes nothing in the
   * run; the kernel differential test uses it to judge each timer's delay (docs/kernel-differential.md).
   */
  onTimerArmed?: (timer: ArmedTimer) => void;
  /**
   * Build segment records in the CLI's key order (segmentInCliOrder), so that a caller that
   * discards the simulation can hand them over as its output without copying them (runScenario).
   */
  cliOrderRecords?: boolean;
}

export interface ArmedTimer {
  host: HostId;
  kind: TimerKind;
  /** When it was armed (ms of virtual time) and when it expires. */
  at: number;
  due: number;
}

export const DEFAULT_MAX_EVENTS = 100_000;

export interface EndpointSnapshot {
  state: TcpState;
  orphan: boolean;
  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  rcvNxt: number;
  /** Same numbers relative to ISS/IRS, as Wireshark shows them (null before they exist). */
  relative: { sndUna: number; sndNxt: number; rcvNxt: number | null } | null;
  unsentBytes: number;
  /** Received data the application has not read yet. */
  unreadBytes: number;
  /** Window this host last advertised, and the peer's window it is sending into. */
  rcvWnd: number;
  sndWnd: number;
  /** Whether the application reads data as it arrives. */
  autoRead: boolean;
  /** setsockopt() as it stands (SO_RCVBUF shown as the kernel keeps it, doubled). */
  options: SocketOptions;
  /** Keep-alive or zero-window probes sent without an answer. */
  probesOut: number;
  rtoMs: number;
  srttMs: number | null;
  retransmits: number;
  timers: { kind: TimerKind; due: number }[];
}

export interface SimulationSnapshot {
  t: number;
  eventCount: number;
  hosts: Record<HostId, EndpointSnapshot>;
  /** Sent, not dropped, not yet arrived. */
  inFlight: SegmentRecord[];
  /** The path between the hosts is up. */
  linkUp: boolean;
}

/** An armed timer; the queue's entry and the host's record of it are the same object. */
interface TimerItem {
  kind: "timer";
  host: HostId;
  timer: TimerKind;
  due: number;
  /** When this kind was armed last after being unarmed (a count): snapshots list equal dues in that order. */
  armedSince: number;
}

/**
 * Each host's armed timer of each kind, at timerSlot(kind) (undefined: not armed); a queued timer
 * no longer here is stale.
 */
type ArmedTimers = (TimerItem | undefined)[];

function noTimersArmed(): ArmedTimers {
  return [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
}

/**
 * A timer kind's slot. A switch, not a property named by the kind: timers are armed, disarmed and
 * asked about several times per segment with eight names, and V8 reads and writes a property whose
 * name varies through its slowest, megamorphic path (hot path).
 */
function timerSlot(kind: TimerKind): number {
  switch (kind) {
    case "retransmit":
      return 0;
    case "loss-probe":
      return 1;
    case "delayed-ack":
      return 2;
    case "time-wait":
      return 3;
    case "fin-wait-2":
      return 4;
    case "persist":
      return 5;
    case "keepalive":
      return 6;
    case "linger":
      return 7;
  }
}

/** A segment in the queue is its arrival: the sent segment itself waits there, nothing else is kept. */
type QueueItem = { kind: "action"; action: Action } | SentSegment | TimerItem;

const RANK_NETWORK = 0;
const RANK_APPLICATION = 1;

/**
 * How the trace records an event: a code and a segment id (typed array), its time (typed array)
 * and, for kinds that have one, a detail (text, timer kind, drop reason or the finished event).
 * The frequent kinds are kept so and become SimEvent objects only when someone reads the trace: a
 * run whose caller wants only its segments never builds them (hot path). The code is the kind
 * shifted left once, plus one for the server.
 */
const INITIAL_TRACE_CAPACITY = 1024;
const TRACE_OBJECT = 0;
const TRACE_SEND = 2;
const TRACE_DELIVER = 4;
const TRACE_DISCARD = 6;
const TRACE_NOTE = 8;
const TRACE_TIMER = 10;
const TRACE_DROP = 12;

function hostBit(host: HostId): number {
  return host === "server" ? 1 : 0;
}

export class Simulation {
  readonly params: EngineParams;
  private readonly queue = new EventQueue<QueueItem>();
  private readonly random: Random;
  private readonly network: Network;
  private readonly endpoints: Record<HostId, Endpoint>;
  private readonly firstIsns: Record<HostId, number>;
  private readonly segmentList: SegmentRecord[] = [];
  /** inFlight[id]: segment `id` is on the wire (sent, not dropped, not arrived). */
  private readonly inFlight: boolean[] = [];
  /**
   * The trace as recorded: per event a code (TRACE_*) and a segment id, its time, and the details
   * of the events that have one, in order. Then the events built from it so far (and the details used).
   */
  private traceWords = new Int32Array(2 * INITIAL_TRACE_CAPACITY);
  private traceTimes = new Float64Array(INITIAL_TRACE_CAPACITY);
  private readonly traceDetails: unknown[] = [];
  private eventCount = 0;
  private detailsBuilt = 0;
  private readonly eventList: SimEvent[] = [];
  private readonly transitionList: TransitionRecord[] = [];
  private readonly errorList: ErrorRecord[] = [];
  private readonly actionList: Action[] = [];
  private readonly timers: Record<HostId, ArmedTimers> = { client: noTimersArmed(), server: noTimersArmed() };
  private timersArmedFromUnarmed = 0;
  private readonly sentCount: Record<HostId, number> = { client: 0, server: 0 };
  private readonly maxEvents: number;
  private readonly onTimerArmed: ((timer: ArmedTimer) => void) | undefined;
  readonly cliOrderRecords: boolean;
  private clock = 0;
  private truncatedFlag = false;
  private linkUp = true;

  constructor(options: SimulationOptions) {
    this.params = options.params;
    this.random = mulberry32(options.seed);
    // Always draw both ISNs first so the rest of the random stream does not depend on `isn`.
    const drawn = { client: randomUint32(this.random), server: randomUint32(this.random) };
    this.firstIsns = { client: options.isn?.client ?? drawn.client, server: options.isn?.server ?? drawn.server };
    this.network = new Network(
      {
        latencyMs: options.latencyMs,
        lossProbability: options.lossProbability ?? 0,
        duplicateProbability: options.duplicateProbability ?? 0,
        reorder: options.reorder,
        drop: options.drop ?? [],
      },
      this.random,
    );
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.onTimerArmed = options.onTimerArmed;
    this.cliOrderRecords = options.cliOrderRecords ?? false;
    const env = this.createEnv(options.loopback ?? false);
    this.endpoints = {
      client: new Endpoint("client", env, options.autoRead?.client ?? true),
      server: new Endpoint("server", env, options.autoRead?.server ?? true),
    };
  }

  get now(): number {
    return this.clock;
  }

  get truncated(): boolean {
    return this.truncatedFlag;
  }

  /** The trace: each event is built once, on the first read that reaches it; the same objects after. */
  get events(): readonly SimEvent[] {
    if (this.eventList.length < this.eventCount) this.buildEvents();
    return this.eventList;
  }

  get segments(): readonly SegmentRecord[] {
    return this.segmentList;
  }

  get transitions(): readonly TransitionRecord[] {
    return this.transitionList;
  }

  get errors(): readonly ErrorRecord[] {
    return this.errorList;
  }

  /** Every action scheduled so far, in scheduling order: replaying it reproduces this run. */
  get actionLog(): readonly Action[] {
    return this.actionList;
  }

  state(host: HostId): TcpState {
    return this.endpoints[host].state;
  }

  /** Queue an application call or a drop. Actions cannot be placed in the past. */
  schedule(action: Action): void {
    if (!(action.at >= this.clock)) {
      throw new RangeError(`action at ${action.at} ms is before the current time ${this.clock} ms`);
    }
    this.actionList.push(action);
    this.queue.push(action.at, RANK_APPLICATION, { kind: "action", action });
  }

  /** Lose an in-flight segment now. */
  dropSegment(segment: number): void {
    this.schedule({ at: this.clock, do: "drop", segment });
  }

  /** Process the next queued item; returns the events it produced ([] when nothing is left). */
  step(): SimEvent[] {
    if (this.truncatedFlag) return [];
    this.skipStaleTimers();
    const before = this.eventCount;
    if (!this.processNext()) return [];
    return this.events.slice(before);
  }

  /** Pops and processes the next item (stale ones already skipped); false when the queue is empty. */
  private processNext(): boolean {
    const entry = this.queue.pop();
    if (entry === undefined) return false;
    this.clock = Math.max(this.clock, entry.at);
    this.process(entry.item);
    if (this.eventCount >= this.maxEvents) this.truncatedFlag = true;
    return true;
  }

  /** Process everything due up to and including `t`, then move the clock to `t`. */
  runUntil(t: number): SimEvent[] {
    const before = this.eventCount;
    for (;;) {
      this.skipStaleTimers();
      const next = this.queue.peek();
      if (next === undefined || next.at > t || this.truncatedFlag) break;
      this.processNext();
    }
    if (!this.truncatedFlag) this.clock = Math.max(this.clock, t);
    return this.events.slice(before);
  }

  /** Run until nothing is left to do or `limit` is reached; the clock stays at the last event. */
  runToQuiescence(limit: number): void {
    for (;;) {
      this.skipStaleTimers();
      const next = this.queue.peek();
      if (next === undefined || next.at > limit || this.truncatedFlag) return;
      this.processNext();
    }
  }

  /** Time of the next item that will do something, or null. */
  nextEventTime(): number | null {
    this.skipStaleTimers();
    return this.queue.peek()?.at ?? null;
  }

  snapshot(): SimulationSnapshot {
    return {
      t: this.clock,
      eventCount: this.eventCount,
      hosts: { client: this.endpointSnapshot("client"), server: this.endpointSnapshot("server") },
      inFlight: this.segmentList.filter((segment) => this.inFlight[segment.id] === true).map((segment) => ({ ...segment })),
      linkUp: this.linkUp,
    };
  }

  private endpointSnapshot(host: HostId): EndpointSnapshot {
    const endpoint = this.endpoints[host];
    const tcb = endpoint.tcb;
    const connected = tcb.state !== "CLOSED" && tcb.state !== "LISTEN";
    const peerKnown = connected && tcb.state !== "SYN-SENT";
    const rtt = tcb.rtt.state();
    return {
      state: tcb.state,
      orphan: tcb.orphan,
      iss: tcb.iss,
      irs: tcb.irs,
      sndUna: tcb.sndUna,
      sndNxt: tcb.sndNxt,
      rcvNxt: tcb.rcvNxt,
      relative: connected
        ? {
            sndUna: seqDiff(tcb.iss, tcb.sndUna),
            sndNxt: seqDiff(tcb.iss, tcb.sndNxt),
            rcvNxt: peerKnown ? seqDiff(tcb.irs, tcb.rcvNxt) : null,
          }
        : null,
      unsentBytes: tcb.unsentBytes,
      unreadBytes: tcb.rcvBuffered,
      rcvWnd: tcb.rcvWnd,
      sndWnd: tcb.sndWnd,
      autoRead: endpoint.autoRead,
      options: { ...endpoint.options, linger: { ...endpoint.options.linger } },
      probesOut: tcb.probesOut,
      rtoMs: tcb.rtoMs,
      srttMs: rtt.srttMs,
      retransmits: tcb.retransmits,
      timers: this.timers[host]
        .filter((timer) => timer !== undefined)
        .sort((a, b) => a.due - b.due || a.armedSince - b.armedSince)
        .map((timer) => ({ kind: timer.timer, due: timer.due })),
    };
  }

  // ---------------------------------------------------------------- internals

  /**
   * A host's endpoint and armed timers, chosen by a comparison: reading `record[host]` with two
   * names from one place takes V8's slowest, megamorphic path (hot path: every segment and timer).
   */
  private endpointOf(host: HostId): Endpoint {
    return host === "client" ? this.endpoints.client : this.endpoints.server;
  }

  private timersOf(host: HostId): ArmedTimers {
    return host === "client" ? this.timers.client : this.timers.server;
  }

  private createEnv(loopback: boolean): EndpointEnv {
    return {
      params: this.params,
      loopback,
      now: () => this.clock,
      transmit: (segment) => this.transmit(segment),
      armTimer: (host, kind, delayMs) => this.armTimer(host, kind, delayMs),
      disarmTimer: (host, kind) => {
        this.timersOf(host)[timerSlot(kind)] = undefined;
      },
      isTimerArmed: (host, kind) => this.timersOf(host)[timerSlot(kind)] !== undefined,
      emit: (event) => this.emit(event),
      firstIsn: (host) => this.firstIsns[host],
    };
  }

  /**
   * Appends the draft to the trace; as an event it gets `index` and `t` after its own keys. The
   * frequent kinds are recorded compactly (TRACE_*); the rest are completed in place and kept whole.
   */
  private emit(draft: SimEventDraft): void {
    const t = this.clock;
    switch (draft.kind) {
      case "discard":
        this.recordWithDetail(TRACE_DISCARD + hostBit(draft.host), draft.segment, draft.reason);
        return;
      case "note":
        this.recordWithDetail(TRACE_NOTE + hostBit(draft.host), 0, draft.text);
        return;
      case "timer":
        this.recordWithDetail(TRACE_TIMER + hostBit(draft.host), 0, draft.timer);
        return;
      case "drop":
        this.recordWithDetail(TRACE_DROP, draft.segment, draft.reason);
        return;
    }
    const event = draft as SimEvent;
    event.index = this.eventCount;
    event.t = t;
    this.recordWithDetail(TRACE_OBJECT, 0, event);
    if (event.kind === "transition") {
      this.transitionList.push({ t: event.t, host: event.host, from: event.from, to: event.to, cause: event.cause });
    } else if (event.kind === "error") {
      this.errorList.push(
        event.call === undefined
          ? { t: event.t, host: event.host, code: event.code }
          : { t: event.t, host: event.host, code: event.code, call: event.call },
      );
    }
  }

  private record(code: number, segment: number): void {
    const index = this.eventCount;
    if (index === this.traceTimes.length) this.growTrace();
    this.traceWords[2 * index] = code;
    this.traceWords[2 * index + 1] = segment;
    this.traceTimes[index] = this.clock;
    this.eventCount = index + 1;
  }

  private recordWithDetail(code: number, segment: number, detail: unknown): void {
    this.traceDetails.push(detail);
    this.record(code, segment);
  }

  private growTrace(): void {
    const words = new Int32Array(2 * this.traceWords.length);
    words.set(this.traceWords);
    this.traceWords = words;
    const times = new Float64Array(2 * this.traceTimes.length);
    times.set(this.traceTimes);
    this.traceTimes = times;
  }

  /** Builds the events recorded since the last read, with the keys in the order SimEvent lists them. */
  private buildEvents(): void {
    const events = this.eventList;
    for (let index = events.length; index < this.eventCount; index++) {
      const code = this.traceWords[2 * index] as number;
      const segment = this.traceWords[2 * index + 1] as number;
      const t = this.traceTimes[index] as number;
      const host: HostId = (code & 1) === 1 ? "server" : "client";
      const kind = code & ~1;
      const detail = kind === TRACE_SEND || kind === TRACE_DELIVER ? undefined : this.traceDetails[this.detailsBuilt++];
      switch (kind) {
        case TRACE_SEND:
          events.push({ kind: "send", host, segment, index, t });
          break;
        case TRACE_DELIVER:
          events.push({ kind: "deliver", host, segment, index, t });
          break;
        case TRACE_DISCARD:
          events.push({ kind: "discard", host, segment, reason: detail as EngineText, index, t });
          break;
        case TRACE_NOTE:
          events.push({ kind: "note", host, text: detail as EngineText | NotInFlightText, index, t });
          break;
        case TRACE_TIMER:
          events.push({ kind: "timer", host, timer: detail as TimerKind, index, t });
          break;
        case TRACE_DROP:
          events.push({ kind: "drop", segment, reason: detail as DropReason, index, t });
          break;
        default:
          events.push(detail as SimEvent);
      }
    }
  }

  private transmit(segment: SentSegment): number {
    const from = segment.from;
    const n = from === "client" ? ++this.sentCount.client : ++this.sentCount.server;
    const id = this.segmentList.length + 1;
    const route = this.network.route(from, n, this.clock);
    if (!this.linkUp) {
      route.drop = "link";
      route.duplicateArriveAt = null;
    }
    const record = this.cliOrderRecords
      ? cliOrderRecord(id, this.clock, segment, n, route.drop, route.arriveAt)
      : documentedOrderRecord(id, this.clock, segment, n, route.drop, route.arriveAt);
    if (segment.purpose !== undefined) record.purpose = segment.purpose;
    this.segmentList.push(record);
    segment.id = id;
    this.record(TRACE_SEND + hostBit(from), id);
    if (route.drop !== null) {
      this.recordWithDetail(TRACE_DROP, id, route.drop);
      return id;
    }
    this.launch(segment, route.arriveAt);
    if (route.duplicateArriveAt !== null) this.duplicate(record, segment, route.duplicateArriveAt);
    return id;
  }

  private duplicate(original: SegmentRecord, sent: SentSegment, arriveAt: number): void {
    const copyId = this.segmentList.length + 1;
    const copy: SegmentRecord = { ...original, id: copyId, arriveAt, duplicateOf: original.id };
    this.segmentList.push(this.cliOrderRecords ? segmentInCliOrder(copy) : copy);
    this.emit({ kind: "duplicate", segment: original.id, copy: copyId });
    this.launch({ ...sent, id: copyId }, arriveAt);
  }

  private launch(segment: SentSegment, arriveAt: number): void {
    this.inFlight[segment.id] = true;
    this.queue.push(arriveAt, RANK_NETWORK, segment);
  }

  private armTimer(host: HostId, kind: TimerKind, delayMs: number): void {
    const due = this.params.timerWheel
      ? wheelExpiryMs(this.clock, delayMs, this.params.jiffyMs)
      : this.clock + delayMs;
    const armed = this.timersOf(host);
    const slot = timerSlot(kind);
    const armedSince = armed[slot]?.armedSince ?? this.timersArmedFromUnarmed++;
    const timer: TimerItem = { kind: "timer", host, timer: kind, due, armedSince };
    armed[slot] = timer;
    this.queue.push(due, RANK_NETWORK, timer);
    this.onTimerArmed?.({ host, kind, at: this.clock, due });
  }

  private isStale(item: QueueItem): boolean {
    if (item.kind === "segment") return this.inFlight[item.id] !== true;
    if (item.kind === "timer") return this.timersOf(item.host)[timerSlot(item.timer)] !== item;
    return false;
  }

  private skipStaleTimers(): void {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || !this.isStale(next.item)) return;
      this.queue.pop();
    }
  }

  private process(item: QueueItem): void {
    switch (item.kind) {
      case "segment":
        return this.deliver(item);
      case "action":
        return this.perform(item.action);
      case "timer": {
        this.timersOf(item.host)[timerSlot(item.timer)] = undefined;
        this.emit({ kind: "timer", host: item.host, timer: item.timer });
        handleTimer(this.endpointOf(item.host), item.timer);
        return;
      }
    }
  }

  private perform(action: Action): void {
    if (action.do === "link") return this.setLink(action.up);
    if (action.do === "drop") {
      const record = this.segmentList[action.segment - 1];
      if (record === undefined || this.inFlight[action.segment] !== true) {
        this.emit({ kind: "note", host: record?.from ?? "client", text: notInFlightText(action.segment) });
        return;
      }
      this.inFlight[action.segment] = false;
      record.dropped = true;
      record.arriveAt = null;
      record.dropReason = "manual";
      if (this.cliOrderRecords) this.segmentList[action.segment - 1] = segmentInCliOrder(record);
      this.emit({ kind: "drop", segment: action.segment, reason: "manual" });
      return;
    }
    handleAppCall(this.endpoints[action.host], action);
  }

  /** The link goes down (everything on the wire is lost, nothing gets through) or comes back. */
  private setLink(up: boolean): void {
    if (up === this.linkUp) return;
    this.linkUp = up;
    this.emit({ kind: "link", up });
    if (up) return;
    for (let id = 1; id < this.inFlight.length; id++) {
      const record = this.segmentList[id - 1];
      if (this.inFlight[id] !== true || record === undefined) continue;
      this.inFlight[id] = false;
      record.dropped = true;
      record.arriveAt = null;
      record.dropReason = "link";
      if (this.cliOrderRecords) this.segmentList[id - 1] = segmentInCliOrder(record);
      this.emit({ kind: "drop", segment: id, reason: "link" });
    }
  }

  private deliver(segment: SentSegment): void {
    const id = segment.id;
    const record = this.segmentList[id - 1];
    if (record === undefined) return;
    this.inFlight[id] = false;
    this.record(TRACE_DELIVER + hostBit(record.to), id);
    handleSegment(this.endpointOf(record.to), segment);
  }
}

/**
 * A sent segment's record with the keys in the CLI contract's order (`dropReason` only when it
 * was dropped; `purpose` is added by the caller when set). One literal per shape, `win` included,
 * so a record is one object with its fields in place (hot path).
 */
function cliOrderRecord(id: number, t: number, segment: SentSegment, n: number, drop: DropReason | null, arriveAt: number): SegmentRecord {
  const from = segment.from;
  const ack = segment.ack ? segment.ackNo : null;
  return drop === null
    ? { t, from, to: peerOf(from), flags: flagNames(segment), seq: segment.seq, ack, len: segment.len, dropped: false,
        id, n, retransmission: segment.retransmission, arriveAt, win: segment.window }
    : { t, from, to: peerOf(from), flags: flagNames(segment), seq: segment.seq, ack, len: segment.len, dropped: true,
        id, n, retransmission: segment.retransmission, arriveAt: null, dropReason: drop, win: segment.window };
}

/** The same record with the keys in SegmentRecord's documented order (what a live simulation shows). */
function documentedOrderRecord(id: number, t: number, segment: SentSegment, n: number, drop: DropReason | null, arriveAt: number): SegmentRecord {
  const from = segment.from;
  const ack = segment.ack ? segment.ackNo : null;
  return drop === null
    ? { id, t, from, to: peerOf(from), flags: flagNames(segment), seq: segment.seq, ack, len: segment.len, dropped: false,
        retransmission: segment.retransmission, arriveAt, n, win: segment.window }
    : { id, t, from, to: peerOf(from), flags: flagNames(segment), seq: segment.seq, ack, len: segment.len, dropped: true,
        retransmission: segment.retransmission, arriveAt: null, n, dropReason: drop, win: segment.window };
}

/** A copy with the CLI contract's keys first, in its order, then the extras (keys added in that order, no spreads). */
export function segmentInCliOrder(segment: SegmentRecord): SegmentRecord {
  const out = {
    t: segment.t,
    from: segment.from,
    to: segment.to,
    flags: segment.flags.slice() as readonly TcpFlag[],
    seq: segment.seq,
    ack: segment.ack,
    len: segment.len,
    dropped: segment.dropped,
    id: segment.id,
    n: segment.n,
    retransmission: segment.retransmission,
    arriveAt: segment.arriveAt,
  } as SegmentRecord;
  if (segment.dropReason !== undefined) out.dropReason = segment.dropReason;
  if (segment.duplicateOf !== undefined) out.duplicateOf = segment.duplicateOf;
  out.win = segment.win;
  if (segment.purpose !== undefined) out.purpose = segment.purpose;
  return out;
}
