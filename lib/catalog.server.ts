import "server-only";
/**
 * What instructors can assign, generated from the course content: lessons (content/*), quizzes
 * (the quiz registry) and challenges (simulator and capture). Each source is a function returning items, so a
 * source that does not exist yet simply contributes nothing. Assignment targets are validated
 * against this catalog on the server.
 */
import { CAPTURE_CATALOG, CAPTURE_CHALLENGE_LIST } from "@/domain/capture-challenges/catalog";
import { CHALLENGES, challengeSummary } from "@/domain/challenges";
import { listLessons } from "./content/lessons.server";
import type { TargetType } from "@/domain/gradebook/semantics";
import { getQuiz, listQuizzes } from "./quiz/registry.server";
import { CONCEPTS } from "@/domain/quiz/schema";
import { parseConceptSet } from "@/domain/review/concept-set";
import { lessonDiagnostic } from "./learning/lesson-diagnostic.server";
import type { Locale } from "@/domain/locale";
import { dashboardWords } from "./i18n/words/dashboard";
import { instructorWords } from "./i18n/words/instructor";

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
  /** Titles in `locale` (the deep-linking picker shows them in the instructor's language). */
  items: (locale?: Locale) => CatalogItem[];
};

/** Lesson titles in `locale`, in English where a lesson has no translation yet. */
const lessonTitles = (locale: Locale) => new Map([...listLessons("en"), ...(locale === "en" ? [] : listLessons(locale))].map((lesson) => [lesson.slug, lesson.title]));

const lessonSource: CatalogSource = {
  items: (locale = "en") => {
    const titles = lessonTitles(locale);
    return listLessons("en").map((lesson) => ({
      type: "LESSON" as const,
      id: lesson.slug,
      title: titles.get(lesson.slug) ?? lesson.title,
      lesson: titles.get(lesson.slug) ?? lesson.title,
      href: `/course/${lesson.slug}`,
    }));
  },
};

const quizSource: CatalogSource = {
  items: (locale = "en") => {
    const titles = lessonTitles(locale);
    return listQuizzes().map((quiz) => ({
      type: "QUIZ" as const,
      id: quiz.id,
      title: getQuiz(quiz.id, locale)?.title ?? quiz.title,
      lesson: titles.get(quiz.lessonSlug) ?? null,
      // The quiz's section in its lesson (components/quiz renders it as section#quiz-<id>).
      href: `/course/${quiz.lessonSlug}#quiz-${quiz.id}`,
    }));
  },
};

const challengeSource: CatalogSource = {
  items: (locale = "en") => {
    const titles = lessonTitles(locale);
    const simulator = CHALLENGES.map((challenge) => challengeSummary(challenge, locale));
    const captureTitles = new Map(CAPTURE_CATALOG.map((info) => [info.id, info.title]));
    const capture = CAPTURE_CHALLENGE_LIST.map((challenge) => ({
      ...challenge,
      title: instructorWords(locale).catalog.capture(captureTitles.get(challenge.id)?.[locale] ?? challenge.title),
    }));
    // Simulator challenges, then capture challenges (done on the learner's own machine), one target type.
    return [...simulator, ...capture].map((challenge) => ({
      type: "CHALLENGE" as const,
      id: challenge.id,
      title: challenge.title,
      lesson: titles.get(challenge.lesson) ?? null,
      href: challenge.href,
    }));
  },
};

/**
 * "Review until mastered": the picker offers one entry (REVIEW:concepts) and the form's concept
 * checkboxes name the set; an assignment's target id is the set (domain/review/concept-set.ts).
 */
export const REVIEW_PICKER_ID = "concepts";

function reviewItem(id: string, locale: Locale = "en"): CatalogItem | null {
  const words = instructorWords(locale).catalog;
  if (id === REVIEW_PICKER_ID) return { type: "REVIEW", id, title: words.review, lesson: null, href: "/review" };
  const concepts = parseConceptSet(id);
  if (!concepts) return null;
  const names = dashboardWords(locale).concepts;
  return { type: "REVIEW", id, title: words.reviewOf(concepts.map((c) => names[c])), lesson: null, href: "/review" };
}

const reviewSource: CatalogSource = { items: (locale) => [reviewItem(REVIEW_PICKER_ID, locale)!] };

const diagnosticSource: CatalogSource = {
  items: (locale = "en") => {
    const titles = lessonTitles(locale);
    return listLessons("en")
      .filter((lesson) => lessonDiagnostic(lesson.slug))
      .map((lesson) => {
        const title = titles.get(lesson.slug) ?? lesson.title;
        return { type: "DIAGNOSTIC" as const, id: lesson.slug, title: instructorWords(locale).catalog.diagnostic(title), lesson: title, href: `/diagnostic/${lesson.slug}` };
      });
  },
};

const SOURCES: Record<TargetType, CatalogSource> = {
  LESSON: lessonSource,
  QUIZ: quizSource,
  CHALLENGE: challengeSource,
  DIAGNOSTIC: diagnosticSource,
  REVIEW: reviewSource,
};

/** Where a student does an assignment: a review assignment's own session, else the item's page. */
export function assignmentHref(type: TargetType, targetId: string, assignmentId: string): string | null {
  if (type === "REVIEW") return parseConceptSet(targetId) ? `/review?assignment=${encodeURIComponent(assignmentId)}` : null;
  return findCatalogItem(type, targetId)?.href ?? null;
}

export function listCatalog(locale: Locale = "en"): CatalogItem[] {
  return (Object.keys(SOURCES) as TargetType[]).flatMap((type) => SOURCES[type].items(locale));
}

/** An item by its type and id, titled in `locale`. */
export function findCatalogItem(type: TargetType, id: string, locale: Locale = "en"): CatalogItem | null {
  if (type === "REVIEW") return reviewItem(id, locale);
  return SOURCES[type]?.items(locale).find((item) => item.id === id) ?? null;
}

/** The picker's groups: one per kind of item, in course order, in the instructor's language. */
export function catalogGroups(locale: Locale = "en"): Array<{ label: string; items: Array<{ value: string; label: string }> }> {
  const groups: Array<{ label: string; items: Array<{ value: string; label: string }> }> = [];
  for (const type of Object.keys(SOURCES) as TargetType[]) {
    const items = SOURCES[type].items(locale);
    if (items.length === 0) continue;
    groups.push({
      label: instructorWords(locale).catalog.groups[type],
      items: items.map((item) => ({
        value: `${item.type}:${item.id}`,
        label: item.lesson && item.lesson !== item.title ? `${item.title} (${item.lesson})` : item.title,
      })),
    });
  }
  return groups;
}

/** The concepts a "review until mastered" assignment can name, in the contract's order. */
export function conceptChoices(locale: Locale = "en"): Array<{ id: string; label: string }> {
  const names = dashboardWords(locale).concepts;
  return CONCEPTS.map((concept) => ({ id: concept, label: names[concept] }));
}
