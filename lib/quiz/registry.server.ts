import "server-only";
import { quizFiles, type QuizFile } from "@/content/quizzes";
import { parseQuiz, type Quiz } from "@/domain/quiz/schema";
import { localizeQuiz, parseQuizTranslation } from "@/domain/quiz/translation";
import type { Locale } from "@/domain/locale";

/** Every registered quiz in every language it is translated into. */
export type QuizRegistry = { en: Map<string, Quiz> } & Partial<Record<Exclude<Locale, "en">, Map<string, Quiz>>>;

/** Parses every registered quiz (once per process); throws naming the file on the first invalid one. */
export function loadQuizzes(files: readonly QuizFile[] = quizFiles): Map<string, Quiz> {
  const quizzes = new Map<string, Quiz>();
  for (const { source, quiz: raw } of files) {
    const quiz = parseQuiz(raw, source);
    if (quizzes.has(quiz.id)) throw new Error(`${source}: quiz id "${quiz.id}" is already used by another quiz`);
    if (!source.startsWith(`content/${quiz.lessonSlug}/`)) throw new Error(`${source}: lessonSlug "${quiz.lessonSlug}" does not match the folder`);
    quizzes.set(quiz.id, quiz);
  }
  return quizzes;
}

/**
 * Parses every quiz and its translations; a translation that misses, empties or invents an id
 * throws naming its file and the ids (docs/quizzes.md, "Translations").
 */
export function loadQuizRegistry(files: readonly QuizFile[] = quizFiles): QuizRegistry {
  const en = loadQuizzes(files);
  const zh = new Map<string, Quiz>();
  for (const file of files) {
    const translation = file.translations?.zh;
    const quiz = en.get(file.quiz.id);
    if (!translation || !quiz) continue;
    const parsed = parseQuizTranslation(quiz, translation.translation, translation.source);
    zh.set(quiz.id, localizeQuiz(quiz, parsed, translation.source));
  }
  return { en, zh };
}

let cached: QuizRegistry | undefined;

function registry(): QuizRegistry {
  cached ??= loadQuizRegistry();
  return cached;
}

/**
 * A quiz with its texts in `locale` (English when it has no translation into it). Ids, answer
 * keys and generators are the same in every language, so one attempt can be graded in any.
 */
export function getQuiz(id: string, locale: Locale = "en"): Quiz | null {
  const all = registry();
  return all[locale]?.get(id) ?? all.en.get(id) ?? null;
}

export function listQuizzes(): Quiz[] {
  return [...registry().en.values()];
}

export function quizzesForLesson(lessonSlug: string): Quiz[] {
  return listQuizzes().filter((quiz) => quiz.lessonSlug === lessonSlug);
}
