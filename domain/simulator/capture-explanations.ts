/**
 * Why each state inferred from a capture changed: the segment that did it, the rule of RFC 9293
 * (with the Linux function that applies it) and, for a received segment, how its arrival was
 * placed among the receiver's own segments (acknowledgement numbers, TCP timestamps, or an
 * assumption the capture cannot rule out). This module picks what applies; the words, English and
 * Chinese, are in capture-explanation-words.ts. Pure: the capture viewer renders it, tests read it
 * (tests/unit/simulator/capture-explanations.test.ts).
 */
import type { CaptureConnection, StateTransition } from "@/domain/tcp/pcap";
import type { Locale } from "@/domain/locale";
import { captureExplanationText, type CaptureExplanationWords, type RuleCase } from "./capture-explanation-words";

export interface TransitionExplanation {
  /** "Frame 5, FIN+ACK from the client, received by the server: ESTABLISHED → CLOSE-WAIT". */
  headline: string;
  /** What the rule says. */
  rule: string;
  /** Where the rule is written: RFC 9293 section, Linux function. */
  source: string;
  /** How the reader placed the segment's arrival (received segments only). */
  arrival: string | null;
}

type Host = StateTransition["host"];

function other(host: Host): Host {
  return host === "client" ? "server" : "client";
}

/** A segment as the packet list names it: its frame number in the file. */
function segmentName(connection: CaptureConnection, index: number, words: CaptureExplanationWords): string {
  const frame = connection.segments[index]?.frame;
  return words.segment(frame === undefined ? { index } : { frame });
}

function flagsOf(connection: CaptureConnection, index: number): string {
  return connection.segments[index]?.flags.join("+") ?? "?";
}

/** The rule behind a change, by rule and the state it left (or, for a reset, entered). */
function ruleCase({ rule, from, to }: StateTransition): RuleCase {
  switch (rule) {
    case "close":
      return from === "CLOSE-WAIT" ? "close-in-close-wait" : "close";
    case "ack-of-fin":
      return from === "CLOSING" ? "ack-of-fin-in-closing" : from === "LAST-ACK" ? "ack-of-fin-in-last-ack" : "ack-of-fin";
    case "fin":
      return from === "FIN-WAIT-1" ? "fin-in-fin-wait-1" : from === "FIN-WAIT-2" ? "fin-in-fin-wait-2" : "fin";
    case "reset":
      if (from === "SYN-SENT") return "reset-in-syn-sent";
      if (to === "LISTEN") return "reset-to-listen";
      return from === "TIME-WAIT" ? "reset-in-time-wait" : "reset";
    default:
      return rule;
  }
}

function crossing(connection: CaptureConnection, transition: StateTransition, words: CaptureExplanationWords): string[] {
  const arrival = transition.arrival;
  if (!arrival) return [];
  const receiver = transition.host;
  const own = connection.segments[transition.segment]?.options?.timestamps?.value;
  return arrival.crossedBy.map(({ segment, basis }) => {
    const name = segmentName(connection, segment, words);
    const echo = connection.segments[segment]?.options?.timestamps?.echo;
    if (basis === "timestamps" && echo !== undefined && own !== undefined) return words.crossedByTimestamps(receiver, name, echo, own);
    if (basis === "acknowledgement") return words.crossedByAcknowledgement(receiver, name);
    return words.crossedInOrder(receiver, name);
  });
}

function shown(connection: CaptureConnection, transition: StateTransition, words: CaptureExplanationWords): string | null {
  const arrival = transition.arrival;
  if (!arrival) return null;
  const receiver = transition.host;
  const name = arrival.before === null ? "" : segmentName(connection, arrival.before, words);
  switch (arrival.shownBy) {
    case "acknowledgement":
      return words.shownByAcknowledgement(receiver, name);
    case "timestamps":
      return words.shownByTimestamps(receiver, name);
    case "assumed":
      return arrival.before === null ? null : words.assumed(receiver, name);
    case "end-of-capture":
      return words.endOfCapture(receiver);
  }
}

export function explainTransition(connection: CaptureConnection, transition: StateTransition, locale: Locale = "en"): TransitionExplanation {
  const words = captureExplanationText(locale);
  const name = segmentName(connection, transition.segment, words);
  const flags = flagsOf(connection, transition.segment);
  const change = `${transition.from} → ${transition.to}`;
  const headline =
    transition.by === "sent"
      ? words.sentHeadline(name, flags, transition.host, change)
      : words.receivedHeadline(name, flags, other(transition.host), transition.host, change);
  const { rule, source } = words.rules[ruleCase(transition)];
  const arrival = [...crossing(connection, transition, words), shown(connection, transition, words)].filter((text): text is string => text !== null);
  return { headline, rule, source, arrival: arrival.length > 0 ? arrival.join(words.sentenceGap) : null };
}

/** The changes caused by the segment at `index`, in the order the connection lists them. */
export function transitionsOfSegment(connection: CaptureConnection, index: number): StateTransition[] {
  return connection.transitions.filter((transition) => transition.segment === index);
}
