"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import { invalidRequest, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { recordLessonStep, type LessonProgressView, type LessonStep } from "@/lib/progress/lesson-progress.server";

const lessonInput = z.object({ slug: z.string().max(100) });
const positionInput = lessonInput.extend({ position: z.string().min(1).max(200).regex(/^[\w-]+$/) });

/** What the lesson page gets back: the reader's progress on the lesson, or why nothing was recorded. */
export type LessonProgressResult = ActionResult<{ progress: LessonProgressView }, "unknown-lesson">;

/**
 * Shared guard: valid input, a signed-in user; lib refuses a lesson that does not exist. The page
 * shows none of these answers (progress is kept quietly), so they carry no words to translate.
 */
async function record<T extends { slug: string }>(schema: z.ZodType<T>, raw: unknown, step: (input: T) => LessonStep, { evidence = true } = {}): Promise<LessonProgressResult> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalidRequest();
  const user = await getCurrentUser();
  if (!user) return sessionEnded();
  const result = await recordLessonStep(user, parsed.data.slug, step(parsed.data));
  if (!result.ok) return { ok: false, refusal: result.refusal, at: Date.now() };
  // Starting and completing a lesson count for assignments (and LMS grades); a reading position does not.
  if (evidence) await afterEvidenceWrite(user.id);
  return { ok: true, progress: result.progress };
}

export async function startLessonAction(raw: { slug: string }) {
  return record(lessonInput, raw, () => ({ step: "start" }));
}

export async function saveLessonPositionAction(raw: { slug: string; position: string }) {
  return record(positionInput, raw, ({ position }) => ({ step: "position", position }), { evidence: false });
}

export async function markLessonReadAction(raw: { slug: string }) {
  return record(lessonInput, raw, () => ({ step: "read" }));
}

export async function markLessonDoneAction(raw: { slug: string }) {
  return record(lessonInput, raw, () => ({ step: "done" }));
}
