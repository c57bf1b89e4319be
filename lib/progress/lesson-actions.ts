"use server";

import { z } from "zod";
import { refused, type ActionResult } from "@/lib/http/action-result";
import { signedInCall } from "@/lib/http/signed-in-call.server";
import { actionWords } from "@/lib/i18n/words/actions";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { recordLessonStep, type LessonProgressView, type LessonStep } from "@/lib/progress/lesson-progress.server";

const lessonInput = z.object({ slug: z.string().max(100) });
const positionInput = lessonInput.extend({ position: z.string().min(1).max(200).regex(/^[\w-]+$/) });

/** What the lesson page gets back: the reader's progress on the lesson, or why nothing was recorded. */
export type LessonProgressResult = ActionResult<{ progress: LessonProgressView }, "unknown-lesson">;

/**
 * The one action pattern (ADR 1310) for every reading step: the lesson (and position) and the
 * page's language checked, a signed-in reader, lib refusing a lesson that does not exist. The
 * page keeps progress quietly, but every answer carries its message in the page's language.
 */
async function record<T extends { slug: string }>(
  schema: z.ZodType<T>,
  input: T,
  locale: unknown,
  step: (input: T) => LessonStep,
  { evidence = true } = {},
): Promise<LessonProgressResult> {
  return signedInCall(input, locale, schema, async ({ user, input: lesson, language }): Promise<LessonProgressResult> => {
    const result = await recordLessonStep(user, lesson.slug, step(lesson));
    if (!result.ok) return refused(result.refusal, actionWords(language).unknownLesson);
    // Starting and completing a lesson count for assignments (and LMS grades); a reading position does not.
    if (evidence) await afterEvidenceWrite(user.id);
    return { ok: true, progress: result.progress };
  });
}

export async function startLessonAction(lesson: { slug: string }, locale?: unknown) {
  return record(lessonInput, lesson, locale, () => ({ step: "start" }));
}

export async function saveLessonPositionAction(lesson: { slug: string; position: string }, locale?: unknown) {
  return record(positionInput, lesson, locale, ({ position }) => ({ step: "position", position }), { evidence: false });
}

export async function markLessonReadAction(lesson: { slug: string }, locale?: unknown) {
  return record(lessonInput, lesson, locale, () => ({ step: "read" }));
}

export async function markLessonDoneAction(lesson: { slug: string }, locale?: unknown) {
  return record(lessonInput, lesson, locale, () => ({ step: "done" }));
}
