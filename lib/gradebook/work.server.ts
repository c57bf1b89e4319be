import "server-only";
import { db } from "../db.server";
import type { ChallengeActivity, LessonActivity, QuizAttemptActivity, StudentWork, TargetType } from "./semantics";

type Target = { targetType: TargetType | string; targetId: string };

/**
 * Loads, in three queries, the work of some students on some assignments' targets. Callers
 * decide who may see which students; this only reads what it is asked for.
 */
export async function loadStudentWork(userIds: readonly string[], targets: readonly Target[]) {
  const ids = (type: string) => [...new Set(targets.filter((t) => t.targetType === type).map((t) => t.targetId))];
  const users = [...userIds];
  const [lessons, attempts, challenges] = await Promise.all([
    ids("LESSON").length && users.length
      ? db.lessonProgress.findMany({
          where: { userId: { in: users }, lessonSlug: { in: ids("LESSON") } },
          select: { userId: true, lessonSlug: true, startedAt: true, updatedAt: true, completedAt: true },
        })
      : [],
    ids("QUIZ").length && users.length
      ? db.quizAttempt.findMany({
          where: { userId: { in: users }, quizId: { in: ids("QUIZ") } },
          orderBy: { startedAt: "asc" },
          select: { id: true, userId: true, quizId: true, startedAt: true, submittedAt: true, score: true, maxScore: true, passed: true },
        })
      : [],
    ids("CHALLENGE").length && users.length
      ? db.challengeCompletion.findMany({
          where: { userId: { in: users }, challengeId: { in: ids("CHALLENGE") } },
          select: { userId: true, challengeId: true, completedAt: true },
        })
      : [],
  ]);
  const lessonMap = new Map<string, LessonActivity>(lessons.map((l) => [`${l.userId}|${l.lessonSlug}`, l]));
  const challengeMap = new Map<string, ChallengeActivity>(challenges.map((c) => [`${c.userId}|${c.challengeId}`, c]));
  const attemptMap = new Map<string, QuizAttemptActivity[]>();
  for (const a of attempts) {
    const key = `${a.userId}|${a.quizId}`;
    const list = attemptMap.get(key) ?? [];
    list.push(a);
    attemptMap.set(key, list);
  }
  return (userId: string, target: Target): StudentWork => {
    const key = `${userId}|${target.targetId}`;
    if (target.targetType === "LESSON") return { lesson: lessonMap.get(key) ?? null };
    if (target.targetType === "QUIZ") return { quizAttempts: attemptMap.get(key) ?? [] };
    return { challenge: challengeMap.get(key) ?? null };
  };
}
