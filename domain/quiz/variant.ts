/**
 * One attempt's variant of a quiz: per question, what the browser may see (`public`) and the
 * answer key the server grades against. Deterministic in (seed, question id), so the server
 * regenerates exactly the variant a learner saw from the seed stored with the attempt.
 */
import { fillPlaceholders, generateNumber, generateState, stateChoices, type Variables } from "./generators";
import { randomFor, shuffled, type Random } from "./random";
import { QUIZ_FLAGS, type CorrectAnswer, type PublicQuestion, type PublicQuiz, type Question, type Quiz } from "./schema";
import { HOST_LABELS } from "./translation";
import type { Locale } from "@/domain/locale";

export type ResolvedQuestion = {
  question: Question;
  /** Answer-free projection: the only part that may be sent before the question is submitted. */
  public: PublicQuestion;
  answer: CorrectAnswer;
  /** Values for `{name}` placeholders in the explanation and feedback. */
  variables: Variables;
  /** The language of the question's texts (the quiz given was translated into it). */
  locale: Locale;
};

/** Shuffles, but never returns the original order (for 2+ distinct items) so nothing is "already solved". */
function shuffledAwayFrom<T>(random: Random, items: readonly T[]): T[] {
  const result = shuffled(random, items);
  if (items.length > 1 && result.every((item, i) => item === items[i])) result.push(result.shift()!);
  return result;
}

/** `{host}` and `{peer}` in the question's language; numbers are the same in every language. */
function localVariables(variables: Variables, locale: Locale): Variables {
  if (locale === "en") return variables;
  const local: Variables = { ...variables };
  for (const key of ["host", "peer"] as const) {
    const value = local[key];
    if (value === "client" || value === "server") local[key] = HOST_LABELS[locale][value];
  }
  return local;
}

/**
 * Resolves a single question of an attempt (grading needs only the question being answered).
 * The variant depends only on (seed, question id), never on the language: `locale` only says in
 * which language `question`'s texts are and how generated values such as `{host}` read.
 */
export function resolveQuestion(question: Question, attemptSeed: number, locale: Locale = "en"): ResolvedQuestion {
  const resolved = resolveVariant(question, attemptSeed, locale);
  return { ...resolved, locale };
}

function resolveVariant(question: Question, attemptSeed: number, locale: Locale): Omit<ResolvedQuestion, "locale"> {
  const random = randomFor(attemptSeed, question.id);
  const base = { id: question.id, concept: question.concept };
  switch (question.type) {
    case "single":
    case "multiple": {
      const options = question.shuffle ? shuffled(random, question.options) : question.options;
      const correct = question.options.filter((option) => option.correct).map((option) => option.id);
      return {
        question,
        public: { ...base, type: question.type, prompt: question.prompt, options: options.map(({ id, text }) => ({ id, text })) },
        answer: question.type === "single" ? { type: "single", optionId: correct[0]! } : { type: "multiple", optionIds: correct },
        variables: {},
      };
    }
    case "flags":
      return {
        question,
        public: { ...base, type: "flags", prompt: question.prompt, segment: question.segment, flags: [...QUIZ_FLAGS] },
        answer: { type: "flags", flags: QUIZ_FLAGS.filter((flag) => question.expected.includes(flag)) },
        variables: {},
      };
    case "state": {
      const generated = generateState(question, random);
      const variables = localVariables(generated.variables, locale);
      return {
        question,
        public: {
          ...base,
          type: "state",
          prompt: fillPlaceholders(question.prompt, { ...variables, answer: "?" }),
          host: generated.host,
          segment: generated.segment,
          moment: generated.moment,
          ladder: generated.ladder,
          calls: generated.calls,
          choices: stateChoices(question, generated.answer),
        },
        answer: { type: "state", state: generated.answer },
        variables,
      };
    }
    case "number": {
      const generated = generateNumber(question, random);
      return {
        question,
        public: {
          ...base,
          type: "number",
          prompt: fillPlaceholders(question.prompt, { ...generated.variables, answer: "?" }),
          field: generated.field,
          numbering: question.numbering,
          ladder: generated.ladder,
        },
        answer: { type: "number", value: generated.answer },
        variables: generated.variables,
      };
    }
    case "order":
      return {
        question,
        public: { ...base, type: "order", prompt: question.prompt, items: shuffledAwayFrom(random, question.items).map(({ id, text }) => ({ id, text })) },
        answer: { type: "order", itemIds: question.items.map((item) => item.id) },
        variables: {},
      };
    case "match": {
      const right = [...question.pairs.map((pair) => pair.right), ...question.distractors];
      return {
        question,
        public: {
          ...base,
          type: "match",
          prompt: question.prompt,
          left: question.pairs.map((pair) => ({ id: pair.id, text: pair.left })),
          right: shuffledAwayFrom(random, right).map(({ id, text }) => ({ id, text })),
        },
        answer: { type: "match", pairs: Object.fromEntries(question.pairs.map((pair) => [pair.id, pair.right.id])) },
        variables: {},
      };
    }
  }
}

export function resolveQuiz(quiz: Quiz, attemptSeed: number, locale: Locale = "en"): ResolvedQuestion[] {
  return quiz.questions.map((question) => resolveQuestion(question, attemptSeed, locale));
}

/**
 * The whole attempt as the browser receives it: prompts, choices and ladders, no answers. Pass
 * the quiz already translated into `locale` (lib/quiz/registry.server.ts `getQuiz(id, locale)`).
 */
export function toPublicQuiz(quiz: Quiz, attemptSeed: number, locale: Locale = "en"): PublicQuiz {
  return {
    id: quiz.id,
    lessonSlug: quiz.lessonSlug,
    title: quiz.title,
    passThreshold: quiz.passThreshold,
    questions: resolveQuiz(quiz, attemptSeed, locale).map((resolved) => resolved.public),
  };
}
