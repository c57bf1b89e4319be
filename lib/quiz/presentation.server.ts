import "server-only";
import { parseStoredResponse, type CorrectAnswer, type PublicQuestion, type QuestionResponse } from "@/domain/quiz/schema";
import { resolveQuestion, type ResolvedQuestion } from "@/domain/quiz/variant";
import { getQuiz } from "./registry.server";
import type { Locale } from "@/domain/locale";

/**
 * Stored answers as the learner saw them, for instructors: the question of the attempt's own
 * variant (its numbers and scenario filled in from the attempt's seed) in the page's language,
 * the response and the right answer in the quiz's words. Texts keep the quiz's light markup
 * (`code` in backticks); pages render them with components/quiz/rich-text.tsx like the quiz does.
 */

const cache = new Map<string, ResolvedQuestion | null>();

/** One question of one attempt's variant (memoised: analytics resolve the same ones often). */
export function attemptQuestion(quizId: string, questionId: string, seed: number, locale: Locale = "en"): ResolvedQuestion | null {
  const key = `${locale}|${quizId}|${questionId}|${seed}`;
  if (!cache.has(key)) {
    if (cache.size > 5000) cache.clear();
    const question = getQuiz(quizId, locale)?.questions.find((q) => q.id === questionId);
    cache.set(key, question ? resolveQuestion(question, seed, locale) : null);
  }
  return cache.get(key) ?? null;
}

/** The question's text as shown: its prompt, and for a flags question the segment to build. */
export function promptOf(question: PublicQuestion): string {
  return question.type === "flags" ? `${question.prompt} ${question.segment}` : question.prompt;
}

/** A response or the right answer (they share a shape) in the words of the question the learner saw. */
export function describeValue(question: PublicQuestion, value: QuestionResponse | CorrectAnswer): string {
  const named = (list: ReadonlyArray<{ id: string; text: string }>, id: string) => list.find((item) => item.id === id)?.text ?? id;
  switch (value.type) {
    case "single":
      return question.type === "single" || question.type === "multiple" ? named(question.options, value.optionId) : value.optionId;
    case "multiple":
      if (value.optionIds.length === 0) return "(nothing selected)";
      return value.optionIds.map((id) => (question.type === "single" || question.type === "multiple" ? named(question.options, id) : id)).join("; ");
    case "flags":
      return value.flags.length ? value.flags.join("+") : "(no flags set)";
    case "state":
      return value.state;
    case "number":
      return String(value.value);
    case "order":
      return value.itemIds.map((id) => (question.type === "order" ? named(question.items, id) : id)).join(" → ");
    case "match":
      if (question.type !== "match") return "";
      return question.left
        .filter((left) => value.pairs[left.id])
        .map((left) => `${left.text} → ${named(question.right, value.pairs[left.id] as string)}`)
        .join("; ");
  }
}

export type PresentedAnswer = {
  /** The question as the learner saw it in this attempt. */
  prompt: string;
  /** What they answered, in the question's words. */
  response: string;
  /** The right answer of this attempt's variant. */
  rightAnswer: string;
};

/** A stored answer of an attempt with seed `seed`, or null when the quiz or question no longer exists. */
export function presentAnswer(quizId: string, questionId: string, seed: number, storedResponse: string, locale: Locale = "en"): PresentedAnswer | null {
  const resolved = attemptQuestion(quizId, questionId, seed, locale);
  if (!resolved) return null;
  const response = parseStoredResponse(storedResponse);
  return {
    prompt: promptOf(resolved.public),
    response: response && response.type === resolved.public.type ? describeValue(resolved.public, response) : storedResponse,
    rightAnswer: describeValue(resolved.public, resolved.answer),
  };
}

/**
 * What makes two wrong answers "the same mistake" across attempts whose variants differ: the
 * response itself for most questions, but for a number question its distance from that
 * attempt's right value (ISNs differ per attempt; "one less than the answer" is the mistake).
 */
export function mistakeKey(quizId: string, questionId: string, seed: number, storedResponse: string): string {
  const resolved = attemptQuestion(quizId, questionId, seed);
  const response = parseStoredResponse(storedResponse);
  if (resolved?.answer.type === "number" && response?.type === "number") {
    // Sequence space wraps at 2^32: 0 is one more than 4294967295.
    const difference = (((response.value - resolved.answer.value) % 2 ** 32) + 2 ** 32) % 2 ** 32;
    return `offset:${difference >= 2 ** 31 ? difference - 2 ** 32 : difference}`;
  }
  return storedResponse;
}

/** A mistake key (see mistakeKey) in words; `example` is one stored response with that key and its attempt's seed. */
export function describeMistake(quizId: string, questionId: string, key: string, example: { seed: number; response: string }, locale: Locale = "en"): string {
  const offset = /^offset:(-?\d+)$/.exec(key);
  const presented = presentAnswer(quizId, questionId, example.seed, example.response, locale);
  if (offset) {
    const by = Number(offset[1]);
    const distance = `${Math.abs(by).toLocaleString("en")} ${by > 0 ? "more" : "less"} than the right value`;
    return presented ? `${distance} (e.g. ${presented.response} where ${presented.rightAnswer} was right)` : distance;
  }
  return presented?.response ?? key;
}
