import "server-only";
import type { Activity, Evidence, StudentWork, TargetType } from "@/domain/gradebook/semantics";
import { parseConceptSet } from "@/domain/review/concept-set";
import { db } from "../db.server";

type Target = { targetType: TargetType | string; targetId: string };

const EVIDENCE_KIND = {
  LESSON: "lesson-completion",
  CHALLENGE: "challenge-completion",
  REVIEW: "review-mastery",
  DIAGNOSTIC: "diagnostic-completion",
} as const satisfies Record<"LESSON" | "CHALLENGE" | "REVIEW" | "DIAGNOSTIC", Evidence["kind"]>;

/** Activity on review targets: each student's latest answer (quiz, review or prediction) on the set's concepts. Two queries. */
async function reviewAnswerActivity(userIds: string[], targetIds: string[]): Promise<Array<{ userId: string; targetId: string; at: Date }>> {
  const sets = targetIds.map((id) => ({ id, concepts: parseConceptSet(id) ?? [] }));
  const concepts = [...new Set(sets.flatMap((set) => set.concepts))];
  if (!concepts.length) return [];
  const [attempts, latest] = await Promise.all([
    db.quizAttempt.findMany({ where: { userId: { in: userIds } }, select: { id: true, userId: true } }),
    db.quizAnswer.groupBy({ by: ["attemptId", "concept"], where: { attempt: { userId: { in: userIds } }, concept: { in: concepts } }, _max: { answeredAt: true } }),
  ]);
  const owner = new Map(attempts.map((a) => [a.id, a.userId]));
  const perStudent = new Map<string, Date>();
  for (const row of latest) {
    const userId = owner.get(row.attemptId);
    const at = row._max.answeredAt;
    if (!userId || !at) continue;
    const key = `${userId}|${row.concept}`;
    if (!perStudent.has(key) || perStudent.get(key)! < at) perStudent.set(key, at);
  }
  return [...perStudent.entries()].flatMap(([key, at]) => {
    const [userId, concept] = key.split("|") as [string, string];
    return sets.filter((set) => (set.concepts as string[]).includes(concept)).map((set) => ({ userId, targetId: set.id, at }));
  });
}

/** A finished quiz attempt as evidence: done when started, handed in when its last answer was stored. */
export function attemptEvidence(attempt: { id: string; startedAt: Date; submittedAt: Date; score: number; maxScore: number; passed: boolean }): Evidence {
  return {
    id: attempt.id,
    kind: "quiz-attempt",
    doneAt: attempt.startedAt,
    handedInAt: attempt.submittedAt,
    fraction: attempt.maxScore > 0 ? attempt.score / attempt.maxScore : 0,
    passed: attempt.passed,
  };
}

/**
 * Loads, in four queries, the work of some students on some assignments' targets: finished quiz
 * attempts and recorded completions as evidence; lessons opened or read, and attempts started, as
 * activity. Callers decide who may see which students (and apply each student's window, see
 * domain/gradebook/semantics.ts); this only reads what it is asked for.
 */
export async function loadStudentWork(userIds: readonly string[], targets: readonly Target[]) {
  const ids = (type: string) => [...new Set(targets.filter((t) => t.targetType === type).map((t) => t.targetId))];
  const users = [...userIds];
  const lessonIds = ids("LESSON");
  const quizIds = ids("QUIZ");
  const reviewIds = ids("REVIEW");
  const diagnosticIds = ids("DIAGNOSTIC");
  const completionTargets = [
    ...lessonIds.map((id) => ({ targetType: "LESSON" as const, targetId: id })),
    ...ids("CHALLENGE").map((id) => ({ targetType: "CHALLENGE" as const, targetId: id })),
    ...reviewIds.map((id) => ({ targetType: "REVIEW" as const, targetId: id })),
    ...diagnosticIds.map((id) => ({ targetType: "DIAGNOSTIC" as const, targetId: id })),
  ];
  const [lessons, attempts, completions, reviewActivity, diagnostics] = await Promise.all([
    lessonIds.length && users.length
      ? db.lessonProgress.findMany({
          where: { userId: { in: users }, lessonSlug: { in: lessonIds } },
          select: { userId: true, lessonSlug: true, startedAt: true, updatedAt: true },
        })
      : [],
    quizIds.length && users.length
      ? db.quizAttempt.findMany({
          where: { userId: { in: users }, quizId: { in: quizIds } },
          orderBy: { startedAt: "asc" },
          select: { id: true, userId: true, quizId: true, startedAt: true, submittedAt: true, score: true, maxScore: true, passed: true },
        })
      : [],
    completionTargets.length && users.length
      ? db.completionEvidence.findMany({
          where: { userId: { in: users }, OR: completionTargets },
          orderBy: { handedInAt: "asc" },
          select: { id: true, userId: true, targetType: true, targetId: true, doneAt: true, handedInAt: true, signedOut: true },
        })
      : [],
    // "Review until mastered": answers on the assignment's concepts are the work under way.
    reviewIds.length && users.length ? reviewAnswerActivity(users, reviewIds) : [],
    diagnosticIds.length && users.length
      ? db.diagnosticAttempt.findMany({ where: { userId: { in: users }, lessonSlug: { in: diagnosticIds } }, select: { userId: true, lessonSlug: true, startedAt: true } })
      : [],
  ]);

  const work = new Map<string, { evidence: Evidence[]; activity: Activity[] }>();
  const entry = (key: string) => {
    let value = work.get(key);
    if (!value) work.set(key, (value = { evidence: [], activity: [] }));
    return value;
  };
  for (const l of lessons) entry(`${l.userId}|LESSON|${l.lessonSlug}`).activity.push({ at: l.startedAt }, { at: l.updatedAt });
  for (const a of attempts) {
    const target = entry(`${a.userId}|QUIZ|${a.quizId}`);
    if (a.submittedAt) target.evidence.push(attemptEvidence({ ...a, submittedAt: a.submittedAt }));
    else target.activity.push({ at: a.startedAt });
  }
  for (const c of completions) {
    entry(`${c.userId}|${c.targetType}|${c.targetId}`).evidence.push({
      id: c.id,
      kind: EVIDENCE_KIND[c.targetType as keyof typeof EVIDENCE_KIND] ?? "lesson-completion",
      doneAt: c.doneAt,
      handedInAt: c.handedInAt,
      fraction: 1,
      signedOut: c.signedOut,
    });
  }
  for (const a of reviewActivity) entry(`${a.userId}|REVIEW|${a.targetId}`).activity.push({ at: a.at });
  for (const d of diagnostics) entry(`${d.userId}|DIAGNOSTIC|${d.lessonSlug}`).activity.push({ at: d.startedAt });
  const empty: StudentWork = { evidence: [], activity: [] };
  return (userId: string, target: Target): StudentWork => work.get(`${userId}|${target.targetType}|${target.targetId}`) ?? empty;
}
