import type { PublicCall, PublicSegment } from "@/domain/quiz/schema";
import { quizWords, type QuizWords } from "@/lib/i18n/words/quiz";
import { LadderDiagram, type LadderStep } from "../mdx/diagrams/ladder-diagram";
import type { Locale } from "@/domain/locale";

const CALL_TEXT: Record<string, string> = {
  listen: "listen()",
  connect: "connect()",
  send: "send()",
  shutdown: "shutdown()",
  close: "close()",
  abort: "abort",
};

function detail(segment: PublicSegment): string {
  const parts: string[] = [`#${segment.n}`];
  if (segment.seq !== null || segment.asked === "seq") parts.push(`seq=${segment.asked === "seq" ? "?" : segment.seq}`);
  if (segment.ack !== null || segment.asked === "ack") parts.push(`ack=${segment.asked === "ack" ? "?" : segment.ack}`);
  if (segment.len > 0) parts.push(`len=${segment.len}`);
  return parts.join(" ");
}

/**
 * The segments of a generated question as a ladder diagram (#n: number in sending order), with
 * the applications' calls as notes. States are never drawn: they are what state questions ask.
 */
export function SegmentLadder({
  segments,
  calls = [],
  caption,
  locale = "en",
}: {
  segments: PublicSegment[];
  calls?: PublicCall[];
  caption: string;
  locale?: Locale;
}) {
  const words = quizWords(locale);
  const steps = ladderSteps(segments, calls, locale);
  return (
    <div>
      <LadderDiagram steps={steps} caption={caption} title={caption} left={words.ladderHosts.client} right={words.ladderHosts.server} locale={locale} />
      {/* On a phone the diagram's labels get small: the same segments as lines of text (the diagram's description already reads them out). */}
      <div aria-hidden="true" className="-mt-4 mb-2 space-y-1 rounded-lg bg-bg-sunken px-3 py-2 font-mono text-xs sm:hidden">
        {steps.map((step, index) => (
          <p key={index}>
            {step.pause ? <span className="block font-sans italic text-fg-muted">{step.pause}</span> : null}
            {step.detail?.split(" ")[0]} {words.direction(step.from === "left" ? "client" : "server")} {step.flags} {step.detail?.split(" ").slice(1).join(" ")}
            {step.lost ? words.lost : ""}
          </p>
        ))}
      </div>
    </div>
  );
}

/** Maps segments to ladder steps; calls since the previous segment become a note. */
export function ladderSteps(segments: readonly PublicSegment[], calls: readonly PublicCall[], locale: Locale = "en"): LadderStep[] {
  const words: QuizWords = quizWords(locale);
  return segments.map((segment, index) => {
    const previousT = index > 0 ? segments[index - 1]!.t : -Infinity;
    const notes = calls
      .filter((call) => call.t > previousT && call.t <= segment.t)
      .map((call) => words.calls(words.hosts[call.host], CALL_TEXT[call.call] ?? call.call));
    return {
      from: segment.from === "client" ? "left" : "right",
      flags: segment.flags.join("+") || words.noFlagsOnSegment,
      detail: detail(segment),
      lost: segment.arriveAt === null,
      concurrent: index > 0 && segment.t === previousT,
      pause: notes.length ? notes.join(locale === "en" ? "; " : "；") : undefined,
    };
  });
}
