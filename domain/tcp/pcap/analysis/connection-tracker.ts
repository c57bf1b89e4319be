import { endpointText, type EndpointKey } from "../decode/decode-packet";
import type { SegmentRecord } from "../decode/segment-record";
import { TcpFlag } from "../decode/tcp-header";
import { captureNote, type CaptureNote } from "../errors";
import { SummaryRowBytes } from "../summary-bytes";
import { formatEpochOf } from "../timestamp";
import type { CaptureConnection, CaptureConnectionSummary, CaptureSegment, Role, RoleBasis } from "../types";
import { grownCapacity, withCapacity } from "./columns";
import { ConnectionTable } from "./connection-table";
import { captureSegment } from "./connection";
import { rolesFromFirstSegment } from "./roles";
import { StateInference } from "./state-inference";
import { SequenceView, WiresharkSequenceAnalysis } from "./wireshark-sequence-analysis";

/** Called with each segment as soon as it is decided, and the index of its connection (in order of first segment). */
export type ConnectionSegmentSink = (connection: number, segment: CaptureSegment) => void;

export interface TrackerOptions {
  /** Segments listed per connection (all are analysed). */
  maxSegmentsPerConnection: number;
  onSegment?: ConnectionSegmentSink;
  /** Record each state change with its evidence (the full analysis); a summary needs the paths alone. */
  transitions: boolean;
  /**
   * How many connections the whole capture will have, judged from the `count` so far (the
   * capture's size is known): the columns then grow to that at once instead of fourfold.
   */
  projectedConnections?: (count: number) => number;
}

const ROLES: readonly Role[] = ["client", "server"];
const ROLE_BASES: readonly RoleBasis[] = ["syn", "syn-ack", "port", "first-segment"];
const SAW_FRAGMENT = 1;
const FINISHED = 2;
const NONE = -1;
/** Connections read before the capture's size projects how many there will be. */
const PROJECT_AFTER = 1024;

/**
 * Groups TCP segments into connections (by 4-tuple, and by incarnation when a 4-tuple is reused)
 * and analyses each as its segments arrive: counters, Wireshark's sequence analysis and the
 * state inference. Connections are numbered in the order of their first segment, and everything
 * kept per connection is in columns (analysis/columns.ts): counters, times and the analyses' own
 * state. Segments are built only to be listed (up to `maxSegmentsPerConnection`) or handed to
 * `onSegment` as they are decided.
 */
export class ConnectionTracker {
  /** Current connection of each 4-tuple. */
  private readonly current = new ConnectionTable();
  /** The previous packet's 4-tuple and its connection (NONE before the first packet). */
  private lastLow: EndpointKey = Number.NaN;
  private lastHigh: EndpointKey = Number.NaN;
  private lastConnection = NONE;
  private count = 0;
  private readonly sequence = new WiresharkSequenceAnalysis();
  private readonly states: StateInference;
  private readonly view = new SequenceView();

  // Per connection. Direction 0 is from the connection's first sender.
  private readonly firstSender: EndpointKey[] = [];
  private readonly firstReceiver: EndpointKey[] = [];
  private clientDirection = new Uint8Array(0);
  private roleBasis = new Uint8Array(0);
  private startSeconds = new Float64Array(0);
  private startNanoseconds = new Float64Array(0);
  /** Milliseconds from the first segment to the latest. */
  private lastTime = new Float64Array(0);
  private segmentCount = new Uint32Array(0);
  private connectionFlags = new Uint8Array(0);
  // Per connection and direction (connection * 2 + direction).
  private packets = new Float64Array(0);
  private bytes = new Float64Array(0);
  private retransmissions = new Float64Array(0);
  /** Frame of the SYN that reused the connection's 4-tuple for a new connection (0: none). */
  private reusedFromFrame = new Float64Array(0);
  /** What the roles were judged from, for connections whose capture starts after the SYN. */
  private readonly rolesNotes = new Map<number, readonly CaptureNote[]>();
  private readonly kept: (CaptureSegment[] | undefined)[] = [];

  constructor(private readonly options: TrackerOptions) {
    this.states = new StateInference(options.transitions);
  }

  add(segment: SegmentRecord): void {
    const { sourceKey, destinationKey } = segment;
    // Both keys of a packet are numbers (IPv4) or both strings (IPv6), so < compares like with like.
    const low = sourceKey < destinationKey ? sourceKey : destinationKey;
    const high = sourceKey < destinationKey ? destinationKey : sourceKey;
    // Packets of one connection tend to come in runs: the previous packet's answer saves the lookup.
    let connection = low === this.lastLow && high === this.lastHigh ? this.lastConnection : this.current.get(low, high);
    if (connection !== NONE && this.isNewIncarnation(connection, segment)) {
      // Its last note: the connection gets no segment after this.
      this.reusedFromFrame[connection] = segment.frame;
      connection = NONE;
    }
    if (connection === NONE) {
      connection = this.open(segment);
      this.current.set(low, high, connection);
    }
    this.lastLow = low;
    this.lastHigh = high;
    this.lastConnection = connection;
    this.addTo(connection, segment);
  }

