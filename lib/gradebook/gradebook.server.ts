import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { findCatalogItem, quizQuestions } from "../catalog.server";
import { requireTeaching } from "../classes/access.server";
import { NotAllowedError } from "../classes/errors";
import { db } from "../db.server";
import { inactiveAssignments, progressOverTime, questionAnalytics, repeatedFailures, type AttentionReason } from "./analytics";
import { gradebookCsv } from "./csv";
import { assignmentResult, totalScore, type AssignmentResult, type TargetType } from "./semantics";
import { loadStudentWork } from "./work.server";

const ASSIGNMENT_VIEW = {
  id: true,
  title: true,
  targetType: true,
  targetId: true,
  points: true,
  opensAt: true,
  dueAt: true,
  latePolicy: true,
  latePenaltyPercent: true,
  extensions: { select: { userId: true, dueAt: true } },
} as const;

/** Everything the class-wide views are computed from, for a class the user teaches. */
async function loadClass(user: CurrentUser | null, classId: string, now: Date) {
  const { classroom } = await requireTeaching(user, classId);
  const [enrollments, assignments] = await Promise.all([
    db.enrollment.findMany({ where: { classId }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.assignment.findMany({ where: { classId }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }], select: ASSIGNMENT_VIEW }),
  ]);
  const students = enrollments.map((e) => e.user).sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  const workOf = await loadStudentWork(
    students.map((s) => s.id),
    assignments,
  );
  const results = new Map<string, AssignmentResult>();
  for (const student of students) {
    for (const a of assignments) {
      const extension = a.extensions.find((e) => e.userId === student.id)?.dueAt ?? null;
      const rules = { ...a, targetType: a.targetType as TargetType };
      results.set(`${student.id}|${a.id}`, assignmentResult(rules, workOf(student.id, a), extension, now));
    }
  }
  const resultOf = (studentId: string, assignmentId: string) => results.get(`${studentId}|${assignmentId}`) as AssignmentResult;
  return { classroom, students, assignments, resultOf };
}

/** Wrong and right answers of these students on these quizzes (submitted attempts only). */
async function loadAnswers(studentIds: string[], quizIds: string[]) {
  if (!studentIds.length || !quizIds.length) return [];
  return db.quizAnswer.findMany({
    where: { attempt: { userId: { in: studentIds }, quizId: { in: quizIds }, submittedAt: { not: null } } },
    select: {
      attemptId: true,
      questionId: true,
      concept: true,
      response: true,
      correct: true,
      misconception: true,
      answeredAt: true,
      attempt: { select: { userId: true, quizId: true } },
    },
  });
}

export async function getGradebook(user: CurrentUser | null, classId: string, now = new Date()) {
  const data = await loadClass(user, classId, now);
  const { classroom, students, assignments, resultOf } = data;
  const rows = students.map((student) => {
    const cells = assignments.map((a) => ({ assignmentId: a.id, points: a.points, result: resultOf(student.id, a.id), extended: a.extensions.some((e) => e.userId === student.id) }));
    return { student, cells, total: totalScore(cells) };
  });

  const quizIds = [...new Set(assignments.filter((a) => a.targetType === "QUIZ").map((a) => a.targetId))];
  const answers = await loadAnswers(students.map((s) => s.id), quizIds);
  const needsAttention = students
    .map((student) => {
      const reasons: AttentionReason[] = [
        ...repeatedFailures(answers.filter((a) => a.attempt.userId === student.id)),
        ...inactiveAssignments(
          assignments.map((a) => ({ id: a.id, title: a.title, opensAt: a.opensAt, result: resultOf(student.id, a.id) })),
          now,
        ),
      ];
      return { student, reasons };
    })
    .filter((entry) => entry.reasons.length > 0);

  const progress = progressOverTime({
    studentCount: students.length,
    assignments,
    submissions: students.flatMap((s) =>
      assignments.flatMap((a) => {
        const submittedAt = resultOf(s.id, a.id).submittedAt;
        return submittedAt ? [{ assignmentId: a.id, submittedAt }] : [];
      }),
    ),
    timeZone: classroom.timeZone,
    now,
  });

  return {
    classroom,
    assignments: assignments.map(({ extensions: _extensions, ...a }) => ({ ...a, item: findCatalogItem(a.targetType as TargetType, a.targetId) })),
    rows,
    needsAttention,
    progress,
  };
}

