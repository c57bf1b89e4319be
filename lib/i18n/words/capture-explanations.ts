/**
 * The words around the capture viewer's explanations of state changes
 * (components/simulator/capture-state-changes.tsx); the explanations themselves are written in
 * domain/simulator/capture-explanations.ts.
 */
import { defineWords } from "@/domain/words";

const en = {
  heading: "Why the states changed",
  intro: "Each change comes from a segment sent or received, by a rule of RFC 9293 that Linux applies. Select a packet to see what it changed.",
  ofSegment: (frame: number) => `What frame ${frame} changed`,
  none: "This segment changed no state: it carried data, acknowledged nothing new to the receiver's state, or was repeated.",
  rule: "Rule",
  arrival: "When it arrived",
  all: (count: number) => `All ${count} state change${count === 1 ? "" : "s"}, explained`,
};

export type CaptureExplanationWords = typeof en;

const zh: CaptureExplanationWords = {
  heading: "状态为什么变化",
  intro: "每一次状态变化都来自某个报文段的发送或接收，依据的是 Linux 也遵循的 RFC 9293 规则。选中一个分组，就能看到它引起了哪些变化。",
  ofSegment: (frame) => `第 ${frame} 帧引起的变化`,
  none: "这个报文段没有改变任何状态：它携带的是数据、没有确认会影响接收方状态的内容，或者是一次重传。",
  rule: "规则",
  arrival: "何时到达",
  all: (count) => `全部 ${count} 次状态变化及其原因`,
};

export const captureExplanationWords = defineWords<CaptureExplanationWords>({ en, zh });
