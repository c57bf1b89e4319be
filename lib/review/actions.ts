"use server";

import { z } from "zod";
import { questionResponseSchema, type Concept } from "@/domain/quiz/schema";
import { isDue } from "@/domain/review/schedule";
import { reviewAssignmentFor, type ReviewAssignmentView } from "@/lib/review/mastery-evidence.server";
import type { ReviewFocus } from "@/lib/review/sessions.server";
import { quizLocaleSchema } from "@/domain/quiz/translation";
import { headers } from "next/headers";
import { getSession } from "@/lib/auth/session.server";
import { currentVisitor, ensureVisitor, visitorBinding } from "@/lib/progress/visitor.server";
import { startVisitorReview, submitVisitorReview, visitorReviewSummary } from "@/lib/review/visitor.server";
import { clientAddress } from "@/lib/security/client-address";
import { hitRateLimit } from "@/lib/security/rate-limit.server";
import { listQueue, reviewSummary, summarizeQueue } from "@/lib/review/queue.server";
import { startReviewSession, submitReviewAnswer, type AnsweredItem, type PublicReviewItem, type ReviewError, type ReviewProgress } from "@/lib/review/sessions.server";

/**
 * Spaced review Server Actions: validate, find out who is asking, call lib/review. Signed-in
 * learners' sessions are stored; visitors get the same grading plus signed receipts to keep in
 * this browser (lib/review/visitor.server.ts). Dates travel as ISO strings.
 */

const clientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const locale = quizLocaleSchema.default("en");
const assignmentId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const token = z.string().max(2048);

const statusInput = z.object({ locale, assignmentId: assignmentId.optional() }).strict();
const startInput = z.object({ clientKey, locale, assignmentId: assignmentId.optional(), token: token.optional(), account: z.boolean().optional() }).strict();
const submitInput = z
  .object({
    clientKey,
    index: z.number().int().min(0).max(50),
    response: questionResponseSchema,
    unsure: z.boolean().default(false),
    locale,
    token: token.optional(),
    account: z.boolean().optional(),
  })
  .strict();

type Failure = { ok: false; error: ReviewError | "invalid-input" | "session-ended" | "rate-limited"; nextDueAt?: string | null };

export type AnsweredItemView = Omit<AnsweredItem, "nextDueAt"> & { nextDueAt: string | null };

/** A "review until mastered" assignment as its session page shows it. */
export type AssignmentFocusView = {
  title: string;
  concepts: Array<{ concept: Concept; score: number | null; answered: number; mastered: boolean }>;
  /** Every concept mastered inside the assignment's window. */
  done: boolean;
};

export type ReviewStatusResult =
  | { ok: true; mode: "account" | "visitor"; due: number; queued: number; nextDueAt: string | null; assignment?: AssignmentFocusView }
  | Failure;

export type StartReviewResult =
  | { ok: true; mode: "account" | "visitor"; items: PublicReviewItem[]; answered: AnsweredItemView[]; progress: ReviewProgress; token?: string; receipts?: string[] }
  | Failure;

export type SubmitReviewResult = { ok: true; mode: "account" | "visitor"; item: AnsweredItemView; progress: ReviewProgress; receipt?: string } | Failure;

/** A visitor's queue is rebuilt from their answers on every start: plenty for a learner, throttled for a script. */
const VISITOR_REQUESTS_PER_MINUTE = 120;

