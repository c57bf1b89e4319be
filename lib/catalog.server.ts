import "server-only";
/**
 * What instructors can assign, generated from the course content: lessons (content/*), quizzes
 * (the quiz registry) and simulator challenges. Each source is a function returning items, so a
 * source that does not exist yet simply contributes nothing. Assignment targets are validated
 * against this catalog on the server.
 */
import { CHALLENGE_LIST } from "@/domain/challenges";
import { questionResponseSchema, type Question } from "@/domain/quiz/schema";
import { listLessons } from "./content/lessons.server";
import type { TargetType } from "./gradebook/semantics";
import { getQuiz, listQuizzes } from "./quiz/registry.server";

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

const lessonTitles = () => new Map(listLessons("en").map((lesson) => [lesson.slug, lesson.title]));

/** A stored response (JSON of the quiz contract's QuestionResponse) in the quiz's own words. */
function responseInWords(question: Question, raw: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = questionResponseSchema.safeParse(json);
  if (!parsed.success || parsed.data.type !== question.type) return null;
  const r = parsed.data;
  const optionText = (id: string) => ("options" in question ? question.options.find((o) => o.id === id)?.text : undefined) ?? id;
  switch (r.type) {
    case "single":
      return optionText(r.optionId);
    case "multiple":
      return r.optionIds.length ? r.optionIds.map(optionText).join("; ") : "(nothing selected)";
    case "flags":
      return r.flags.length ? r.flags.join("+") : "(no flags)";
    case "state":
      return r.state;
    case "number":
      return String(r.value);
    case "order": {
      const items = question.type === "order" ? question.items : [];
      return r.itemIds.map((id) => items.find((i) => i.id === id)?.text ?? id).join(" → ");
    }
    case "match": {
      if (question.type !== "match") return null;
      const rights = new Map<string, string>([...question.pairs.map((p) => [p.right.id, p.right.text] as const), ...question.distractors.map((d) => [d.id, d.text] as const)]);
      return question.pairs
        .filter((p) => r.pairs[p.id])
        .map((p) => `${p.left} → ${rights.get(r.pairs[p.id] as string) ?? r.pairs[p.id]}`)
        .join("; ");
    }
  }
}

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
  // "Set the flags of this segment." is the same for every flags question: the segment tells them apart.
  questions: (id) => getQuiz(id)?.questions.map((q) => ({ id: q.id, prompt: q.type === "flags" ? `${q.prompt} ${q.segment}` : q.prompt })) ?? null,
  describe: (quizId, questionId, response) => {
    const question = getQuiz(quizId)?.questions.find((q) => q.id === questionId);
    return question ? responseInWords(question, response) : null;
  },
};

const challengeSource: CatalogSource = {
  items: () => {
    const titles = lessonTitles();
    return CHALLENGE_LIST.map((challenge) => ({
      type: "CHALLENGE" as const,
      id: challenge.id,
      title: challenge.title,
      lesson: titles.get(challenge.lesson) ?? null,
      href: challenge.href,
    }));
  },
};

const SOURCES: Record<TargetType, CatalogSource> = { LESSON: lessonSource, QUIZ: quizSource, CHALLENGE: challengeSource };

export const TARGET_LABELS: Record<TargetType, string> = { LESSON: "Lesson", QUIZ: "Quiz", CHALLENGE: "Simulator challenge" };
const GROUP_LABELS: Record<TargetType, string> = { LESSON: "Lessons", QUIZ: "Quizzes", CHALLENGE: "Simulator challenges" };

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
      label: GROUP_LABELS[type],
      items: items.map((item) => ({
        value: `${item.type}:${item.id}`,
        label: item.lesson && item.lesson !== item.title ? `${item.title} (${item.lesson})` : item.title,
      })),
    });
  }
  return groups;
}