  /** Connections in the order of their first segment. */
  finish(): CaptureConnection[] {
    if (!this.options.transitions) throw new Error("the state transitions were not recorded: this analysis can only be summarised");
    const connections: CaptureConnection[] = [];
    for (let connection = 0; connection < this.count; connection++) connections.push(this.connection(connection));
    return connections;
  }

  /** One row per connection, in the order of their first segment, each made as it is asked for. */
  *summaries(): Generator<CaptureConnectionSummary> {
    for (let connection = 0; connection < this.count; connection++) yield this.summary(connection);
  }

  /**
   * `summaryLine` of each row of `summaries()` and its newline, written as bytes straight from the
   * columns (`tcp pcap --summary`): no row object and no string per row. Yields the rows about
   * `chunkBytes` at a time, all in one buffer: write each chunk out before asking for the next.
   */
  *summaryBytes(chunkBytes: number): Generator<Uint8Array> {
    const rows = new SummaryRowBytes(chunkBytes);
    for (let connection = 0; connection < this.count; connection++) {
      this.finishStates(connection);
      const clientFirst = this.clientDirection[connection] === 0;
      const client = connection * 2 + (clientFirst ? 0 : 1);
      const server = connection * 2 + (clientFirst ? 1 : 0);
      rows.row(
        clientFirst ? this.firstSender[connection]! : this.firstReceiver[connection]!,
        clientFirst ? this.firstReceiver[connection]! : this.firstSender[connection]!,
        this.startSeconds[connection]!,
        this.startNanoseconds[connection]!,
        this.lastTime[connection]!,
        this.packets,
        this.bytes,
        this.retransmissions,
        client,
        server,
        this.states.pathText(connection * 2),
        this.states.pathText(connection * 2 + 1),
        this.states.finalState(connection * 2),
        this.states.finalState(connection * 2 + 1),
      );
      if (rows.length >= chunkBytes) yield rows.take();
    }
    if (rows.length > 0) yield rows.take();
  }

  private open(first: SegmentRecord): number {
    const connection = this.count++;
    const roles = rolesFromFirstSegment(first);
    if (connection >= this.clientDirection.length) this.reserve(this.capacityFor(connection + 1));
    this.firstSender.push(first.sourceKey);
    this.firstReceiver.push(first.destinationKey);
    this.clientDirection[connection] = roles.firstSenderIsClient ? 0 : 1;
    this.roleBasis[connection] = ROLE_BASES.indexOf(roles.basis);
    this.startSeconds[connection] = first.seconds;
    this.startNanoseconds[connection] = first.nanoseconds;
    if (roles.notes.length > 0) this.rolesNotes.set(connection, roles.notes);
    this.sequence.addConnection(connection);
    this.states.addConnection(connection, roles.start);
    return connection;
  }

  /**
   * Room for `needed` connections: fourfold, or at once for as many as the capture is projected to
   * have. Every column is copied when it grows, and a copy touches fresh memory: growing fourfold
   * past 65,536 connections copied nearly as much as the capture's 100,000 connections then filled.
   */
  private capacityFor(needed: number): number {
    const { projectedConnections } = this.options;
    // The first connections say little about the rest of the capture; their columns are small.
    if (needed <= PROJECT_AFTER || projectedConnections === undefined) return grownCapacity(this.clientDirection.length, needed);
    return Math.max(needed, this.clientDirection.length * 2, Math.ceil(projectedConnections(this.count)));
  }

  /** Room for exactly `connections` connections in every column, here and in the analyses. */
  private reserve(connections: number): void {
    this.clientDirection = withCapacity(this.clientDirection, connections);
    this.roleBasis = withCapacity(this.roleBasis, connections);
    this.startSeconds = withCapacity(this.startSeconds, connections);
    this.startNanoseconds = withCapacity(this.startNanoseconds, connections);
    this.lastTime = withCapacity(this.lastTime, connections);
    this.segmentCount = withCapacity(this.segmentCount, connections);
    this.connectionFlags = withCapacity(this.connectionFlags, connections);
    this.reusedFromFrame = withCapacity(this.reusedFromFrame, connections);
    this.packets = withCapacity(this.packets, connections * 2);
    this.bytes = withCapacity(this.bytes, connections * 2);
    this.retransmissions = withCapacity(this.retransmissions, connections * 2);
    this.sequence.reserve(connections);
    this.states.reserve(connections);
  }

