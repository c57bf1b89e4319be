import { z } from "zod";

export const ASSIGNMENT_FIELDS = [
  "title",
  "instructions",
  "target",
  "points",
  "opensAt",
  "dueAt",
  "latePolicy",
  "latePenaltyPercent",
] as const;
export type AssignmentField = (typeof ASSIGNMENT_FIELDS)[number];

const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time");

/** The assignment form as the browser sends it; times are wall-clock times in the class's zone. */
export const assignmentInput = z.object({
  title: z.string().trim().min(1, "Enter a title").max(200, "Use at most 200 characters"),
  instructions: z.string().trim().max(5000, "Use at most 5,000 characters").default(""),
  // "LESSON:tcp-header-and-flags": the picker's value; checked against the catalog on the server.
  target: z.string().regex(/^(LESSON|QUIZ|CHALLENGE):[\w.-]{1,100}$/, "Choose what to assign"),
  points: z.coerce.number().int("Use a whole number").min(0, "At least 0").max(1000, "At most 1,000"),
  opensAt: wallTime,
  dueAt: wallTime,
  latePolicy: z.enum(["ACCEPT_WITH_PENALTY", "CLOSE"]),
  latePenaltyPercent: z.coerce.number().int("Use a whole number").min(0, "At least 0").max(100, "At most 100").default(0),
});
export type AssignmentInput = z.infer<typeof assignmentInput>;

export const extensionInput = z.object({
  studentId: z.string().min(1).max(64),
  dueAt: wallTime,
});
