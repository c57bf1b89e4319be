import "server-only";
import { diagnosticQuestions } from "@/domain/learning/diagnostic";
import type { Question, Quiz } from "@/domain/quiz/schema";
import { getQuiz, quizzesForLesson } from "../quiz/registry.server";
import type { Locale } from "@/domain/locale";

/**
 * A lesson's diagnostic: its quiz and the questions asked (texts in `locale`), or null when the
 * lesson has no quiz. No database: static lesson pages use it too.
 */
export function lessonDiagnostic(lessonSlug: string, locale: Locale = "en"): { quiz: Quiz; questions: Question[] } | null {
  const english = quizzesForLesson(lessonSlug)[0];
  if (!english) return null;
  const quiz = getQuiz(english.id, locale) ?? english;
  const ids = diagnosticQuestions(english).map((q) => q.id);
  return { quiz, questions: ids.map((id) => quiz.questions.find((q) => q.id === id)!) };
}

