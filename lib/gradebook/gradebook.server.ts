import "server-only";
import { inactiveAssignments, progressOverTime, questionAnalytics, repeatedFailures, type AttentionReason } from "@/domain/gradebook/analytics";
import { assignmentResult, totalScore, type AssignmentResult, type StudentWork, type TargetType } from "@/domain/gradebook/semantics";
import type { Locale } from "@/domain/locale";
import type { CurrentUser } from "../auth/session.server";
import { findCatalogItem } from "../catalog.server";
import { requireTeaching } from "../classes/access.server";
import { NotAllowedError } from "../classes/errors";
import { db } from "../db.server";
import { attemptQuestion, describeMistake, mistakeKey, presentAnswer, promptOf } from "../quiz/presentation.server";
import { getQuiz } from "../quiz/registry.server";
import { ASSIGNMENT_RULE_FIELDS, rulesOf } from "@/domain/gradebook/assignment-rules";
import { gradebookCsv } from "@/domain/gradebook/csv";
import { GRADEBOOK_CSV_LOCALE, submissionStatusWords } from "../i18n/words/gradebook";
import { misconceptionsIn } from "../i18n/words/misconceptions";
import { loadStudentWork } from "./work.server";

const ASSIGNMENT_VIEW = {
  id: true,
  title: true,
  targetId: true,
  createdAt: true,
  ...ASSIGNMENT_RULE_FIELDS,
  extensions: { select: { userId: true, dueAt: true } },
  excusals: { select: { userId: true, note: true, createdAt: true } },
} as const;

type StudentRow = { id: string; name: string | null; email: string; joinedAt: Date };

/**
 * Everything the class-wide views are computed from, for a class the user teaches: its students
 * (with when they joined), its assignments with extensions and excusals, and each student's
 * result on each assignment from domain/gradebook/semantics.ts.
 */
async function loadClass(user: CurrentUser, classId: string, now: Date) {
  const { classroom, isOwner } = await requireTeaching(user, classId);
  const [enrollments, assignments] = await Promise.all([
    db.enrollment.findMany({ where: { classId }, select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } } }),
    db.assignment.findMany({ where: { classId }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }], select: ASSIGNMENT_VIEW }),
  ]);
  const students: StudentRow[] = enrollments
    .map((e) => ({ ...e.user, joinedAt: e.joinedAt }))
    .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  const workOf = await loadStudentWork(
    students.map((s) => s.id),
    assignments,
  );
  const results = new Map<string, AssignmentResult>();
  const works = new Map<string, StudentWork>();
  for (const student of students) {
    for (const a of assignments) {
      const work = workOf(student.id, a);
      const standing = {
        enrolledAt: student.joinedAt,
        extensionDueAt: a.extensions.find((e) => e.userId === student.id)?.dueAt ?? null,
        excused: a.excusals.some((e) => e.userId === student.id),
      };
      results.set(`${student.id}|${a.id}`, assignmentResult(rulesOf(a), work, standing, now));
      works.set(`${student.id}|${a.id}`, work);
    }
  }
  const resultOf = (studentId: string, assignmentId: string) => results.get(`${studentId}|${assignmentId}`) as AssignmentResult;
  const workFor = (studentId: string, assignmentId: string) => works.get(`${studentId}|${assignmentId}`) as StudentWork;
  return { classroom, isOwner, students, assignments, resultOf, workFor };
}

type LoadedClass = Awaited<ReturnType<typeof loadClass>>;

/** The quiz attempts that count toward one of the class's assignments (an answer's attempt must be one). */
function countingAttemptIds({ students, assignments, resultOf }: LoadedClass): Set<string> {
  const ids = new Set<string>();
  for (const student of students) {
    for (const a of assignments) {
      if (a.targetType !== "QUIZ") continue;
      for (const verdict of resultOf(student.id, a.id).verdicts) if (verdict.counts) ids.add(verdict.evidenceId);
    }
  }
  return ids;
}

/** Answers of attempts that count toward the class's assignments: nothing from a student's private history. */
async function loadCountingAnswers(attemptIds: ReadonlySet<string>) {
  if (attemptIds.size === 0) return [];
  return db.quizAnswer.findMany({
    where: { attemptId: { in: [...attemptIds] } },
    select: {
      attemptId: true,
      questionId: true,
      concept: true,
      response: true,
      correct: true,
      misconception: true,
      answeredAt: true,
      attempt: { select: { userId: true, quizId: true, variantSeed: true } },
    },
  });
}

