/**
 * What a ladder diagram draws, derived from an engine run or from a captured connection:
 * arrows (one per segment) and marks on the host lines (calls, states, errors), each tagged with
 * the step at which it appears, so a view at any cursor only filters. x positions depend on the
 * width and are left to the view.
 */
import { optionValueText, type HostId, type SimEvent } from "@/domain/tcp";
import type { CaptureConnection } from "@/domain/tcp/pcap";
import { formatDuration, formatSeconds, formatTime, segmentKind, segmentLabel, type SegmentKind } from "./format";
import { LADDER_METRICS, layoutSteps, yAtTime } from "./ladder-layout";
import { arrivalTime, type SimulatorRun } from "./run";
import type { Locale } from "@/domain/locale";

export interface LadderArrow {
  id: number;
  from: HostId;
  y1: number;
  /** Where it arrives, or would have arrived. */
  y2: number;
  /** Virtual times of sending and (expected) arrival: how far along an in-flight arrow is drawn. */
  t1: number;
  t2: number;
  /** Where it was lost (a point along the arrow), when it was. */
  lostFraction: number | null;
  label: string;
  /** Sentence for the text alternative and tooltips. */
  description: string;
  kind: SegmentKind;
  retransmission: boolean;
  sentStep: number;
  deliveredStep: number | null;
  lostStep: number | null;
}

export type MarkTone = "call" | "state" | "error" | "timer";

export interface LadderMark {
  host: HostId;
  y: number;
  step: number;
  text: string;
  tone: MarkTone;
}

export interface LadderModel {
  /** Total height of the drawing. */
  height: number;
  /** Row labels (time), one per row. */
  times: readonly { y: number; text: string }[];
  gaps: readonly { y: number; text: string }[];
  arrows: readonly LadderArrow[];
  marks: readonly LadderMark[];
  /** y of the row reached after each cursor (index = cursor). */
  cursorY: readonly number[];
  /** Virtual time after each cursor (index = cursor). */
  cursorT: readonly number[];
}

const MARK_LINE = 12;

/** Stacks marks that share a host and a row so they do not overlap. */
function placeMarks(marks: { host: HostId; rowY: number; step: number; text: string; tone: MarkTone }[]): LadderMark[] {
  const used = new Map<string, number>();
  return marks.map((mark) => {
    const key = `${mark.host}:${mark.rowY}`;
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    return { host: mark.host, y: mark.rowY - 4 + index * MARK_LINE, step: mark.step, text: mark.text, tone: mark.tone };
  });
}

/** The few words a ladder carries, per language (numbers, flags and states are the same in all). */
const TEXT = {
  en: {
    timers: {
      retransmit: "RTO fires",
      "loss-probe": "loss probe",
      "delayed-ack": "delayed ACK",
      "time-wait": "TIME-WAIT ends",
      "fin-wait-2": "FIN-WAIT-2 timeout",
      persist: "window probe timer",
      keepalive: "keep-alive timer",
      linger: "linger time up",
    } as Record<string, string>,
    hosts: { client: "client", server: "server" } as Record<HostId, string>,
    purposes: { "keepalive probe": " (keep-alive probe)", "window probe": " (zero-window probe)", "window update": " (window update)" } as Record<string, string>,
    link: { down: "link down", up: "link up" },
    retransmission: " (retransmission)",
    dropped: ", dropped",
    lost: ", lost",
    later: (duration: string) => `… ${duration} later`,
    frame: (frame: number, time: string) => `frame ${frame}, ${time}: `,
  },
  zh: {
    timers: {
      retransmit: "RTO 到期",
      "loss-probe": "丢失探测",
      "delayed-ack": "延迟确认",
      "time-wait": "TIME-WAIT 结束",
      "fin-wait-2": "FIN-WAIT-2 超时",
      persist: "零窗口探测定时器",
      keepalive: "保活定时器",
      linger: "linger 时间到",
    } as Record<string, string>,
    hosts: { client: "客户端", server: "服务端" } as Record<HostId, string>,
    purposes: { "keepalive probe": "（保活探测）", "window probe": "（零窗口探测）", "window update": "（窗口更新）" } as Record<string, string>,
    link: { down: "链路断开", up: "链路恢复" },
    retransmission: "（重传）",
    dropped: "，已丢弃",
    lost: "，丢失",
    later: (duration: string) => `…… ${duration}之后`,
    frame: (frame: number, time: string) => `第 ${frame} 帧，${time}：`,
  },
} as const;

/** An arrow's description without how it ended (", lost"), which the text alternative states itself. */
export function withoutFate(description: string): string {
  return description.replace(/(, (lost|dropped)|，(丢失|已丢弃))$/, "");
}

