"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import { lessonExists } from "@/lib/content/lessons.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import * as progress from "@/lib/progress/lesson-progress.server";

const lessonInput = z.object({ slug: z.string().max(100) });
const positionInput = lessonInput.extend({ position: z.string().min(1).max(200).regex(/^[\w-]+$/) });

export type ProgressResult =
  | { ok: true; progress: Awaited<ReturnType<typeof progress.getLessonProgress>> }
  | { ok: false; error: "signed-out" | "invalid-input" | "unknown-lesson" };

/** Shared guard: valid input, a signed-in user, a lesson that exists. */
async function withLesson<T extends { slug: string }>(
  schema: z.ZodType<T>,
  raw: unknown,
  run: (userId: string, input: T) => Promise<Awaited<ReturnType<typeof progress.getLessonProgress>>>,
  { evidence = true }: { evidence?: boolean } = {},
): Promise<ProgressResult> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  if (!lessonExists(parsed.data.slug)) return { ok: false, error: "unknown-lesson" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "signed-out" };
  const saved = await run(user.id, parsed.data);
  // Starting and completing a lesson count for assignments (and LMS grades); a reading position does not.
  if (evidence) await afterEvidenceWrite(user.id);
  return { ok: true, progress: saved };
}

export async function startLessonAction(raw: { slug: string }) {
  return withLesson(lessonInput, raw, (userId, { slug }) => progress.startLesson(userId, slug));
}

export async function saveLessonPositionAction(raw: { slug: string; position: string }) {
  return withLesson(positionInput, raw, (userId, { slug, position }) => progress.saveLessonPosition(userId, slug, position), { evidence: false });
}

export async function markLessonReadAction(raw: { slug: string }) {
  return withLesson(lessonInput, raw, (userId, { slug }) => progress.markLessonRead(userId, slug));
}

export async function markLessonDoneAction(raw: { slug: string }) {
  return withLesson(lessonInput, raw, (userId, { slug }) => progress.markLessonDone(userId, slug));
}