export async function getGradebook(user: CurrentUser, classId: string, now = new Date()) {
  const data = await loadClass(user, classId, now);
  const { classroom, students, assignments, resultOf } = data;
  const rows = students.map((student) => {
    const cells = assignments.map((a) => ({
      assignmentId: a.id,
      result: resultOf(student.id, a.id),
      extensionDueAt: a.extensions.find((e) => e.userId === student.id)?.dueAt ?? null,
    }));
    return { student, cells, total: totalScore(cells.map((c) => c.result)) };
  });

  const answers = await loadCountingAnswers(countingAttemptIds(data));
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
    pairs: students.flatMap((s) =>
      assignments.flatMap((a) => {
        const result = resultOf(s.id, a.id);
        return result.status === "excused" ? [] : [{ windowStart: result.windowStart.getTime() > a.opensAt.getTime() ? result.windowStart : a.opensAt, handedInAt: result.submittedAt }];
      }),
    ),
    timeZone: classroom.timeZone,
    now,
  });

  return {
    classroom,
    assignments: assignments.map(({ extensions: _extensions, excusals: _excusals, ...a }) => ({ ...a, item: findCatalogItem(a.targetType as TargetType, a.targetId) })),
    rows,
    needsAttention,
    progress,
  };
}

/**
 * One student's work on the class's assignments, as evidence for every number: each piece of
 * work from the day they joined the class on (their earlier, private history is not shown), with
 * whether and why it counts. The student must be enrolled.
 */
export async function getStudentDrilldown(user: CurrentUser, classId: string, studentId: string, now = new Date(), locale: Locale = "en") {
  const data = await loadClass(user, classId, now);
  const { classroom, isOwner, students, assignments, resultOf, workFor } = data;
  const student = students.find((s) => s.id === studentId);
  if (!student) throw new NotAllowedError();
  const since = student.joinedAt;
  const quizIds = [...new Set(assignments.filter((a) => a.targetType === "QUIZ").map((a) => a.targetId))];
  const lessonIds = assignments.filter((a) => a.targetType === "LESSON").map((a) => a.targetId);
  const [attempts, lessons] = await Promise.all([
    quizIds.length
      ? db.quizAttempt.findMany({
          where: { userId: studentId, quizId: { in: quizIds }, startedAt: { gte: since } },
          orderBy: { startedAt: "asc" },
          select: {
            id: true,
            quizId: true,
            variantSeed: true,
            startedAt: true,
            submittedAt: true,
            score: true,
            maxScore: true,
            passed: true,
            answers: { orderBy: { answeredAt: "asc" }, select: { questionId: true, concept: true, response: true, correct: true, misconception: true, answeredAt: true } },
          },
        })
      : [],
    lessonIds.length ? db.lessonProgress.findMany({ where: { userId: studentId, lessonSlug: { in: lessonIds } } }) : [],
  ]);
  const after = (date: Date | null | undefined) => (date && date.getTime() >= since.getTime() ? date : null);
  return {
    classroom,
    isOwner,
    student,
    assignments: assignments.map((a) => {
      const result = resultOf(studentId, a.id);
      const verdicts = new Map(result.verdicts.map((v) => [v.evidenceId, v]));
      const quiz = a.targetType === "QUIZ" ? getQuiz(a.targetId) : null;
      const lesson = a.targetType === "LESSON" ? lessons.find((l) => l.lessonSlug === a.targetId) : undefined;
      return {
        id: a.id,
        title: a.title,
        targetType: a.targetType as TargetType,
        targetId: a.targetId,
        item: findCatalogItem(a.targetType as TargetType, a.targetId, locale),
        points: a.points,
        ungraded: a.ungraded,
        acceptEarlierWork: a.acceptEarlierWork,
        opensAt: a.opensAt,
        dueAt: a.dueAt,
        latePolicy: a.latePolicy,
        latePenaltyPercent: a.latePenaltyPercent,
        extensionDueAt: a.extensions.find((e) => e.userId === studentId)?.dueAt ?? null,
        excusal: a.excusals.find((e) => e.userId === studentId) ?? null,
        result,
        // Completions (lessons, challenges) inside what the instructor may see.
        completions: workFor(studentId, a.id)
          .evidence.filter((e) => e.kind !== "quiz-attempt" && e.doneAt.getTime() >= since.getTime())
          .map((e) => ({ ...e, verdict: verdicts.get(e.id) ?? null })),
        lessonActivity: lesson ? { startedAt: after(lesson.startedAt), readToEndAt: after(lesson.readToEndAt), markedDoneAt: after(lesson.markedDoneAt) } : null,
        attempts: quiz
          ? attempts
              .filter((t) => t.quizId === a.targetId)
              .map((t) => ({
                id: t.id,
                startedAt: t.startedAt,
                submittedAt: t.submittedAt,
                score: t.score,
                maxScore: t.maxScore,
                passed: t.passed,
                verdict: verdicts.get(t.id) ?? null,
                answers: t.answers.map((answer) => ({
                  questionId: answer.questionId,
                  concept: answer.concept,
                  correct: answer.correct,
                  answeredAt: answer.answeredAt,
                  presented: presentAnswer(t.quizId, answer.questionId, t.variantSeed, answer.response, locale),
                  misconceptions: misconceptionsIn(answer.misconception, locale),
                })),
              }))
          : [],
      };
    }),
  };
}