function markFor(event: SimEvent, locale: Locale): { host: HostId; text: string; tone: MarkTone } | null {
  switch (event.kind) {
    case "app":
      return { host: event.host, text: callMark(event), tone: "call" };
    case "transition":
      return { host: event.host, text: event.to, tone: "state" };
    case "error":
      return { host: event.host, text: event.code, tone: "error" };
    case "timer":
      return event.timer === "delayed-ack" ? null : { host: event.host, text: TEXT[locale].timers[event.timer] ?? event.timer, tone: "timer" };
    default:
      return null;
  }
}

/** "send(100)", "read() → 2920", "SO_RCVBUF=4096", "close()". */
function callMark(event: Extract<SimEvent, { kind: "app" }>): string {
  switch (event.call) {
    case "send":
      return `send(${event.bytes ?? 0})`;
    case "read":
      return `read(${event.bytes ?? ""}) → ${event.result ?? 0}`;
    case "setsockopt":
      return `${event.option}=${optionValueText(event.value)}`;
    default:
      return `${event.call}()`;
  }
}

/** The window is worth writing on an arrow when it is zero or announces that room opened up. */
function windowLabel(segment: { win: number; purpose?: string; flags: readonly string[] }): string {
  return (segment.win === 0 && !segment.flags.includes("RST")) || segment.purpose === "window update" ? ` win=${segment.win}` : "";
}

export function simulatorLadderModel(run: SimulatorRun, absolute: boolean, locale: Locale = "en"): LadderModel {
  const text = TEXT[locale];
  // What each step draws: its sends, and its notes per host line.
  const stepMarks: { host: HostId; text: string; tone: MarkTone }[][] = run.steps.map((step) => {
    const marks: { host: HostId; text: string; tone: MarkTone }[] = [];
    for (let e = step.first; e < step.end; e++) {
      const event = run.events[e];
      if (event?.kind === "link") {
        const linkText = event.up ? text.link.up : text.link.down;
        marks.push({ host: "client", text: linkText, tone: "error" }, { host: "server", text: linkText, tone: "error" });
        continue;
      }
      const mark = event === undefined ? null : markFor(event, locale);
      if (mark !== null) marks.push(mark);
    }
    return marks;
  });
  const sendIndex = new Map<number, number>();
  const sendsPerStep = run.steps.map(() => 0);
  for (const segment of run.segments) {
    const count = sendsPerStep[segment.sentStep] ?? 0;
    sendIndex.set(segment.id, count);
    sendsPerStep[segment.sentStep] = count + 1;
  }
  const layout = layoutSteps(
    run.steps.map((step, index) => {
      const marks = stepMarks[index] ?? [];
      const busiest = Math.max(marks.filter((m) => m.host === "client").length, marks.filter((m) => m.host === "server").length);
      return { t: step.t, sends: sendsPerStep[index] ?? 0, marks: busiest };
    }),
  );
  const stepY = (step: number) => layout.ys[step] ?? LADDER_METRICS.top;

  const arrows: LadderArrow[] = run.segments.map((segment) => {
    const y1 = stepY(segment.sentStep) + (sendIndex.get(segment.id) ?? 0) * LADDER_METRICS.stack;
    const arrival = arrivalTime(run, segment);
    const y2 =
      segment.deliveredStep !== null
        ? stepY(segment.deliveredStep)
        : Math.max(yAtTime(layout, arrival), y1 + LADDER_METRICS.row * 0.8);
    const lostAt = segment.lostStep === null ? null : (run.steps[segment.lostStep]?.t ?? segment.t);
    const span = arrival - segment.t;
    const lostFraction =
      lostAt === null ? null : Math.min(0.85, Math.max(0.45, span > 0 ? (lostAt - segment.t) / span : 0.45));
    const numbers = absolute ? segment : { ...segment, seq: segment.relSeq, ack: segment.relAck };
    const label = `${segmentLabel(numbers)}${windowLabel(segment)}`;
    const purpose = segment.purpose === undefined ? "" : (text.purposes[segment.purpose] ?? "");
    const fate = segment.lostStep !== null ? (segment.dropReason === "manual" ? text.dropped : text.lost) : "";
    return {
      id: segment.id,
      from: segment.from,
      y1,
      y2: Math.max(y2, y1 + 8),
      t1: segment.t,
      t2: arrival,
      lostFraction,
      label,
      description:
        locale === "en"
          ? `${formatSeconds(segment.t)} s: ${segment.from} → ${segment.to} ${label}${purpose}${segment.retransmission ? " (retransmission)" : ""}${fate}`
          : `${formatTime(segment.t, locale)}：${text.hosts[segment.from]} → ${text.hosts[segment.to]} ${label}${purpose}${segment.retransmission ? text.retransmission : ""}${fate}`,
      kind: segmentKind(segment.flags),
      retransmission: segment.retransmission,
      sentStep: segment.sentStep,
      deliveredStep: segment.deliveredStep,
      lostStep: segment.lostStep,
    };
  });

  const rawMarks: { host: HostId; rowY: number; step: number; text: string; tone: MarkTone }[] = [];
  stepMarks.forEach((marks, index) => {
    for (const mark of marks) rawMarks.push({ ...mark, rowY: stepY(index), step: index });
  });
  const initial: LadderMark[] = (["client", "server"] as const).map((host) => ({
    host,
    y: LADDER_METRICS.top - 24,
    step: -1,
    text: run.hosts0[host],
    tone: "state" as const,
  }));
  const times: { y: number; text: string }[] = [];
  run.steps.forEach((step, index) => {
    if (index === 0 || run.steps[index - 1]?.t !== step.t) times.push({ y: stepY(index), text: formatTime(step.t, locale) });
  });
  return {
    height: layout.height,
    times,
    gaps: layout.gaps.map((gap) => ({ y: gap.y, text: text.later(formatDuration(gap.ms, locale)) })),
    arrows,
    marks: [...initial, ...placeMarks(rawMarks)],
    cursorY: [LADDER_METRICS.top - LADDER_METRICS.row / 2, ...run.steps.map((_, index) => stepY(index))],
    cursorT: [0, ...run.steps.map((step) => step.t)],
  };
}

