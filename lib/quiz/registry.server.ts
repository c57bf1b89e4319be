import { quizFiles } from "@/content/quizzes";
import { parseQuiz, type Quiz } from "@/domain/quiz/schema";

/** Parses every registered quiz (once per process); throws naming the file on the first invalid one. */
export function loadQuizzes(files = quizFiles): Map<string, Quiz> {
  const quizzes = new Map<string, Quiz>();
  for (const { source, quiz: raw } of files) {
    const quiz = parseQuiz(raw, source);
    if (quizzes.has(quiz.id)) throw new Error(`${source}: quiz id "${quiz.id}" is already used by another quiz`);
    if (!source.startsWith(`content/${quiz.lessonSlug}/`)) throw new Error(`${source}: lessonSlug "${quiz.lessonSlug}" does not match the folder`);
    quizzes.set(quiz.id, quiz);
  }
  return quizzes;
}

let cached: Map<string, Quiz> | undefined;

function registry(): Map<string, Quiz> {
  cached ??= loadQuizzes();
  return cached;
}

export function getQuiz(id: string): Quiz | null {
  return registry().get(id) ?? null;
}

export function listQuizzes(): Quiz[] {
  return [...registry().values()];
}

export function quizzesForLesson(lessonSlug: string): Quiz[] {
  return listQuizzes().filter((quiz) => quiz.lessonSlug === lessonSlug);
}
