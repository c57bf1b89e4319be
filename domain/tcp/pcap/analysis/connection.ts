import type { EndpointKey, TcpPacket } from "../decode/decode-packet";
import { TcpFlag, type TcpOptions } from "../decode/tcp-header";
import { formatEpoch, millisecondsBetween, type CaptureTimestamp } from "../timestamp";
import type {
  CaptureConnection,
  CaptureConnectionSummary,
  CaptureSegment,
  EcnFlagName,
  Role,
  RoleBasis,
  SegmentOptions,
  TcpFlagName,
} from "../types";
import { rolesFromFirstSegment } from "./roles";
import { seqSub } from "./sequence-numbers";
import { StateInference } from "./state-inference";
import { WiresharkSequenceAnalysis } from "./wireshark-sequence-analysis";

const FLAG_NAMES: [number, TcpFlagName][] = [
  [TcpFlag.FIN, "FIN"],
  [TcpFlag.SYN, "SYN"],
  [TcpFlag.RST, "RST"],
  [TcpFlag.PSH, "PSH"],
  [TcpFlag.ACK, "ACK"],
  [TcpFlag.URG, "URG"],
];
const ECN_NAMES: [number, EcnFlagName][] = [
  [TcpFlag.ECE, "ECE"],
  [TcpFlag.CWR, "CWR"],
  [TcpFlag.AE, "AE"],
];
const ECN_BITS = TcpFlag.ECE | TcpFlag.CWR | TcpFlag.AE;

/** One frozen name list per combination of the six flags: segments share them instead of each allocating one. */
const FLAG_LISTS: readonly (readonly TcpFlagName[])[] = Array.from({ length: 64 }, (_, bits) =>
  Object.freeze(FLAG_NAMES.filter(([bit]) => bits & bit).map(([, name]) => name)),
);

/** Receives each segment as soon as it is decided (`tcp pcap --ndjson`), instead of it being kept. */
export type SegmentSink = (segment: CaptureSegment) => void;

/**
 * One TCP connection (one incarnation of a 4-tuple) being assembled from its segments. What it
 * keeps per connection is bounded (counters, the sequence and state analysis); segments are kept
 * only up to `maxSegments`, and given to `sink` as they are decided when there is one.
 */
export class ConnectionBuilder {
  /** [sender, receiver] of the first segment; direction 0 is from the first. */
  private readonly endpoints: [string, string];
  private readonly firstSender: EndpointKey;
  /** The higher of the two endpoint keys (the tracker files connections under the lower one). */
  readonly highKey: EndpointKey;
  private readonly clientDirection: 0 | 1;
  private readonly roleBasis: RoleBasis;
  private readonly start: CaptureTimestamp;
  private readonly sequence = new WiresharkSequenceAnalysis();
  private readonly states: StateInference;
  private readonly notes: string[];
  /** Created on the first kept segment: a summary over many connections keeps none. */
  private segments: CaptureSegment[] | null = null;
  private segmentCount = 0;
  private sawFragment = false;
  private finished = false;
  private lastTime = 0;
  // Counts per direction (0: from the first sender), as fields: 100,000 connections add up.
  private packets0 = 0;
  private packets1 = 0;
  private bytes0 = 0;
  private bytes1 = 0;
  private retransmissions0 = 0;
  private retransmissions1 = 0;

  constructor(
    first: TcpPacket,
    time: CaptureTimestamp,
    private readonly maxSegments: number,
    private readonly sink?: SegmentSink,
  ) {
    this.endpoints = [first.source, first.destination];
    this.firstSender = first.sourceKey;
    this.highKey = first.sourceKey < first.destinationKey ? first.destinationKey : first.sourceKey;
    const roles = rolesFromFirstSegment(first);
    this.clientDirection = roles.firstSenderIsClient ? 0 : 1;
    this.roleBasis = roles.basis;
    this.start = time;
    this.states = new StateInference(roles.start);
    this.notes = roles.notes;
  }

  /**
   * A SYN (without ACK) from an end whose sequence numbers are already known, with a different
   * sequence number, opens a new connection on the same 4-tuple (Wireshark does the same).
   */
  isNewIncarnation(packet: TcpPacket): boolean {
    const { flags, sequenceNumber } = packet.tcp;
    if ((flags & (TcpFlag.SYN | TcpFlag.ACK)) !== TcpFlag.SYN) return false;
    const direction = this.directionOf(packet);
    return this.sequence.hasBase(direction) && this.sequence.baseOf(direction) !== sequenceNumber;
  }