/**
 * A captured connection: one row per segment in capture order (the capture point sees each
 * segment once, so arrows get a nominal slant), states from the reader's inference.
 */
export function captureLadderModel(connection: CaptureConnection, absolute: boolean, locale: Locale = "en"): LadderModel {
  const text = TEXT[locale];
  const rows = connection.segments.map((_, index) => ({ y: LADDER_METRICS.top + index * LADDER_METRICS.row * 1.4 }));
  const height = (rows[rows.length - 1]?.y ?? LADDER_METRICS.top) + LADDER_METRICS.row * 2 + LADDER_METRICS.bottom;
  const isn = connection.isn;
  const arrows: LadderArrow[] = connection.segments.map((segment, index) => {
    const to: HostId = segment.from === "client" ? "server" : "client";
    const base = isn[segment.from];
    const peerBase = isn[to];
    const numbers =
      absolute && base !== null
        ? {
            flags: segment.flags,
            seq: (base + segment.seq) >>> 0,
            ack: segment.ack === null ? null : peerBase === null ? segment.ack : (peerBase + segment.ack) >>> 0,
            len: segment.len,
          }
        : segment;
    const label = segmentLabel(numbers);
    const y1 = rows[index]?.y ?? 0;
    return {
      id: index + 1,
      from: segment.from,
      y1,
      y2: y1 + LADDER_METRICS.row,
      t1: segment.t,
      t2: segment.t,
      lostFraction: null,
      label,
      description:
        locale === "en"
          ? `frame ${segment.frame}, ${formatSeconds(segment.t)} s: ${segment.from} → ${to} ${label}${segment.retransmission ? " (retransmission)" : ""}`
          : `${text.frame(segment.frame, formatTime(segment.t, locale))}${text.hosts[segment.from]} → ${text.hosts[to]} ${label}${segment.retransmission ? text.retransmission : ""}`,
      kind: segmentKind(segment.flags),
      retransmission: segment.retransmission === true,
      sentStep: 0,
      deliveredStep: 0,
      lostStep: null,
    };
  });
  const initial: LadderMark[] = (["client", "server"] as const).map((host) => ({
    host,
    y: LADDER_METRICS.top - 24,
    step: 0,
    text: connection.states[host][0] ?? "CLOSED",
    tone: "state" as const,
  }));
  const rawMarks = connection.transitions.map((transition) => {
    const row = rows[transition.segment];
    // A state reached by sending is marked where the arrow starts, by receiving where it ends.
    const sender = connection.segments[transition.segment]?.from === transition.host;
    return {
      host: transition.host,
      rowY: (row?.y ?? 0) + (sender ? 0 : LADDER_METRICS.row),
      step: 0,
      text: transition.to,
      tone: "state" as const,
    };
  });
  return {
    height,
    times: connection.segments.map((segment, index) => ({ y: rows[index]?.y ?? 0, text: formatTime(segment.t, locale) })),
    gaps: [],
    arrows,
    marks: [...initial, ...placeMarks(rawMarks)],
    cursorY: [height],
    cursorT: [Infinity],
  };
}