  private addTo(connection: number, segment: SegmentRecord): void {
    const direction = segment.sourceKey === this.firstSender[connection] ? 0 : 1;
    const from = direction === this.clientDirection[connection] ? 0 : 1;
    const t = (segment.seconds - this.startSeconds[connection]!) * 1000 + (segment.nanoseconds - this.startNanoseconds[connection]!) / 1e6;
    const view = this.view;
    this.sequence.segmentTime[0] = t;
    this.sequence.analyze(connection, direction, segment, view);
    const index = this.segmentCount[connection]!;
    this.segmentCount[connection] = index + 1;
    this.states.observe(connection, index, from, segment);
    if (segment.fragmented) this.connectionFlags[connection] = this.connectionFlags[connection]! | SAW_FRAGMENT;
    const flow = connection * 2 + direction;
    this.packets[flow] = this.packets[flow]! + 1;
    this.bytes[flow] = this.bytes[flow]! + segment.len;
    // Added every time: a first retransmission late in a capture would otherwise meet optimized code
    // that has never run this line and throw it away.
    this.retransmissions[flow] = this.retransmissions[flow]! + (view.retransmission ? 1 : 0);
    if (t > this.lastTime[connection]!) this.lastTime[connection] = t;

    const { maxSegmentsPerConnection, onSegment } = this.options;
    const kept = this.kept[connection];
    const keep = (kept?.length ?? 0) < maxSegmentsPerConnection;
    if (!keep && onSegment === undefined) return;
    const listed = captureSegment(segment, t, ROLES[from]!, view);
    onSegment?.(connection, listed);
    if (!keep) return;
    if (kept) kept.push(listed);
    else this.kept[connection] = [listed];
  }

  /**
   * A SYN (without ACK) from an end whose sequence numbers are already known, with a different
   * sequence number, opens a new connection on the same 4-tuple (Wireshark does the same).
   */
  private isNewIncarnation(connection: number, segment: SegmentRecord): boolean {
    if ((segment.flags & (TcpFlag.SYN | TcpFlag.ACK)) !== TcpFlag.SYN) return false;
    const direction = segment.sourceKey === this.firstSender[connection] ? 0 : 1;
    return this.sequence.hasBase(connection, direction) && this.sequence.baseOf(connection, direction) !== segment.seq;
  }

  /** The connection's notes, in the order they arose, then the state inference's. */
  private notes(connection: number): CaptureNote[] {
    const notes = [...(this.rolesNotes.get(connection) ?? [])];
    if (this.connectionFlags[connection]! & SAW_FRAGMENT) notes.push(captureNote("fragmented-segments", {}));
    const reused = this.reusedFromFrame[connection]!;
    if (reused > 0) notes.push(captureNote("tuple-reused", { frame: reused }));
    notes.push(...this.states.notes(connection));
    return notes;
  }

  private finishStates(connection: number): void {
    if (this.connectionFlags[connection]! & FINISHED) return;
    this.connectionFlags[connection] = this.connectionFlags[connection]! | FINISHED;
    this.states.finish(connection);
  }

  private endpoint(connection: number, direction: number): string {
    return endpointText(direction === 0 ? this.firstSender[connection]! : this.firstReceiver[connection]!);
  }

  private start(connection: number): string {
    return formatEpochOf(this.startSeconds[connection]!, this.startNanoseconds[connection]!);
  }

  private connection(connection: number): CaptureConnection {
    this.finishStates(connection);
    const clientDirection = this.clientDirection[connection]! as 0 | 1;
    const serverDirection = clientDirection === 0 ? 1 : 0;
    const segments = this.kept[connection] ?? [];
    const result: CaptureConnection = {
      client: this.endpoint(connection, clientDirection),
      server: this.endpoint(connection, serverDirection),
      roleBasis: ROLE_BASES[this.roleBasis[connection]!]!,
      start: this.start(connection),
      isn: {
        client: this.sequence.initialSequenceNumber(connection, clientDirection),
        server: this.sequence.initialSequenceNumber(connection, serverDirection),
      },
      segments,
      states: this.states.paths(connection),
      transitions: this.states.transitions(connection),
      notes: this.notes(connection),
    };
    const omitted = this.segmentCount[connection]! - segments.length;
    if (omitted > 0) result.segmentsOmitted = omitted;
    return result;
  }

  /** The connection in one row: no segments, the counts and state paths the full analysis would show. */
  private summary(connection: number): CaptureConnectionSummary {
    this.finishStates(connection);
    const clientFirst = this.clientDirection[connection] === 0;
    const client = connection * 2 + (clientFirst ? 0 : 1);
    const server = connection * 2 + (clientFirst ? 1 : 0);
    const pair = (column: Float64Array) => ({ client: column[client]!, server: column[server]! });
    const paths = this.states.paths(connection);
    return {
      client: this.endpoint(connection, clientFirst ? 0 : 1),
      server: this.endpoint(connection, clientFirst ? 1 : 0),
      start: this.start(connection),
      duration: this.lastTime[connection]!,
      packets: pair(this.packets),
      bytes: pair(this.bytes),
      retransmissions: pair(this.retransmissions),
      states: paths,
      final: { client: paths.client[paths.client.length - 1]!, server: paths.server[paths.server.length - 1]! },
    };
  }
}
