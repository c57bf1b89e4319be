/**
 * Grading one question of one variant. Pure: the server calls it with the variant regenerated
 * from the attempt's seed and the learner's validated response.
 */
import { fillPlaceholders } from "./generators";
import { QUIZ_FLAGS, type CorrectAnswer, type QuestionGrading, type QuestionOf, type QuestionResponse } from "./schema";
import type { ResolvedQuestion } from "./variant";
import type { Locale } from "@/domain/locale";

export type GradeResult = { ok: true; grading: QuestionGrading } | { ok: false; error: "wrong-type" | "invalid-response" };

type Verdict = { correct: boolean; feedback: string[]; misconceptions: string[] };

/** Signed distance between two 32-bit sequence numbers (value − answer), in −2³¹..2³¹−1. */
function seqOffset(value: number, answer: number): number {
  return ((value - answer) | 0) as number;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

function gradeChoice(question: QuestionOf<"single"> | QuestionOf<"multiple">, selected: string[]): Verdict | null {
  const known = new Set(question.options.map((option) => option.id));
  if (selected.some((id) => !known.has(id)) || new Set(selected).size !== selected.length) return null;
  const correctIds = question.options.filter((option) => option.correct).map((option) => option.id);
  const feedback: string[] = [];
  const misconceptions: string[] = [];
  for (const option of question.options) {
    const chosen = selected.includes(option.id);
    if (chosen) feedback.push(option.feedback);
    if (chosen && !option.correct && option.misconception) misconceptions.push(option.misconception);
    if (!chosen && option.correct && question.type === "multiple") {
      feedback.push(option.feedback);
      if (option.missedMisconception) misconceptions.push(option.missedMisconception);
    }
  }
  return { correct: sameSet(selected, correctIds), feedback, misconceptions };
}

function gradeFlags(question: QuestionOf<"flags">, flags: string[]): Verdict {
  const feedback: string[] = [];
  const misconceptions: string[] = [];
  for (const flag of QUIZ_FLAGS) {
    if (flags.includes(flag) !== question.expected.includes(flag)) {
      feedback.push(question.wrongBit[flag].feedback);
      misconceptions.push(question.wrongBit[flag].misconception);
    }
  }
  return { correct: feedback.length === 0, feedback, misconceptions };
}

function gradeOrder(question: QuestionOf<"order">, itemIds: string[]): Verdict | null {
  const ids = question.items.map((item) => item.id);
  if (!sameSet(itemIds, ids) || new Set(itemIds).size !== itemIds.length) return null;
  if (itemIds.every((id, i) => id === ids[i])) return { correct: true, feedback: [], misconceptions: [] };
  const specific = (question.mistakes ?? []).filter((m) => itemIds.indexOf(m.first) < itemIds.indexOf(m.then));
  return specific.length
    ? { correct: false, feedback: specific.map((m) => m.feedback), misconceptions: specific.map((m) => m.misconception) }
    : { correct: false, feedback: [], misconceptions: [question.misconception] };
}

/** "left: right." in English, "left：right。" in Chinese. */
const PAIR_FEEDBACK = { en: (left: string, right: string) => `${left}: ${right}.`, zh: (left: string, right: string) => `${left}：${right}。` } as const;

function gradeMatch(question: QuestionOf<"match">, pairs: Record<string, string>, locale: Locale): Verdict | null {
  const leftIds = new Set(question.pairs.map((pair) => pair.id));
  const rightById = new Map([...question.pairs.map((pair) => [pair.right.id, pair.right.text] as const), ...question.distractors.map((d) => [d.id, d.text] as const)]);
  if (Object.keys(pairs).some((left) => !leftIds.has(left)) || Object.values(pairs).some((right) => !rightById.has(right))) return null;
  const feedback: string[] = [];
  const misconceptions: string[] = [];
  for (const pair of question.pairs) {
    const chosen = pairs[pair.id];
    if (chosen === pair.right.id) continue;
    feedback.push(PAIR_FEEDBACK[locale](pair.left, pair.right.text));
    const distractor = question.distractors.find((d) => d.id === chosen);
    misconceptions.push(distractor ? distractor.misconception : pair.misconception);
  }
  return { correct: feedback.length === 0, feedback, misconceptions };
}

/**
 * Grades `response` against one resolved question. Returns an error (never a grading) when the
 * response does not fit the question: another type, unknown ids, an incomplete ordering.
 */
export function gradeQuestion(resolved: ResolvedQuestion, response: QuestionResponse): GradeResult {
  const { question, answer, variables } = resolved;
  if (question.type !== response.type) return { ok: false, error: "wrong-type" };
  let verdict: Verdict | null;
  switch (question.type) {
    case "single":
      verdict = gradeChoice(question, [(response as Extract<QuestionResponse, { type: "single" }>).optionId]);
      break;
    case "multiple":
      verdict = gradeChoice(question, (response as Extract<QuestionResponse, { type: "multiple" }>).optionIds);
      break;
    case "flags":
      verdict = gradeFlags(question, (response as Extract<QuestionResponse, { type: "flags" }>).flags);
      break;
    case "state": {
      const state = (response as Extract<QuestionResponse, { type: "state" }>).state;
      const expected = (answer as Extract<CorrectAnswer, { type: "state" }>).state;
      const specific = question.wrongState?.[state];
      verdict =
        state === expected
          ? { correct: true, feedback: [], misconceptions: [] }
          : { correct: false, feedback: specific ? [specific.feedback] : [], misconceptions: [specific?.misconception ?? question.misconception] };
      break;
    }
    case "number": {
      const value = (response as Extract<QuestionResponse, { type: "number" }>).value;
      const expected = (answer as Extract<CorrectAnswer, { type: "number" }>).value;
      const offset = seqOffset(value, expected);
      const specific = question.mistakes?.find((m) => m.offset === offset);
      verdict =
        offset === 0
          ? { correct: true, feedback: [], misconceptions: [] }
          : { correct: false, feedback: specific ? [specific.feedback] : [], misconceptions: [specific?.misconception ?? question.misconception] };
      break;
    }
    case "order":
      verdict = gradeOrder(question, (response as Extract<QuestionResponse, { type: "order" }>).itemIds);
      break;
    case "match":
      verdict = gradeMatch(question, (response as Extract<QuestionResponse, { type: "match" }>).pairs, resolved.locale);
      break;
  }
  if (!verdict) return { ok: false, error: "invalid-response" };
  return {
    ok: true,
    grading: {
      questionId: question.id,
      concept: question.concept,
      correct: verdict.correct,
      points: verdict.correct ? 1 : 0,
      maxPoints: 1,
      feedback: verdict.feedback.map((text) => fillPlaceholders(text, variables)),
      misconceptions: [...new Set(verdict.misconceptions)],
      explanation: fillPlaceholders(question.explanation, variables),
      answer,
    },
  };
}
