import type { EndpointKey, TcpPacket } from "../decode/decode-packet";
import { TcpFlag, type TcpOptions } from "../decode/tcp-header";
import { formatEpoch, millisecondsBetween, type CaptureTimestamp } from "../timestamp";
import type {
  CaptureConnection,
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

/** One TCP connection (one incarnation of a 4-tuple) being assembled from its segments. */
export class ConnectionBuilder {
  /** [sender, receiver] of the first segment; direction 0 is from the first. */
  private readonly endpoints: [string, string];
  private readonly firstSender: EndpointKey;
  private readonly clientDirection: 0 | 1;
  private readonly roleBasis: RoleBasis;
  private readonly start: CaptureTimestamp;
  private readonly sequence = new WiresharkSequenceAnalysis();
  private readonly states: StateInference;
  private readonly notes: string[];
  private readonly segments: CaptureSegment[] = [];
  private segmentCount = 0;
  private sawFragment = false;

  constructor(
    first: TcpPacket,
    time: CaptureTimestamp,
    private readonly maxSegments: number,
  ) {
    this.endpoints = [first.source, first.destination];
    this.firstSender = first.sourceKey;
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
    if (this.segments.length >= this.maxSegments) return;
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
    this.segments.push(segment);
  }

  finish(): CaptureConnection {
    this.states.finish();
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
      segments: this.segments,
      states: this.states.paths,
      transitions: this.states.transitions,
      notes: [...this.notes, ...this.states.notes],
    };
    const omitted = this.segmentCount - this.segments.length;
    if (omitted > 0) connection.segmentsOmitted = omitted;
    return connection;
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
