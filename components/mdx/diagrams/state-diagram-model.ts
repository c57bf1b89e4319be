/**
 * The TCP connection state diagram of RFC 9293 §3.3.2 (Figure 5), as data: where each state is
 * drawn and every transition with its event and action. Kept apart from the SVG so the text
 * description and the drawing can never disagree.
 */
import type { TcpState } from "@/domain/tcp/types";
import { diagramWords } from "@/lib/i18n/words/diagrams";
import type { Locale } from "@/domain/locale";

export type DiagramNode = {
  /** Unique within the diagram: CLOSED is drawn twice, as the start and the end. */
  id: string;
  state: TcpState;
  x: number;
  y: number;
};

export type DiagramEdge = {
  from: string;
  to: string;
  /** What happens: the event before the slash and the segment sent after it, as in the RFC. */
  event: string;
  action?: string;
  /** Polyline through these points (first and last lie on the two boxes). */
  points: ReadonlyArray<readonly [number, number]>;
  /** Where the label goes and how it is anchored. */
  label: { x: number; y: number; anchor: "start" | "middle" | "end" };
  /** Not in RFC 9293's figure but allowed by its text (and common in captures). */
  extra?: boolean;
};

export const BOX_WIDTH = 132;
export const BOX_HEIGHT = 36;

export const STATE_NODES: readonly DiagramNode[] = [
  { id: "closed-start", state: "CLOSED", x: 360, y: 30 },
  { id: "listen", state: "LISTEN", x: 360, y: 130 },
  { id: "syn-received", state: "SYN-RECEIVED", x: 140, y: 240 },
  { id: "syn-sent", state: "SYN-SENT", x: 580, y: 240 },
  { id: "established", state: "ESTABLISHED", x: 360, y: 350 },
  { id: "fin-wait-1", state: "FIN-WAIT-1", x: 140, y: 460 },
  { id: "close-wait", state: "CLOSE-WAIT", x: 580, y: 460 },
  { id: "fin-wait-2", state: "FIN-WAIT-2", x: 80, y: 580 },
  { id: "closing", state: "CLOSING", x: 280, y: 580 },
  { id: "last-ack", state: "LAST-ACK", x: 580, y: 580 },
  { id: "time-wait", state: "TIME-WAIT", x: 175, y: 700 },
  { id: "closed-end", state: "CLOSED", x: 580, y: 700 },
];

export const STATE_EDGES: readonly DiagramEdge[] = [
  {
    from: "closed-start",
    to: "listen",
    event: "passive OPEN",
    action: "create TCB",
    points: [
      [380, 48],
      [380, 112],
    ],
    label: { x: 388, y: 76, anchor: "start" },
  },
  {
    from: "closed-start",
    to: "syn-sent",
    event: "active OPEN",
    action: "snd SYN",
    points: [
      [426, 30],
      [620, 30],
      [620, 222],
    ],
    label: { x: 628, y: 92, anchor: "start" },
  },
  {
    from: "listen",
    to: "syn-received",
    event: "rcv SYN",
    action: "snd SYN,ACK",
    points: [
      [294, 130],
      [140, 130],
      [140, 222],
    ],
    label: { x: 148, y: 166, anchor: "start" },
  },
  {
    from: "listen",
    to: "syn-sent",
    event: "SEND",
    action: "snd SYN",
    points: [
      [426, 130],
      [556, 130],
      [556, 222],
    ],
    label: { x: 548, y: 166, anchor: "end" },
  },
  {
    from: "syn-sent",
    to: "syn-received",
    event: "rcv SYN",
    action: "snd SYN,ACK",
    points: [
      [514, 240],
      [206, 240],
    ],
    label: { x: 360, y: 230, anchor: "middle" },
  },
  {
    from: "syn-received",
    to: "established",
    event: "rcv ACK of SYN",
    points: [
      [160, 258],
      [160, 350],
      [294, 350],
    ],
    label: { x: 168, y: 300, anchor: "start" },
  },
  {
    from: "syn-sent",
    to: "established",
    event: "rcv SYN,ACK",
    action: "snd ACK",
    points: [
      [580, 258],
      [580, 350],
      [426, 350],
    ],
    label: { x: 572, y: 296, anchor: "end" },
  },
  {
    from: "syn-received",
    to: "fin-wait-1",
    event: "CLOSE",
    action: "snd FIN",
    points: [
      [96, 258],
      [96, 442],
    ],
    label: { x: 88, y: 346, anchor: "end" },
  },
  {
    from: "established",
    to: "fin-wait-1",
    event: "CLOSE",
    action: "snd FIN",
    points: [
      [320, 368],
      [320, 460],
      [206, 460],
    ],
    label: { x: 312, y: 406, anchor: "end" },
  },
  {
    from: "established",
    to: "close-wait",
    event: "rcv FIN",
    action: "snd ACK",
    points: [
      [400, 368],
      [400, 460],
      [514, 460],
    ],
    label: { x: 408, y: 406, anchor: "start" },
  },
  {
    from: "fin-wait-1",
    to: "fin-wait-2",
    event: "rcv ACK of FIN",
    points: [
      [100, 478],
      [100, 562],
    ],
    label: { x: 92, y: 514, anchor: "end" },
  },
  {
    from: "fin-wait-1",
    to: "closing",
    event: "rcv FIN",
    action: "snd ACK",
    points: [
      [196, 478],
      [252, 562],
    ],
    label: { x: 232, y: 508, anchor: "start" },
  },
  {
    from: "fin-wait-1",
    to: "time-wait",
    event: "rcv FIN,ACK",
    action: "snd ACK",
    points: [
      [175, 478],
      [175, 682],
    ],
    label: { x: 168, y: 628, anchor: "end" },
    extra: true,
  },
  {
    from: "fin-wait-2",
    to: "time-wait",
    event: "rcv FIN",
    action: "snd ACK",
    points: [
      [40, 598],
      [40, 700],
      [109, 700],
    ],
    label: { x: 48, y: 652, anchor: "start" },
  },
  {
    from: "closing",
    to: "time-wait",
    event: "rcv ACK of FIN",
    points: [
      [300, 598],
      [300, 700],
      [241, 700],
    ],
    label: { x: 308, y: 652, anchor: "start" },
  },
  {
    from: "close-wait",
    to: "last-ack",
    event: "CLOSE",
    action: "snd FIN",
    points: [
      [580, 478],
      [580, 562],
    ],
    label: { x: 588, y: 514, anchor: "start" },
  },
  {
    from: "last-ack",
    to: "closed-end",
    event: "rcv ACK of FIN",
    points: [
      [580, 598],
      [580, 682],
    ],
    label: { x: 588, y: 634, anchor: "start" },
  },
  {
    from: "time-wait",
    to: "closed-end",
    event: "timeout 2MSL",
    action: "delete TCB",
    points: [
      [175, 718],
      [175, 746],
      [580, 746],
      [580, 718],
    ],
    label: { x: 378, y: 738, anchor: "middle" },
  },
];

const NODE_BY_ID = new Map(STATE_NODES.map((node) => [node.id, node]));

export function nodeState(id: string): TcpState {
  const node = NODE_BY_ID.get(id);
  if (!node) throw new Error(`Unknown diagram node ${id}`);
  return node.state;
}

/** One sentence per transition, for screen readers and the text version below the drawing. */
export function describeEdge(edge: DiagramEdge, locale: Locale = "en"): string {
  return diagramWords(locale).states.edge(nodeState(edge.from), nodeState(edge.to), edge.event, edge.action);
}