/** One student's every attempt and answer on the class's assignments. The student must be enrolled. */
export async function getStudentDrilldown(user: CurrentUser | null, classId: string, studentId: string, now = new Date()) {
  const { classroom, students, assignments, resultOf } = await loadClass(user, classId, now);
  const student = students.find((s) => s.id === studentId);
  if (!student) throw new NotAllowedError();
  const quizIds = [...new Set(assignments.filter((a) => a.targetType === "QUIZ").map((a) => a.targetId))];
  const lessonIds = assignments.filter((a) => a.targetType === "LESSON").map((a) => a.targetId);
  const challengeIds = assignments.filter((a) => a.targetType === "CHALLENGE").map((a) => a.targetId);
  const [attempts, lessons, challenges] = await Promise.all([
    db.quizAttempt.findMany({
      where: { userId: studentId, quizId: { in: quizIds } },
      orderBy: { startedAt: "asc" },
      select: {
        id: true,
        quizId: true,
        startedAt: true,
        submittedAt: true,
        score: true,
        maxScore: true,
        passed: true,
        answers: { orderBy: { answeredAt: "asc" }, select: { questionId: true, concept: true, response: true, correct: true, points: true, misconception: true } },
      },
    }),
    db.lessonProgress.findMany({ where: { userId: studentId, lessonSlug: { in: lessonIds } } }),
    db.challengeCompletion.findMany({ where: { userId: studentId, challengeId: { in: challengeIds } }, select: { challengeId: true, completedAt: true } }),
  ]);
  return {
    classroom,
    student,
    assignments: assignments.map((a) => {
      const result = resultOf(studentId, a.id);
      return {
        id: a.id,
        title: a.title,
        targetType: a.targetType as TargetType,
        targetId: a.targetId,
        points: a.points,
        opensAt: a.opensAt,
        dueAt: a.dueAt,
        latePolicy: a.latePolicy,
        latePenaltyPercent: a.latePenaltyPercent,
        extensionDueAt: a.extensions.find((e) => e.userId === studentId)?.dueAt ?? null,
        result,
        prompts: a.targetType === "QUIZ" ? new Map((quizQuestions(a.targetId) ?? []).map((q) => [q.id, q.prompt])) : new Map<string, string>(),
        attempts: a.targetType === "QUIZ" ? attempts.filter((t) => t.quizId === a.targetId).map((t) => ({ ...t, counted: t.submittedAt !== null && (a.latePolicy !== "CLOSE" || t.submittedAt.getTime() <= result.effectiveDueAt.getTime()), late: t.submittedAt !== null && t.submittedAt.getTime() > result.effectiveDueAt.getTime() })) : [],
        lesson: a.targetType === "LESSON" ? (lessons.find((l) => l.lessonSlug === a.targetId) ?? null) : null,
        challenge: a.targetType === "CHALLENGE" ? (challenges.find((c) => c.challengeId === a.targetId) ?? null) : null,
      };
    }),
  };
}

/**
 * Per quiz assignment and question: share correct over every submitted attempt by the class's
 * students, the most common wrong response and its misconception tag.
 */
export async function getQuestionAnalytics(user: CurrentUser | null, classId: string, now = new Date()) {
  const { classroom, students, assignments } = await loadClass(user, classId, now);
  const quizzes = assignments.filter((a) => a.targetType === "QUIZ");
  const answers = await loadAnswers(
    students.map((s) => s.id),
    [...new Set(quizzes.map((q) => q.targetId))],
  );
  return {
    classroom,
    studentCount: students.length,
    quizzes: quizzes.map((quiz) => {
      const questions = quizQuestions(quiz.targetId) ?? [];
      const stats = questionAnalytics(
        answers.filter((a) => a.attempt.quizId === quiz.targetId),
        questions.map((q) => q.id),
      );
      const prompts = new Map(questions.map((q) => [q.id, q.prompt]));
      return {
        assignmentId: quiz.id,
        title: quiz.title,
        quizId: quiz.targetId,
        attempts: new Set(answers.filter((a) => a.attempt.quizId === quiz.targetId).map((a) => a.attemptId)).size,
        questions: stats.map((s) => ({ ...s, prompt: prompts.get(s.questionId) ?? null })),
      };
    }),
  };
}

export async function exportGradebookCsv(user: CurrentUser | null, classId: string, now = new Date()) {
  const gradebook = await getGradebook(user, classId, now);
  const csv = gradebookCsv({
    assignments: gradebook.assignments,
    rows: gradebook.rows.map((row) => ({
      name: row.student.name ?? "",
      email: row.student.email,
      cells: row.cells.map((c) => ({ status: c.result.status, score: c.result.score })),
      total: row.total,
    })),
  });
  const slug = gradebook.classroom.name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "class";
  return { csv, filename: `${slug}-gradebook-${now.toISOString().slice(0, 10)}.csv`, className: gradebook.classroom.name };
}
