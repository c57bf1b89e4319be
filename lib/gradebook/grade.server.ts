import "server-only";
import { assignmentResult, type AssignmentResult, type Evidence } from "@/domain/gradebook/semantics";
import { db } from "../db.server";
import { ASSIGNMENT_RULE_FIELDS, rulesOf } from "@/domain/gradebook/assignment-rules";
import { loadStudentWork } from "./work.server";

export type StudentGrade = {
  assignmentId: string;
  studentId: string;
  status: AssignmentResult["status"];
  /** Points given (penalty applied; 0 when missing); null while nothing is settled, when excused, or for ungraded practice. */
  pointsGiven: number | null;
  /** The assignment's points (0 for ungraded practice). */
  pointsPossible: number;
  /** Ungraded practice: it has a status, never a score. */
  ungraded: boolean;
  effectiveDueAt: Date;
  /** When the first counting work was handed in. */
  submittedAt: Date | null;
  /** Some work or activity since the student's window opened (a lesson opened, an attempt started). */
  activeSinceOpen: boolean;
  /** Every piece of evidence the rules looked at, with whether it counts, whether it was late and what it earned. */
  evidence: Array<Evidence & { counts: boolean; late: boolean; value: number | null; reason: "counts" | "before-window" | "closed" }>;
  /** The evidence the score comes from. */
  bestEvidenceId: string | null;
  excused: boolean;
};

/**
 * Grades of some students on some assignments, from the same rules and stored evidence as the
 * gradebook, its CSV and the drill-down (docs/gradebook.md), in a fixed number of queries. A
 * server function with no user: callers that act for a platform (an LMS grade passback) have
 * already established who may see it. Keyed `studentId|assignmentId`; a pair is absent when the
 * assignment does not exist or the student is not enrolled in its class.
 */
export async function gradesFor(assignmentIds: readonly string[], studentIds: readonly string[], now = new Date()): Promise<Map<string, StudentGrade>> {
  const grades = new Map<string, StudentGrade>();
  if (!assignmentIds.length || !studentIds.length) return grades;
  const students = [...new Set(studentIds)];
  const assignments = await db.assignment.findMany({
    where: { id: { in: [...new Set(assignmentIds)] } },
    select: {
      id: true,
      classId: true,
      targetId: true,
      ...ASSIGNMENT_RULE_FIELDS,
      extensions: { where: { userId: { in: students } }, select: { userId: true, dueAt: true } },
      excusals: { where: { userId: { in: students } }, select: { userId: true } },
    },
  });
  if (!assignments.length) return grades;
  const enrollments = await db.enrollment.findMany({
    where: { userId: { in: students }, classId: { in: [...new Set(assignments.map((a) => a.classId))] } },
    select: { classId: true, userId: true, joinedAt: true },
  });
  const joinedAt = new Map(enrollments.map((e) => [`${e.userId}|${e.classId}`, e.joinedAt]));
  const workOf = await loadStudentWork(students, assignments);
  for (const assignment of assignments) {
    const extensionOf = new Map(assignment.extensions.map((e) => [e.userId, e.dueAt]));
    const excusedIds = new Set(assignment.excusals.map((e) => e.userId));
    for (const studentId of students) {
      const enrolledAt = joinedAt.get(`${studentId}|${assignment.classId}`);
      if (!enrolledAt) continue;
      const work = workOf(studentId, assignment);
      const excused = excusedIds.has(studentId);
      const result = assignmentResult(rulesOf(assignment), work, { enrolledAt, extensionDueAt: extensionOf.get(studentId) ?? null, excused }, now);
      const verdicts = new Map(result.verdicts.map((v) => [v.evidenceId, v]));
      grades.set(`${studentId}|${assignment.id}`, {
        assignmentId: assignment.id,
        studentId,
        status: result.status,
        pointsGiven: result.score,
        pointsPossible: result.pointsPossible,
        ungraded: assignment.ungraded,
        effectiveDueAt: result.effectiveDueAt,
        submittedAt: result.submittedAt,
        activeSinceOpen: result.activeSinceOpen,
        bestEvidenceId: result.bestEvidenceId,
        excused,
        evidence: work.evidence.map((e) => {
          const verdict = verdicts.get(e.id);
          return verdict?.counts
            ? { ...e, counts: true, late: verdict.late, value: verdict.value, reason: "counts" as const }
            : { ...e, counts: false, late: false, value: null, reason: verdict && !verdict.counts ? verdict.reason : ("before-window" as const) };
        }),
      });
    }
  }
  return grades;
}

/**
 * One student's grade on one assignment (see `gradesFor`). Returns null when the assignment does
 * not exist or the person is not in its class.
 */
export async function gradeForStudent(assignmentId: string, studentId: string, now = new Date()): Promise<StudentGrade | null> {
  return (await gradesFor([assignmentId], [studentId], now)).get(`${studentId}|${assignmentId}`) ?? null;
}
