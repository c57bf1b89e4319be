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
  /** A stored response in words ("SYN, ACK" rather than JSON), for analytics (quizzes only). */
  describe?: (quizId: string, questionId: string, response: string) => string | null;
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
const quizSource: CatalogSource = { items: () => [], questions: () => null, describe: () => null };
const challengeSource: CatalogSource = { items: () => [] };

const SOURCES: Record<TargetType, CatalogSource> = { LESSON: lessonSource, QUIZ: quizSource, CHALLENGE: challengeSource };

export const TARGET_LABELS: Record<TargetType, string> = { LESSON: "Lesson", QUIZ: "Quiz", CHALLENGE: "Simulator challenge" };

export function listCatalog(): CatalogItem[] {
  return (Object.keys(SOURCES) as TargetType[]).flatMap((type) => SOURCES[type].items());
}

export function findCatalogItem(type: TargetType, id: string): CatalogItem | null {
  return SOURCES[type].items().find((item) => item.id === id) ?? null;
}

/** A stored quiz response for people: the quiz's own wording when known, else the raw value. */
export function describeResponse(quizId: string, questionId: string, response: string): string {
  return quizSource.describe?.(quizId, questionId, response) ?? response;
}

export function quizQuestions(quizId: string): QuizQuestionInfo[] | null {
  return quizSource.questions?.(quizId) ?? null;
}

/** The picker's groups: one per kind of item, in course order. */
export function catalogGroups(): Array<{ label: string; items: Array<{ value: string; label: string }> }> {
  const groups: Array<{ label: string; items: Array<{ value: string; label: string }> }> = [];
  for (const type of Object.keys(SOURCES) as TargetType[]) {
    const items = SOURCES[type].items();
    if (items.length === 0) continue;
    groups.push({
      label: `${TARGET_LABELS[type]}s`,
      items: items.map((item) => ({
        value: `${item.type}:${item.id}`,
        label: item.lesson && item.lesson !== item.title ? `${item.title} (${item.lesson})` : item.title,
      })),
    });
  }
  return groups;
}
