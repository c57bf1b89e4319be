import { assignmentResult, type AssignmentResult, type Evidence } from "@/domain/gradebook/semantics";
import { db } from "../db.server";
import { ASSIGNMENT_RULE_FIELDS, rulesOf } from "./assignment-rules";
import { loadStudentWork } from "./work.server";

export type StudentGrade = {
  assignmentId: string;
  studentId: string;
  status: AssignmentResult["status"];
  /** Points given (penalty applied; 0 when missing); null while nothing is settled, when excused, or for ungraded practice. */
  pointsGiven: number | null;
  /** The assignment's points (0 for ungraded practice). */
  pointsPossible: number;
  effectiveDueAt: Date;
  /** When the first counting work was handed in. */
  submittedAt: Date | null;
  /** Every piece of evidence the rules looked at, with whether it counts, whether it was late and what it earned. */
  evidence: Array<Evidence & { counts: boolean; late: boolean; value: number | null; reason: "counts" | "before-window" | "closed" }>;
  /** The evidence the score comes from. */
  bestEvidenceId: string | null;
  excused: boolean;
};

/**
 * One student's grade on one assignment, from the same rules and stored evidence as the
 * gradebook, its CSV and the drill-down (docs/gradebook.md). A server function with no user:
 * callers that act for a platform (an LMS grade passback) have already established who may see
 * it. Returns null when the assignment does not exist or the person is not in its class.
 */
export async function gradeForStudent(assignmentId: string, studentId: string, now = new Date()): Promise<StudentGrade | null> {
  const assignment = await db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      classId: true,
      targetId: true,
      ...ASSIGNMENT_RULE_FIELDS,
      extensions: { where: { userId: studentId }, select: { dueAt: true } },
      excusals: { where: { userId: studentId }, select: { id: true } },
    },
  });
  if (!assignment) return null;
  const enrollment = await db.enrollment.findUnique({ where: { classId_userId: { classId: assignment.classId, userId: studentId } }, select: { joinedAt: true } });
  if (!enrollment) return null;
  const work = (await loadStudentWork([studentId], [assignment]))(studentId, assignment);
  const excused = assignment.excusals.length > 0;
  const result = assignmentResult(rulesOf(assignment), work, { enrolledAt: enrollment.joinedAt, extensionDueAt: assignment.extensions[0]?.dueAt ?? null, excused }, now);
  const verdicts = new Map(result.verdicts.map((v) => [v.evidenceId, v]));
  return {
    assignmentId,
    studentId,
    status: result.status,
    pointsGiven: result.score,
    pointsPossible: result.pointsPossible,
    effectiveDueAt: result.effectiveDueAt,
    submittedAt: result.submittedAt,
    bestEvidenceId: result.bestEvidenceId,
    excused,
    evidence: work.evidence.map((e) => {
      const verdict = verdicts.get(e.id);
      return verdict?.counts
        ? { ...e, counts: true, late: verdict.late, value: verdict.value, reason: "counts" as const }
        : { ...e, counts: false, late: false, value: null, reason: verdict && !verdict.counts ? verdict.reason : ("before-window" as const) };
    }),
  };
}
