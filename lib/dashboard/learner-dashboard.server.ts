import "server-only";
import { challengeText } from "@/domain/challenges/text";
import { getChallenge } from "@/domain/challenges/registry";
import { getCaptureChallengeInfo } from "@/domain/capture-challenges/catalog";
import { computeMastery, type ConceptMastery } from "@/domain/quiz/mastery";
import type { Concept } from "@/domain/quiz/schema";
import type { LessonStatus } from "@/domain/learning/lesson-status";
import { listStudentAssignments, type StudentAssignment } from "../assignments/student.server";
import type { CurrentUser } from "../auth/session.server";
import { listPendingInvitations } from "../classes/membership.server";
import { getLesson, listLessons } from "../content/lessons.server";
import { db } from "../db.server";
import { mapAnchors } from "../i18n/anchors";
import { hasTranslation, lessonPath, localePath } from "../i18n/paths";
import { dashboardWords } from "../i18n/words/dashboard";
import { listLessonProgress, type LessonProgressView } from "../progress/lesson-progress.server";
import { listQuizStats, type QuizStats } from "../quiz/attempts.server";
import { getQuiz, listQuizzes } from "../quiz/registry.server";
import type { Locale } from "@/domain/locale";


export type LessonQuizSummary = { id: string; title: string; best: number | null; latest: number | null; passed: boolean; finished: number; passThreshold: number };

export type DashboardLesson = {
  slug: string;
  /** The lesson in the dashboard's language. */
  href: string;
  title: string;
  order: number;
  minutes: number;
  status: LessonStatus;
  /** The section the learner last read, as the dashboard's language names it. */
  lastPosition: string | null;
  /** Read to the end or marked complete. */
  read: boolean;
  /** 0..1: the share of the lesson's requirements met (reading, and the quiz when it has one). */
  progress: number;
  quiz: LessonQuizSummary | null;
};

export type NextStep =
  | { kind: "resume-lesson" | "start-lesson"; slug: string; title: string; href: string }
  | { kind: "take-quiz" | "retry-quiz"; slug: string; title: string; quizTitle: string; best: number | null; href: string }
  | { kind: "practise-concept"; concept: Concept; label: string; score: number; slug: string; title: string; href: string }
  | { kind: "done" };

export type ActivityItem =
  | { kind: "lesson-started" | "lesson-completed"; at: Date; slug: string; title: string; href: string }
  | { kind: "quiz-finished"; at: Date; quizId: string; title: string; slug: string; score: number; maxScore: number; passed: boolean }
  | { kind: "challenge-completed"; at: Date; challengeId: string; title: string };

export type LearnerDashboard = {
  lessons: DashboardLesson[];
  completed: number;
  total: number;
  /** Mean of the lessons' progress, 0..1. */
  courseProgress: number;
  nextLesson: { slug: string; title: string; resume: string | null } | null;
  nextStep: NextStep;
  mastery: ConceptMastery[];
  recent: ActivityItem[];
  /** The student's own assignments, statuses and due dates (lib/assignments/student.server.ts). */
  assignments: StudentAssignment[];
  /** Class invitations waiting for their answer (a roster import never enrolls anyone by itself). */
  invitations: Awaited<ReturnType<typeof listPendingInvitations>>;
};

/** Below this a concept with enough answers is recommended for practice. */
const WEAK_CONCEPT = 0.6;
const RECENT_ITEMS = 8;
/** Mastery reads this many of the most recent answers (older ones weigh almost nothing). */
const MASTERY_WINDOW = 500;

function lessonProgress(row: LessonProgressView | undefined, quiz: LessonQuizSummary | null): number {
  if (row?.completedAt) return 1;
  if (!row) return quiz?.passed ? 0.5 : 0;
  const read = Boolean(row.readToEndAt || row.markedDoneAt);
  if (!quiz) return read ? 1 : 0.1;
  return (read ? 0.5 : 0.1) + (quiz.passed ? 0.5 : 0);
}

const quizHref = (locale: Locale, slug: string, quizId: string) => `${lessonPath(locale, slug)}#quiz-${quizId}`;