  noteReusedBy(frame: number): void {
    this.notes.push(`its 4-tuple is reused by a new connection from frame ${frame}`);
  }

  add(packet: TcpPacket, time: CaptureTimestamp): void {
    const { tcp } = packet;
    const direction = this.directionOf(packet);
    const from: Role = direction === this.clientDirection ? "client" : "server";
    const t = millisecondsBetween(this.start, time);
    const view = this.sequence.analyze(direction, tcp, t);
    const index = this.segmentCount++;
    const timestamps = tcp.options?.timestamps;
    this.states.observe({
      index,
      from,
      flags: tcp.flags,
      seq: tcp.sequenceNumber,
      ack: tcp.acknowledgmentNumber,
      len: tcp.payloadLength,
      ...(timestamps ? { tsval: timestamps.value, tsecr: timestamps.echo } : {}),
    });
    if (packet.fragmented && !this.sawFragment) {
      this.sawFragment = true;
      this.notes.push("some segments came in fragmented IP datagrams: their len covers the first fragment only");
    }
    if (direction === 0) {
      this.packets0++;
      this.bytes0 += tcp.payloadLength;
      if (view.retransmission) this.retransmissions0++;
    } else {
      this.packets1++;
      this.bytes1 += tcp.payloadLength;
      if (view.retransmission) this.retransmissions1++;
    }
    if (t > this.lastTime) this.lastTime = t;
    const keep = (this.segments?.length ?? 0) < this.maxSegments;
    if (!keep && this.sink === undefined) return;
    const segment: CaptureSegment = {
      frame: packet.packet.frame,
      t,
      from,
      flags: FLAG_LISTS[tcp.flags & 0x3f] as readonly TcpFlagName[],
      seq: view.seq,
      ack: view.ack,
      len: tcp.payloadLength,
      window: tcp.window,
    };
    if (tcp.flags & ECN_BITS) segment.ecn = ECN_NAMES.filter(([bit]) => tcp.flags & bit).map(([, name]) => name);
    if (view.windowSize !== undefined) segment.windowSize = view.windowSize;
    if (view.retransmission) segment.retransmission = true;
    const options = segmentOptions(tcp.options, view.receiverBase);
    if (options) segment.options = options;
    this.sink?.(segment);
    if (keep) (this.segments ??= []).push(segment);
  }

  finish(): CaptureConnection {
    this.finishStates();
    const clientDirection = this.clientDirection;
    const serverDirection = clientDirection === 0 ? 1 : 0;
    const connection: CaptureConnection = {
      client: this.endpoints[clientDirection],
      server: this.endpoints[serverDirection],
      roleBasis: this.roleBasis,
      start: formatEpoch(this.start),
      isn: {
        client: this.sequence.initialSequenceNumber(clientDirection),
        server: this.sequence.initialSequenceNumber(serverDirection),
      },
      segments: this.segments ?? [],
      states: this.states.paths,
      transitions: this.states.transitions,
      notes: [...this.notes, ...this.states.notes],
    };
    const omitted = this.segmentCount - (this.segments?.length ?? 0);
    if (omitted > 0) connection.segmentsOmitted = omitted;
    return connection;
  }

  /** The connection in one row: no segments, the counts and state paths the full analysis would show. */
  summary(): CaptureConnectionSummary {
    this.finishStates();
    const clientFirst = this.clientDirection === 0;
    const pair = (first: number, second: number) => (clientFirst ? { client: first, server: second } : { client: second, server: first });
    const paths = this.states.paths;
    return {
      client: this.endpoints[this.clientDirection],
      server: this.endpoints[clientFirst ? 1 : 0],
      start: formatEpoch(this.start),
      duration: this.lastTime,
      packets: pair(this.packets0, this.packets1),
      bytes: pair(this.bytes0, this.bytes1),
      retransmissions: pair(this.retransmissions0, this.retransmissions1),
      states: paths,
      final: { client: paths.client[paths.client.length - 1]!, server: paths.server[paths.server.length - 1]! },
    };
  }

  private finishStates(): void {
    if (this.finished) return;
    this.finished = true;
    this.states.finish();
  }

  private directionOf(packet: TcpPacket): 0 | 1 {
    return packet.sourceKey === this.firstSender ? 0 : 1;
  }
}

/** The decoded options, with SACK edges made relative like seq and ack (a copy only then). */
function segmentOptions(options: TcpOptions | undefined, receiverBase: number): SegmentOptions | undefined {
  if (options?.sack === undefined) return options;
  return { ...options, sack: options.sack.map(({ left, right }) => ({ left: seqSub(left, receiverBase), right: seqSub(right, receiverBase) })) };
}
