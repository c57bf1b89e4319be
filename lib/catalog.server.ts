import "server-only";
/**
 * What instructors can assign, generated from the course content: lessons (content/*), quizzes
 * (the quiz registry) and challenges (simulator and capture). Each source is a function returning items, so a
 * source that does not exist yet simply contributes nothing. Assignment targets are validated
 * against this catalog on the server.
 */
import { CAPTURE_CHALLENGE_LIST } from "@/domain/capture-challenges/catalog";
import { CHALLENGE_LIST } from "@/domain/challenges";
import { listLessons } from "./content/lessons.server";
import type { TargetType } from "@/domain/gradebook/semantics";
import { listQuizzes } from "./quiz/registry.server";

export type CatalogItem = {
  type: TargetType;
  id: string;
  title: string;
  /** The lesson the item belongs to, for grouping in the picker. */
  lesson: string | null;
  /** Where a student does the work. */
  href: string;
};

type CatalogSource = {
  items: () => CatalogItem[];
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

const lessonTitles = () => new Map(listLessons("en").map((lesson) => [lesson.slug, lesson.title]));

const quizSource: CatalogSource = {
  items: () => {
    const titles = lessonTitles();
    return listQuizzes().map((quiz) => ({
      type: "QUIZ" as const,
      id: quiz.id,
      title: quiz.title,
      lesson: titles.get(quiz.lessonSlug) ?? null,
      // The quiz's section in its lesson (components/quiz renders it as section#quiz-<id>).
      href: `/course/${quiz.lessonSlug}#quiz-${quiz.id}`,
    }));
  },
};

const challengeSource: CatalogSource = {
  items: () => {
    const titles = lessonTitles();
    // Simulator challenges, then capture challenges (done on the learner's own machine), one target type.
    return [...CHALLENGE_LIST, ...CAPTURE_CHALLENGE_LIST.map((challenge) => ({ ...challenge, title: `Capture: ${challenge.title}` }))].map((challenge) => ({
      type: "CHALLENGE" as const,
      id: challenge.id,
      title: challenge.title,
      lesson: titles.get(challenge.lesson) ?? null,
      href: challenge.href,
    }));
  },
};

const SOURCES: Record<TargetType, CatalogSource> = { LESSON: lessonSource, QUIZ: quizSource, CHALLENGE: challengeSource };

export const TARGET_LABELS: Record<TargetType, string> = { LESSON: "Lesson", QUIZ: "Quiz", CHALLENGE: "Challenge" };
const GROUP_LABELS: Record<TargetType, string> = { LESSON: "Lessons", QUIZ: "Quizzes", CHALLENGE: "Challenges" };

export function listCatalog(): CatalogItem[] {
  return (Object.keys(SOURCES) as TargetType[]).flatMap((type) => SOURCES[type].items());
}

export function findCatalogItem(type: TargetType, id: string): CatalogItem | null {
  return SOURCES[type].items().find((item) => item.id === id) ?? null;
}

/** The picker's groups: one per kind of item, in course order. */
export function catalogGroups(): Array<{ label: string; items: Array<{ value: string; label: string }> }> {
  const groups: Array<{ label: string; items: Array<{ value: string; label: string }> }> = [];
  for (const type of Object.keys(SOURCES) as TargetType[]) {
    const items = SOURCES[type].items();
    if (items.length === 0) continue;
    groups.push({
      label: GROUP_LABELS[type],
      items: items.map((item) => ({
        value: `${item.type}:${item.id}`,
        label: item.lesson && item.lesson !== item.title ? `${item.title} (${item.lesson})` : item.title,
      })),
    });
  }
  return groups;
}
