import type { TargetType } from "./semantics";

/** What a write that can change a grade reports (lib/gradebook/grade-changes.server.ts). */
export type GradeChange =
  /** New work on a target: every assignment of the student's classes on it may change. */
  | { kind: "work"; userId: string; targetType: TargetType; targetId: string }
  /** One student's standing on one assignment (excuse, extension). */
  | { kind: "standing"; userId: string; assignmentId: string }
  /** The assignment itself changed: every student's grade on it may change. */
  | { kind: "assignment"; assignmentId: string };
