import "server-only";
import type { PoolQuestion } from "@/domain/review/queue";
import type { Question, Quiz } from "@/domain/quiz/schema";
import { getQuiz, listQuizzes } from "../quiz/registry.server";
import type { Locale } from "@/domain/locale";

/**
 * The course's questions as review can draw them: every question of every registered quiz. A
 * stored card or session naming a question no longer in the course finds nothing here and is
 * left out (ids are never reused, docs/quizzes.md).
 */
let cached: PoolQuestion[] | undefined;

export function questionPool(): PoolQuestion[] {
  cached ??= listQuizzes().flatMap((quiz) => quiz.questions.map((q) => ({ quizId: quiz.id, questionId: q.id, concept: q.concept, type: q.type })));
  return cached;
}

/** A question of a quiz with its texts in `locale`, and the quiz (for its title). */
export function findQuestion(quizId: string, questionId: string, locale: Locale = "en"): { quiz: Quiz; question: Question } | null {
  const quiz = getQuiz(quizId, locale);
  const question = quiz?.questions.find((q) => q.id === questionId);
  return quiz && question ? { quiz, question } : null;
}