/**
 * Per quiz assignment and question: share correct over the answers of every attempt that counts
 * toward the assignment, the most common wrong answer (the same mistake across variants, see
 * mistakeKey) with its misconception, and the question as the latest of those attempts showed it.
 */
export async function getQuestionAnalytics(user: CurrentUser, classId: string, now = new Date(), locale: Locale = "en") {
  const data = await loadClass(user, classId, now);
  const { classroom, students, assignments, resultOf } = data;
  const quizzes = assignments.filter((a) => a.targetType === "QUIZ");
  return {
    classroom,
    studentCount: students.length,
    quizzes: await Promise.all(
      quizzes.map(async (quiz) => {
        const attemptIds = new Set(students.flatMap((s) => resultOf(s.id, quiz.id).verdicts.flatMap((v) => (v.counts ? [v.evidenceId] : []))));
        const answers = await loadCountingAnswers(attemptIds);
        const keyed = answers.map((a) => ({ ...a, response: mistakeKey(quiz.targetId, a.questionId, a.attempt.variantSeed, a.response), stored: a.response }));
        const order = getQuiz(quiz.targetId)?.questions.map((q) => q.id) ?? [];
        const stats = questionAnalytics(keyed, order);
        return {
          assignmentId: quiz.id,
          title: quiz.title,
          quizId: quiz.targetId,
          attempts: attemptIds.size,
          questions: stats.map((s) => {
            const forQuestion = keyed.filter((a) => a.questionId === s.questionId);
            const latest = forQuestion.reduce<(typeof forQuestion)[number] | null>((l, a) => (!l || a.answeredAt > l.answeredAt ? a : l), null);
            const shown = latest ? attemptQuestion(quiz.targetId, s.questionId, latest.attempt.variantSeed, locale) : null;
            const example = s.mostCommonWrong ? forQuestion.find((a) => !a.correct && a.response === s.mostCommonWrong?.response) : undefined;
            return {
              ...s,
              prompt: shown ? promptOf(shown.public) : null,
              variesPerAttempt: shown ? shown.public.type === "number" || shown.public.type === "state" : false,
              mostCommonWrong:
                s.mostCommonWrong && example
                  ? {
                      count: s.mostCommonWrong.count,
                      text: describeMistake(quiz.targetId, s.questionId, s.mostCommonWrong.response, { seed: example.attempt.variantSeed, response: example.stored }, locale),
                      misconceptions: misconceptionsIn(s.mostCommonWrong.misconception, locale),
                    }
                  : null,
            };
          }),
        };
      }),
    ),
  };
}

export async function exportGradebookCsv(user: CurrentUser, classId: string, now = new Date()) {
  const gradebook = await getGradebook(user, classId, now);
  const csv = gradebookCsv({
    timeZone: gradebook.classroom.timeZone,
    statusLabels: submissionStatusWords(GRADEBOOK_CSV_LOCALE),
    assignments: gradebook.assignments,
    rows: gradebook.rows.map((row) => ({
      name: row.student.name ?? "",
      email: row.student.email,
      cells: row.cells.map((c) => c.result),
      total: row.total,
    })),
  });
  const slug = gradebook.classroom.name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "class";
  return { csv, filename: `${slug}-gradebook-${now.toISOString().slice(0, 10)}.csv`, className: gradebook.classroom.name };
}
