"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import { invalidRequest, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import { lessonExists } from "@/lib/content/lessons.server";
import { MAX_MERGED_CHALLENGES } from "@/lib/challenges/completions.server";
import { MAX_RECEIPTS, mergeAnonymousProgress, type MergeSummary } from "@/lib/progress/merge.server";
import { MAX_TOKEN_LENGTH, newReceiptId, signReceipt } from "@/lib/progress/receipts.server";
import { currentVisitor, ensureVisitor, visitorBinding } from "@/lib/progress/visitor.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";

const milestoneInput = z
  .object({
    slug: z.string().max(100),
    milestone: z.enum(["started", "position", "read", "done"]),
    position: z.string().min(1).max(200).regex(/^[\w-]+$/).optional(),
  })
  .strict();

const mergeInput = z
  .object({
    receipts: z.array(z.string().max(MAX_TOKEN_LENGTH)).max(MAX_RECEIPTS),
    // Replayed and validated entry by entry on the server (lib/challenges/completions.server.ts).
    challenges: z.array(z.looseObject({})).max(MAX_MERGED_CHALLENGES).default([]),
  })
  .strict();

/**
 * A visitor's reading milestone, signed so it can be merged into an account later. Nothing is
 * stored; signed-in learners use the account actions in lib/progress/lesson-actions.ts instead.
 */
export async function recordAnonymousLessonAction(raw: unknown): Promise<ActionResult<{ receipt: string }, "unknown-lesson" | "signed-in">> {
  const parsed = milestoneInput.safeParse(raw);
  if (!parsed.success) return invalidRequest();
  if (!lessonExists(parsed.data.slug)) return { ok: false, refusal: "unknown-lesson", at: Date.now() };
  if (await getCurrentUser()) return { ok: false, refusal: "signed-in", at: Date.now() };
  const { slug, milestone, position } = parsed.data;
  const v = visitorBinding(await ensureVisitor());
  return { ok: true, receipt: signReceipt({ k: "lesson", id: newReceiptId(), v, slug, milestone, ...(position ? { position } : {}), at: Date.now() }) };
}

/** Merges the receipts a visitor collected in this browser (its visitor cookie) into the account now signed in. */
export async function mergeAnonymousProgressAction(raw: unknown): Promise<ActionResult<{ summary: MergeSummary }>> {
  const parsed = mergeInput.safeParse(raw);
  if (!parsed.success) return invalidRequest();
  const user = await getCurrentUser();
  if (!user) return sessionEnded();
  const visitor = await currentVisitor();
  const summary = await mergeAnonymousProgress(user, visitor ? visitorBinding(visitor) : null, parsed.data.receipts, parsed.data.challenges);
  await afterEvidenceWrite(user.id);
  return { ok: true, summary };
}
