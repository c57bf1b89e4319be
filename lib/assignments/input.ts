import { z } from "zod";
import { cleanText, textLength, TEXT_LIMITS } from "@/domain/gradebook/text";
import type { Locale } from "@/domain/locale";
import { classActionWords } from "../i18n/words/class-actions";

/**
 * Free text people type for others to read: controls and direction overrides removed
 * (domain/gradebook/text.ts), trimmed, and at most `max` characters as people count them.
 */
export function typedText({ max, required, multiline = false, label, locale = "en" }: { max: number; required?: string; multiline?: boolean; label?: string; locale?: Locale }) {
  const words = classActionWords(locale).fields;
  return z
    .string({ error: required ?? words.enterText })
    .max(max * 8, words.atMost(max))
    .transform((value) => cleanText(value, { multiline }).trim())
    .refine((value) => !required || value.length > 0, required ?? words.enterText)
    .refine((value) => textLength(value) <= max, label ? words.labelAtMost(label, max) : words.atMost(max));
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

/** The assignment, extension and excuse forms, explaining their errors in the page's language. */
export function assignmentFormsIn(locale: Locale) {
  const words = classActionWords(locale).fields;
  const wallTime = z.string({ error: words.enterDateTime }).regex(/^\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?$/, words.enterDateTime);
  /** A checkbox: present ("on") when ticked, absent otherwise. */
  const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());
  const wholeNumber = (min: number, max: number) =>
    z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z.coerce.number({ error: words.enterWholeNumber }).int(words.useWholeNumber).min(min, words.atLeast(min)).max(max, words.atMostNumber(max)),
    );
  const studentId = z.string({ error: words.chooseStudent }).min(1, words.chooseStudent).max(64);
  return {
    /**
     * The assignment form as the browser sends it; times are wall-clock times in the class's zone.
     * Points: 1 to 1,000 for a graded assignment; ungraded practice carries none (points is ignored).
     */
    assignment: z.object({
      title: typedText({ max: TEXT_LIMITS.assignmentTitle, required: words.enterTitle, locale }),
      instructions: typedText({ max: TEXT_LIMITS.assignmentInstructions, multiline: true, locale }).default(""),
      // "LESSON:tcp-header-and-flags": the picker's value; checked against the catalog on the server.
      target: z.string({ error: words.chooseTarget }).regex(/^(LESSON|QUIZ|CHALLENGE|REVIEW|DIAGNOSTIC):[\w.-]{1,100}$/, words.chooseTarget),
      ungraded: checkbox.default(false),
      points: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.coerce.number({ error: words.enterPoints }).optional()),
      opensAt: wallTime,
      dueAt: wallTime,
      latePolicy: z.enum(["ACCEPT_WITH_PENALTY", "CLOSE"], { error: words.chooseLatePolicy }),
      latePenaltyPercent: wholeNumber(0, 100).default(0),
      acceptEarlierWork: checkbox.default(false),
    }),
    extension: z.object({ studentId, dueAt: wallTime }),
    excuse: z.object({ studentId, note: typedText({ max: TEXT_LIMITS.excuseNote, label: words.note, locale }).default("") }),
  };
}

/** The English forms: what tests and early feedback check against. */
export const assignmentInput = assignmentFormsIn("en").assignment;
