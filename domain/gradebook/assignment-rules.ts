import type { AssignmentRules, TargetType } from "@/domain/gradebook/semantics";

/** The columns of an Assignment row the grading rules read. */
export const ASSIGNMENT_RULE_FIELDS = {
  targetType: true,
  points: true,
  ungraded: true,
  opensAt: true,
  dueAt: true,
  latePolicy: true,
  latePenaltyPercent: true,
  acceptEarlierWork: true,
} as const;

type RuleRow = {
  targetType: string;
  points: number;
  ungraded: boolean;
  opensAt: Date;
  dueAt: Date;
  latePolicy: "ACCEPT_WITH_PENALTY" | "CLOSE";
  latePenaltyPercent: number;
  acceptEarlierWork: boolean;
};

/** An Assignment row as the pure rules (domain/gradebook/semantics.ts) take it. */
export function rulesOf(row: RuleRow): AssignmentRules {
  return {
    targetType: row.targetType as TargetType,
    points: row.ungraded ? 0 : row.points,
    ungraded: row.ungraded,
    opensAt: row.opensAt,
    dueAt: row.dueAt,
    latePolicy: row.latePolicy,
    latePenaltyPercent: row.latePenaltyPercent,
    acceptsEarlierWork: row.acceptEarlierWork,
  };
}