/** A section saved by its English id (how reading positions are kept), as `locale` names it. */
async function localSection(slug: string, englishId: string, locale: Locale): Promise<string> {
  if (locale === "en") return englishId;
  const [english, local] = await Promise.all([getLesson(slug, "en"), getLesson(slug, locale)]);
  if (!english || !local || local.locale !== locale) return englishId;
  return mapAnchors(english.toc, local.toc)[englishId] ?? englishId;
}

/** Everything on a student's dashboard, in `locale`; reads only the signed-in user's own rows. */
export async function getLearnerDashboard(user: CurrentUser, locale: Locale = "en"): Promise<LearnerDashboard> {
  const [progressRows, quizStats, answers, attempts, challenges, assignments, invitations] = await Promise.all([
    listLessonProgress(user),
    listQuizStats(user),
    db.quizAnswer.findMany({
      where: { attempt: { userId: user.id } },
      select: { concept: true, correct: true, answeredAt: true },
      orderBy: { answeredAt: "desc" },
      take: MASTERY_WINDOW,
    }),
    db.quizAttempt.findMany({
      where: { userId: user.id, submittedAt: { not: null } },
      select: { quizId: true, score: true, maxScore: true, passed: true, submittedAt: true },
      orderBy: { submittedAt: "desc" },
      take: RECENT_ITEMS,
    }),
    db.challengeCompletion.findMany({ where: { userId: user.id }, select: { challengeId: true, completedAt: true }, orderBy: { completedAt: "desc" }, take: RECENT_ITEMS }),
    listStudentAssignments(user),
    listPendingInvitations(user),
  ]);

  const quizzes = listQuizzes();
  const quizTitle = (id: string) => getQuiz(id, locale)?.title ?? id;
  const localTitles = new Map(listLessons(locale).map((lesson) => [lesson.slug, lesson.title]));
  const statsById = new Map<string, QuizStats>(quizStats.map((stats) => [stats.quizId, stats]));
  const bySlug = new Map(progressRows.map((row) => [row.lessonSlug, row]));
  const lessons: DashboardLesson[] = listLessons("en").map((lesson) => {
    const row = bySlug.get(lesson.slug);
    const definition = quizzes.find((quiz) => quiz.lessonSlug === lesson.slug);
    const stats = definition ? statsById.get(definition.id) : undefined;
    const quiz = definition
      ? {
          id: definition.id,
          title: quizTitle(definition.id),
          best: stats?.best ?? null,
          latest: stats?.latest ?? null,
          passed: stats?.passed ?? false,
          finished: stats?.finished ?? 0,
          passThreshold: definition.passThreshold,
        }
      : null;
    const status: LessonStatus = row?.completedAt ? "complete" : row || (stats?.finished ?? 0) > 0 ? "in-progress" : "not-started";
    return {
      slug: lesson.slug,
      href: lessonPath(locale, lesson.slug),
      title: localTitles.get(lesson.slug) ?? lesson.title,
      order: lesson.order,
      minutes: lesson.minutes,
      status,
      lastPosition: row?.lastPosition ?? null,
      read: Boolean(row?.readToEndAt || row?.markedDoneAt),
      progress: lessonProgress(row, quiz),
      quiz,
    };
  });

  // Only the lesson to resume links to a section: only its position needs the local name.
  const resuming = lessons.find((lesson) => lesson.status === "in-progress" && lesson.lastPosition);
  if (resuming?.lastPosition) resuming.lastPosition = await localSection(resuming.slug, resuming.lastPosition, locale);

  const concepts = dashboardWords(locale).concepts;
  const mastery = computeMastery(answers).map((concept) => ({ ...concept, label: concepts[concept.concept] }));
  const next = lessons.find((lesson) => lesson.status === "in-progress") ?? lessons.find((lesson) => lesson.status === "not-started");
  const lessonBySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
  /** A lesson as the activity list names and links it (a slug no longer in the course keeps its slug). */
  const lessonRef = (slug: string) => {
    const lesson = lessonBySlug.get(slug);
    return { slug, title: lesson?.title ?? slug, href: lesson?.href ?? lessonPath(locale, slug) };
  };
  const challengeTitle = (id: string) => {
    const challenge = getChallenge(id);
    if (challenge) return challengeText(challenge, locale).title;
    return getCaptureChallengeInfo(id)?.title[locale] ?? id;
  };

  const recent: ActivityItem[] = [
    ...progressRows.flatMap((row): ActivityItem[] => [
      { kind: "lesson-started", at: row.startedAt, ...lessonRef(row.lessonSlug) },
      ...(row.completedAt ? [{ kind: "lesson-completed" as const, at: row.completedAt, ...lessonRef(row.lessonSlug) }] : []),
    ]),
    ...attempts.map((attempt): ActivityItem => {
      const quiz = quizzes.find((q) => q.id === attempt.quizId);
      return {
        kind: "quiz-finished",
        at: attempt.submittedAt!,
        quizId: attempt.quizId,
        title: quizTitle(attempt.quizId),
        slug: quiz?.lessonSlug ?? "",
        score: attempt.score,
        maxScore: attempt.maxScore,
        passed: attempt.passed,
      };
    }),
    ...challenges.map((c): ActivityItem => ({ kind: "challenge-completed", at: c.completedAt, challengeId: c.challengeId, title: challengeTitle(c.challengeId) })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, RECENT_ITEMS);

  return {
    lessons,
    completed: lessons.filter((lesson) => lesson.status === "complete").length,
    total: lessons.length,
    courseProgress: lessons.length ? lessons.reduce((sum, lesson) => sum + lesson.progress, 0) / lessons.length : 0,
    nextLesson: next ? { slug: next.slug, title: next.title, resume: next.lastPosition } : null,
    nextStep: recommendNextStep(lessons, mastery, locale),
    mastery,
    recent,
    // Assigned lessons, quizzes and challenges open in the dashboard's language.
    assignments: assignments.map((a) => (a.href && hasTranslation(a.href) ? { ...a, href: localePath(locale, a.href) } : a)),
    invitations,
  };
}

/**
 * The one thing to do next: finish the lesson in progress (its quiz first when the reading is
 * done), then shore up the weakest concept, then start the next lesson.
 */
export function recommendNextStep(lessons: readonly DashboardLesson[], mastery: readonly ConceptMastery[], locale: Locale = "en"): NextStep {
  const current = lessons.find((lesson) => lesson.status === "in-progress");
  if (current) {
    if (current.quiz && !current.quiz.passed && (current.read || current.quiz.finished > 0)) {
      return {
        kind: current.quiz.finished > 0 ? "retry-quiz" : "take-quiz",
        slug: current.slug,
        title: current.title,
        quizTitle: current.quiz.title,
        best: current.quiz.best,
        href: quizHref(locale, current.slug, current.quiz.id),
      };
    }
    if (!current.read) {
      return { kind: "resume-lesson", slug: current.slug, title: current.title, href: `${current.href}${current.lastPosition ? `#${current.lastPosition}` : ""}` };
    }
  }
  const weakest = mastery
    .filter((m) => m.score !== null && m.answered >= 2 && m.score < WEAK_CONCEPT)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
  if (weakest) {
    const quiz = practiceQuizFor(weakest.concept);
    const lesson = quiz ? lessons.find((l) => l.slug === quiz.lessonSlug) : undefined;
    if (quiz && lesson) {
      return { kind: "practise-concept", concept: weakest.concept, label: weakest.label, score: weakest.score ?? 0, slug: lesson.slug, title: lesson.title, href: quizHref(locale, lesson.slug, quiz.id) };
    }
  }
  const upcoming = lessons.find((lesson) => lesson.status === "not-started");
  if (upcoming) return { kind: "start-lesson", slug: upcoming.slug, title: upcoming.title, href: upcoming.href };
  return { kind: "done" };
}

/** The quiz with the most questions on a concept. */
function practiceQuizFor(concept: Concept) {
  return listQuizzes()
    .map((quiz) => ({ quiz, count: quiz.questions.filter((q) => q.concept === concept).length }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count)[0]?.quiz;
}
