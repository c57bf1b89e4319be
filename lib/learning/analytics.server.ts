import "server-only";
import { groupGain, learnedLeast, type GroupGain, type LearnerPair, type Score } from "@/domain/learning/gain";
import { CONCEPTS, type Concept } from "@/domain/quiz/schema";
import type { CurrentUser } from "../auth/session.server";
import { requireTeaching } from "../classes/access.server";
import { listLessons } from "../content/lessons.server";
import { db } from "../db.server";
import { lessonDiagnostic } from "./diagnostics.server";
import type { Locale } from "@/domain/locale";

/**
 * What a class learned, from its lessons' diagnostics (ADR 1001): per lesson and per concept the
 * class's normalized gain (Hake's g from the matched learners' mean before and after scores), the
 * spread of the individual gains, and the concepts learned least. Only diagnostics a student took
 * after joining the class count: what they did before is theirs alone.
 */

export type LessonLearning = {
  slug: string;
  title: string;
  /** Students who finished the before and the after diagnostic, each on their own. */
  tookPre: number;
  tookPost: number;
  gain: GroupGain;
  concepts: Array<{ concept: Concept; gain: GroupGain }>;
};

export type ClassLearning = {
  students: number;
  lessons: LessonLearning[];
  /** Per concept over every lesson whose diagnostic asks it (matched lessons of each student summed). */
  concepts: Array<{ concept: Concept; gain: GroupGain }>;
  /** The concepts with the lowest class gain (at most three). */
  leastLearned: Concept[];
};

const add = (a: Score, b: Score): Score => ({ correct: a.correct + b.correct, total: a.total + b.total });
const EMPTY: Score = { correct: 0, total: 0 };

export async function classLearning(user: CurrentUser, classId: string, locale: Locale = "en"): Promise<ClassLearning> {
  await requireTeaching(user, classId);
  const enrollments = await db.enrollment.findMany({ where: { classId }, select: { userId: true, joinedAt: true } });
  const joined = new Map(enrollments.map((e) => [e.userId, e.joinedAt.getTime()]));
  const attempts = enrollments.length
    ? await db.diagnosticAttempt.findMany({
        where: { userId: { in: [...joined.keys()] }, submittedAt: { not: null } },
        select: { userId: true, lessonSlug: true, phase: true, startedAt: true, answers: { select: { concept: true, correct: true } } },
      })
    : [];
  const counted = attempts.filter((a) => a.startedAt.getTime() >= (joined.get(a.userId) ?? Infinity));

  const titles = new Map(listLessons(locale).map((lesson) => [lesson.slug, lesson.title]));
  const overall = new Map<Concept, Map<string, { pre: Score; post: Score }>>();
  const lessons: LessonLearning[] = [];
  for (const lesson of listLessons("en")) {
    const diagnostic = lessonDiagnostic(lesson.slug);
    if (!diagnostic) continue;
    const mine = counted.filter((a) => a.lessonSlug === lesson.slug);
    const byStudent = new Map<string, { pre?: (typeof mine)[number]; post?: (typeof mine)[number] }>();
    for (const attempt of mine) byStudent.set(attempt.userId, { ...byStudent.get(attempt.userId), [attempt.phase === "PRE" ? "pre" : "post"]: attempt });
    const matched = [...byStudent.entries()].filter(([, pair]) => pair.pre && pair.post) as Array<[string, { pre: (typeof mine)[number]; post: (typeof mine)[number] }]>;
    const scoreOf = (answers: ReadonlyArray<{ concept: string; correct: boolean }>, concept?: Concept): Score => {
      const chosen = concept ? answers.filter((a) => a.concept === concept) : answers;
      return { correct: chosen.filter((a) => a.correct).length, total: chosen.length };
    };
    const pairs: LearnerPair[] = matched.map(([learnerId, pair]) => ({ learnerId, pre: scoreOf(pair.pre.answers), post: scoreOf(pair.post.answers) }));
    const concepts = CONCEPTS.filter((concept) => diagnostic.questions.some((q) => q.concept === concept));
    lessons.push({
      slug: lesson.slug,
      title: titles.get(lesson.slug) ?? lesson.title,
      tookPre: mine.filter((a) => a.phase === "PRE").length,
      tookPost: mine.filter((a) => a.phase === "POST").length,
      gain: groupGain(pairs),
      concepts: concepts.map((concept) => ({
        concept,
        gain: groupGain(matched.map(([learnerId, pair]) => ({ learnerId, pre: scoreOf(pair.pre.answers, concept), post: scoreOf(pair.post.answers, concept) }))),
      })),
    });
    for (const concept of concepts) {
      const perStudent = overall.get(concept) ?? new Map<string, { pre: Score; post: Score }>();
      for (const [learnerId, pair] of matched) {
        const previous = perStudent.get(learnerId) ?? { pre: EMPTY, post: EMPTY };
        perStudent.set(learnerId, { pre: add(previous.pre, scoreOf(pair.pre.answers, concept)), post: add(previous.post, scoreOf(pair.post.answers, concept)) });
      }
      overall.set(concept, perStudent);
    }
  }
  const concepts = CONCEPTS.filter((concept) => overall.has(concept)).map((concept) => ({
    concept,
    gain: groupGain([...overall.get(concept)!.entries()].map(([learnerId, scores]) => ({ learnerId, ...scores }))),
  }));
  return {
    students: enrollments.length,
    lessons,
    concepts,
    leastLearned: learnedLeast(concepts.map((c) => ({ key: c.concept, gain: c.gain }))).map((c) => c.key),
  };
}
