/**
 * What instructors can assign, generated from the course content: lessons (content/*), quizzes
 * (the quiz registry) and simulator challenges. Each source is a function returning items, so a
 * source that does not exist yet simply contributes nothing. Assignment targets are validated
 * against this catalog on the server.
 */
import { listLessons } from "./content/lessons.server";
import type { TargetType } from "./gradebook/semantics";

export type CatalogItem = {
  type: TargetType;
  id: string;
  title: string;
  /** The lesson the item belongs to, for grouping in the picker. */
  lesson: string | null;
  /** Where a student does the work. */
  href: string;
};

export type QuizQuestionInfo = { id: string; prompt: string };

type CatalogSource = {
  items: () => CatalogItem[];
  /** Questions in the quiz's order, for analytics (quizzes only). */
  questions?: (id: string) => QuizQuestionInfo[] | null;
};

const lessonSource: CatalogSource = {
  items: () =>
    listLessons("en").map((lesson) => ({
      type: "LESSON" as const,
      id: lesson.slug,
      title: lesson.title,
      lesson: lesson.title,
      href: `/course/${lesson.slug}`,
    })),
};

// Quizzes and simulator challenges join the catalog through their registries once those exist.
const quizSource: CatalogSource = { items: () => [], questions: () => null };
const challengeSource: CatalogSource = { items: () => [] };

const SOURCES: Record<TargetType, CatalogSource> = { LESSON: lessonSource, QUIZ: quizSource, CHALLENGE: challengeSource };

export const TARGET_LABELS: Record<TargetType, string> = { LESSON: "Lesson", QUIZ: "Quiz", CHALLENGE: "Simulator challenge" };

export function listCatalog(): CatalogItem[] {
  return (Object.keys(SOURCES) as TargetType[]).flatMap((type) => SOURCES[type].items());
}

export function findCatalogItem(type: TargetType, id: string): CatalogItem | null {
  return SOURCES[type].items().find((item) => item.id === id) ?? null;
}

export function quizQuestions(quizId: string): QuizQuestionInfo[] | null {
  return quizSource.questions?.(quizId) ?? null;
}
