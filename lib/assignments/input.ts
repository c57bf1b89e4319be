import { z } from "zod";
import { MAX_POINTS } from "@/domain/gradebook/rules";
import { cleanText, textLength, TEXT_LIMITS } from "@/domain/gradebook/text";

/**
 * Free text people type for others to read: controls and direction overrides removed
 * (domain/gradebook/text.ts), trimmed, and at most `max` characters as people count them.
 */
export function typedText({ max, required, multiline = false, label }: { max: number; required?: string; multiline?: boolean; label?: string }) {
  return z
    .string({ error: required ?? "Enter some text" })
    .max(max * 8, `Use at most ${max.toLocaleString("en")} characters`)
    .transform((value) => cleanText(value, { multiline }).trim())
    .refine((value) => !required || value.length > 0, required ?? "Enter some text")
    .refine((value) => textLength(value) <= max, `${label ? `${label}: use` : "Use"} at most ${max.toLocaleString("en")} characters`);
}

export const ASSIGNMENT_FIELDS = [
  "title",
  "instructions",
  "target",
  "points",
  "ungraded",
  "opensAt",
  "dueAt",
  "latePolicy",
  "latePenaltyPercent",
  "acceptEarlierWork",
  // "Review until mastered": the concepts to master, one checkbox each (concept-<id>).
  "concepts",
] as const;
export type AssignmentField = (typeof ASSIGNMENT_FIELDS)[number];

const wallTime = z.string({ error: "Enter a date and time" }).regex(/^\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?$/, "Enter a date and time");
/** A checkbox: present ("on") when ticked, absent otherwise. */
const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());
const wholeNumber = (min: number, max: number, minMessage: string, maxMessage: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number({ error: "Enter a whole number" }).int("Use a whole number").min(min, minMessage).max(max, maxMessage),
  );

/**
 * The assignment form as the browser sends it; times are wall-clock times in the class's zone.
 * Points: 1 to 1,000 for a graded assignment; ungraded practice carries none (points is ignored).
 */
export const assignmentInput = z.object({
  title: typedText({ max: TEXT_LIMITS.assignmentTitle, required: "Enter a title" }),
  instructions: typedText({ max: TEXT_LIMITS.assignmentInstructions, multiline: true }).default(""),
  // "LESSON:tcp-header-and-flags": the picker's value; checked against the catalog on the server.
  target: z.string({ error: "Choose what to assign" }).regex(/^(LESSON|QUIZ|CHALLENGE|REVIEW|DIAGNOSTIC):[\w.-]{1,100}$/, "Choose what to assign"),
  ungraded: checkbox.default(false),
  points: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.coerce.number({ error: "Enter the points" }).optional()),
  opensAt: wallTime,
  dueAt: wallTime,
  latePolicy: z.enum(["ACCEPT_WITH_PENALTY", "CLOSE"], { error: "Choose what happens to late work" }),
  latePenaltyPercent: wholeNumber(0, 100, "At least 0", "At most 100").default(0),
  acceptEarlierWork: checkbox.default(false),
});
export type AssignmentInput = z.infer<typeof assignmentInput>;

export { MAX_POINTS };

export const extensionInput = z.object({
  studentId: z.string({ error: "Choose a student" }).min(1, "Choose a student").max(64),
  dueAt: wallTime,
});

export const excuseInput = z.object({
  studentId: z.string({ error: "Choose a student" }).min(1, "Choose a student").max(64),
  note: typedText({ max: TEXT_LIMITS.excuseNote, label: "Note" }).default(""),
});