async function visitorAllowed(): Promise<boolean> {
  return (await hitRateLimit(`review:${clientAddress(await headers())}`, { limit: VISITOR_REQUESTS_PER_MINUTE, windowMs: 60_000 })).allowed;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const view = (item: AnsweredItem): AnsweredItemView => ({ ...item, nextDueAt: iso(item.nextDueAt) });

/** How many items are due now, and when the next one will be. */
export async function reviewStatusAction(raw: unknown): Promise<ReviewStatusResult> {
  const parsed = statusInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const { user } = await getSession();
  if (!user) {
    if (parsed.data.assignmentId) return { ok: false, error: "unknown-assignment" };
    if (!(await visitorAllowed())) return { ok: false, error: "rate-limited" };
    const visitor = await currentVisitor();
    const summary = await visitorReviewSummary(visitor ? visitorBinding(visitor) : null);
    return { ok: true, mode: "visitor", due: summary.due, queued: summary.queued, nextDueAt: iso(summary.nextDueAt) };
  }
  if (parsed.data.assignmentId) {
    const view = await reviewAssignmentFor(user.id, parsed.data.assignmentId);
    if (!view) return { ok: false, error: "unknown-assignment" };
    const cards = (await listQueue(user.id)).filter((card) => view.concepts.includes(card.concept));
    const summary = summarizeQueue(cards, new Date());
    return { ok: true, mode: "account", due: cards.filter((c) => isDue(c.card, new Date())).length, queued: summary.queued, nextDueAt: iso(summary.nextDueAt), assignment: focusView(view) };
  }
  const summary = await reviewSummary(user.id);
  return { ok: true, mode: "account", due: summary.due, queued: summary.queued, nextDueAt: iso(summary.nextDueAt) };
}

function focusView(view: ReviewAssignmentView): AssignmentFocusView {
  return {
    title: view.title,
    concepts: view.progress.concepts.map((c) => ({ concept: c.concept, score: c.score, answered: c.answered, mastered: c.level === "mastered" })),
    done: view.progress.mastered,
  };
}

/** The focus of a session for a student's own "review until mastered" assignment, or null when it is not theirs. */
async function focusFor(userId: string, assignmentId: string | undefined): Promise<ReviewFocus | null | undefined> {
  if (!assignmentId) return undefined;
  const view = await reviewAssignmentFor(userId, assignmentId);
  if (!view) return null;
  return { assignmentId, concepts: view.concepts, unmastered: view.progress.concepts.filter((c) => c.level !== "mastered").map((c) => c.concept) };
}

/** Starts (or resumes) the session the browser's client key names. */
export async function startReviewAction(raw: unknown): Promise<StartReviewResult> {
  const parsed = startInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const { user, ended } = await getSession();
  if (!user) {
    if (ended || parsed.data.account) return { ok: false, error: "session-ended" };
    if (parsed.data.assignmentId) return { ok: false, error: "unknown-assignment" };
    if (!(await visitorAllowed())) return { ok: false, error: "rate-limited" };
    const visitor = visitorBinding(await ensureVisitor());
    const started = await startVisitorReview(visitor, parsed.data.clientKey, { locale: parsed.data.locale, ...(parsed.data.token ? { token: parsed.data.token } : {}) });
    if (!started.ok) return { ok: false, error: started.error, ...(started.nextDueAt !== undefined ? { nextDueAt: iso(started.nextDueAt) } : {}) };
    const { items, answered, progress, token, receipts } = started.review;
    return { ok: true, mode: "visitor", items, answered: answered.map(view), progress, token, receipts };
  }
  const focus = await focusFor(user.id, parsed.data.assignmentId);
  if (focus === null) return { ok: false, error: "unknown-assignment" };
  const started = await startReviewSession(user.id, parsed.data.clientKey, { locale: parsed.data.locale, ...(focus ? { focus } : {}) });
  if (!started.ok) return { ok: false, error: started.error, ...(started.nextDueAt !== undefined ? { nextDueAt: iso(started.nextDueAt) } : {}) };
  return { ok: true, mode: "account", items: started.review.items, answered: started.review.answered.map(view), progress: started.review.progress };
}

/** Grades one item; its answer key, feedback and explanation come back only here. */
export async function submitReviewAction(raw: unknown): Promise<SubmitReviewResult> {
  const parsed = submitInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const { clientKey, index, response, unsure, locale } = parsed.data;
  const { user, ended } = await getSession();
  if (!user) {
    if (ended || parsed.data.account) return { ok: false, error: "session-ended" };
    const visitor = await currentVisitor();
    if (!visitor || !parsed.data.token) return { ok: false, error: "unknown-session" };
    if (!(await visitorAllowed())) return { ok: false, error: "rate-limited" };
    const answered = await submitVisitorReview(visitorBinding(visitor), clientKey, parsed.data.token, index, response, { unsure, locale });
    return answered.ok ? { ok: true, mode: "visitor", item: view(answered.answer.item), progress: answered.answer.progress, receipt: answered.answer.receipt } : answered;
  }
  const submitted = await submitReviewAnswer(user.id, clientKey, index, response, { unsure, locale });
  return submitted.ok ? { ok: true, mode: "account", item: view(submitted.answer.item), progress: submitted.answer.progress } : submitted;
}
