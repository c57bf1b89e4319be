/**
 * A lesson's diagnostic: a few questions from its quiz, covering each of its concepts, taken once
 * before the lesson and once after it, each time with a fresh variant (ADR 1001).
 */
import type { Question, QuestionType, Quiz } from "../quiz/schema";

/** Questions in a diagnostic: short enough to take before reading. */
export const DIAGNOSTIC_SIZE = 5;

export const DIAGNOSTIC_PHASES = ["pre", "post"] as const;
export type DiagnosticPhase = (typeof DIAGNOSTIC_PHASES)[number];

/**
 * Questions whose variants really differ come first (generated ladders, numbers and scenarios),
 * then those that shuffle a structure, then plain choices: "fresh variants" then mean something.
 */
function tier(question: Question): number {
  if (question.type === "number" || (question.type === "state" && question.source.kind === "generator")) return 0;
  if (question.type === "state" || question.type === "flags" || question.type === "order" || question.type === "match") return 1;
  return 2;
}

/**
 * The diagnostic's questions, deterministic for a quiz: concepts in the order the quiz first
 * uses them, taken in turn; within a concept, the best tier first and a type not yet used for
 * that concept before a repeated one; at most DIAGNOSTIC_SIZE.
 */
export function diagnosticQuestions(quiz: Pick<Quiz, "questions">, size = DIAGNOSTIC_SIZE): Question[] {
  const concepts = [...new Set(quiz.questions.map((q) => q.concept))];
  const remaining = new Map(concepts.map((concept) => [concept, quiz.questions.filter((q) => q.concept === concept)]));
  const usedTypes = new Map(concepts.map((concept) => [concept, new Set<QuestionType>()]));
  const chosen: Question[] = [];
  while (chosen.length < size && [...remaining.values()].some((list) => list.length > 0)) {
    for (const concept of concepts) {
      if (chosen.length >= size) break;
      const list = remaining.get(concept)!;
      if (!list.length) continue;
      const used = usedTypes.get(concept)!;
      const best = [...list].sort((a, b) => tier(a) - tier(b) || Number(used.has(a.type)) - Number(used.has(b.type)) || list.indexOf(a) - list.indexOf(b))[0]!;
      list.splice(list.indexOf(best), 1);
      used.add(best.type);
      chosen.push(best);
    }
  }
  // Asked in the quiz's own order, which follows the lesson.
  return chosen.sort((a, b) => quiz.questions.indexOf(a) - quiz.questions.indexOf(b));
}
