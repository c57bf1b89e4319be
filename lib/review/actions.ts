"use server";

import { z } from "zod";
import { questionResponseSchema, type Concept } from "@/domain/quiz/schema";
import { isDue } from "@/domain/review/schedule";
import { reviewAssignmentFor, type ReviewAssignmentView } from "@/lib/review/mastery-evidence.server";
import type { ReviewFocus } from "@/lib/review/sessions.server";
import { headers } from "next/headers";
import { getSession, type CurrentUser } from "@/lib/auth/session.server";
import { inputLanguage, invalidRequest, refused, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import { refusal, type Refusal } from "@/lib/http/refusal";
import { reviewWords } from "@/lib/i18n/words/review";
import type { Locale } from "@/domain/locale";
import { currentVisitor, ensureVisitor, visitorBinding } from "@/lib/progress/visitor.server";
import { startVisitorReview, submitVisitorReview, visitorReviewSummary } from "@/lib/review/visitor.server";
import { clientAddress } from "@/lib/security/client-address";
import { hitRateLimit } from "@/lib/security/rate-limit.server";
import { listQueue, reviewSummary, summarizeQueue } from "@/lib/review/queue.server";
import { startReviewSession, submitReviewAnswer, type AnsweredItem, type PublicReviewItem, type ReviewError, type ReviewProgress } from "@/lib/review/sessions.server";
import { localeSchema } from "@/domain/locale-schema";

/**
 * Spaced review Server Actions (the one action pattern, ADR 1310; the page's `locale` travels in
 * the input, ADR 1380): validate, find out who is asking, call lib/review. Signed-in
 * learners' sessions are stored; visitors get the same grading plus signed receipts to keep in
 * this browser (lib/review/visitor.server.ts). Dates travel as ISO strings.
 */

const clientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const locale = localeSchema.default("en");
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

/** Why a review action was refused: a lib refusal, or a visitor's script asking too often. */
export type ReviewRefusal = ReviewError | "rate-limited";

export type AnsweredItemView = Omit<AnsweredItem, "nextDueAt"> & { nextDueAt: string | null };

/** A "review until mastered" assignment as its session page shows it. */
export type AssignmentFocusView = {
  title: string;
  concepts: Array<{ concept: Concept; score: number | null; answered: number; mastered: boolean }>;
  /** Every concept mastered inside the assignment's window. */
  done: boolean;
};

export type ReviewStatusResult = ActionResult<{ mode: "account" | "visitor"; due: number; queued: number; nextDueAt: string | null; assignment?: AssignmentFocusView }, ReviewRefusal>;

/** A refused start says when the next item falls due ("nothing-due"), so the page can tell. */
export type StartReviewResult =
  | ActionResult<{ mode: "account" | "visitor"; items: PublicReviewItem[]; answered: AnsweredItemView[]; progress: ReviewProgress; token?: string; receipts?: string[] }, ReviewRefusal>
  | (Extract<ActionResult<object, ReviewRefusal>, { ok: false }> & { nextDueAt?: string | null });

export type SubmitReviewResult = ActionResult<{ mode: "account" | "visitor"; item: AnsweredItemView; progress: ReviewProgress; receipt?: string }, ReviewRefusal>;

/** A visitor's queue is rebuilt from their answers on every start: plenty for a learner, throttled for a script. */
const VISITOR_REQUESTS_PER_MINUTE = 120;

async function visitorAllowed(): Promise<boolean> {
  return (await hitRateLimit(`review:${clientAddress(await headers())}`, { limit: VISITOR_REQUESTS_PER_MINUTE, windowMs: 60_000 })).allowed;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const view = (item: AnsweredItem): AnsweredItemView => ({ ...item, nextDueAt: iso(item.nextDueAt) });

/** A refusal with the words that explain it; a refused start keeps when the next item falls due. */
function reviewRefusal(locale: Locale, answer: Refusal<ReviewRefusal> & { nextDueAt?: Date | null }) {
  const words = reviewWords(locale).review;
  return { ...refused(answer.refusal, words.errors[answer.refusal] ?? words.loadFailed), ...(answer.nextDueAt !== undefined ? { nextDueAt: iso(answer.nextDueAt) } : {}) };
}

/** How many items are due now, and when the next one will be. */
export async function reviewStatusAction(raw: unknown): Promise<ReviewStatusResult> {
  const parsed = statusInput.safeParse(raw);
  if (!parsed.success) return invalidRequest(inputLanguage(raw));
  const { locale } = parsed.data;
  const { user } = await getSession();
  if (!user) {
    if (parsed.data.assignmentId) return reviewRefusal(locale, refusal("unknown-assignment"));
    if (!(await visitorAllowed())) return reviewRefusal(locale, refusal("rate-limited"));
    const visitor = await currentVisitor();
    const summary = await visitorReviewSummary(visitor ? visitorBinding(visitor) : null);
    return { ok: true, mode: "visitor", due: summary.due, queued: summary.queued, nextDueAt: iso(summary.nextDueAt) };
  }
  if (parsed.data.assignmentId) {
    const view = await reviewAssignmentFor(user, parsed.data.assignmentId);
    if (!view) return reviewRefusal(locale, refusal("unknown-assignment"));
    const cards = (await listQueue(user)).filter((card) => view.concepts.includes(card.concept));
    const summary = summarizeQueue(cards, new Date());
    return { ok: true, mode: "account", due: cards.filter((c) => isDue(c.card, new Date())).length, queued: summary.queued, nextDueAt: iso(summary.nextDueAt), assignment: focusView(view) };
  }
  const summary = await reviewSummary(user);
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
async function focusFor(user: CurrentUser, assignmentId: string | undefined): Promise<ReviewFocus | null | undefined> {
  if (!assignmentId) return undefined;
  const view = await reviewAssignmentFor(user, assignmentId);
  if (!view) return null;
  return { assignmentId, concepts: view.concepts, unmastered: view.progress.concepts.filter((c) => c.level !== "mastered").map((c) => c.concept) };
}

/** Starts (or resumes) the session the browser's client key names. */
export async function startReviewAction(raw: unknown): Promise<StartReviewResult> {
  const parsed = startInput.safeParse(raw);
  if (!parsed.success) return invalidRequest(inputLanguage(raw));
  const { locale } = parsed.data;
  const { user, ended } = await getSession();
  if (!user) {
    if (ended || parsed.data.account) return sessionEnded(locale);
    if (parsed.data.assignmentId) return reviewRefusal(locale, refusal("unknown-assignment"));
    if (!(await visitorAllowed())) return reviewRefusal(locale, refusal("rate-limited"));
    const visitor = visitorBinding(await ensureVisitor());
    const started = await startVisitorReview(visitor, parsed.data.clientKey, { locale, ...(parsed.data.token ? { token: parsed.data.token } : {}) });
    if (!started.ok) return reviewRefusal(locale, started);
    const { items, answered, progress, token, receipts } = started.review;
    return { ok: true, mode: "visitor", items, answered: answered.map(view), progress, token, receipts };
  }
  const focus = await focusFor(user, parsed.data.assignmentId);
  if (focus === null) return reviewRefusal(locale, refusal("unknown-assignment"));
  const started = await startReviewSession(user, parsed.data.clientKey, { locale, ...(focus ? { focus } : {}) });
  if (!started.ok) return reviewRefusal(locale, started);
  return { ok: true, mode: "account", items: started.review.items, answered: started.review.answered.map(view), progress: started.review.progress };
}

/** Grades one item; its answer key, feedback and explanation come back only here. */
export async function submitReviewAction(raw: unknown): Promise<SubmitReviewResult> {
  const parsed = submitInput.safeParse(raw);
  if (!parsed.success) return invalidRequest(inputLanguage(raw));
  const { clientKey, index, response, unsure, locale } = parsed.data;
  const { user, ended } = await getSession();
  if (!user) {
    if (ended || parsed.data.account) return sessionEnded(locale);
    const visitor = await currentVisitor();
    if (!visitor || !parsed.data.token) return reviewRefusal(locale, refusal("unknown-session"));
    if (!(await visitorAllowed())) return reviewRefusal(locale, refusal("rate-limited"));
    const answered = await submitVisitorReview(visitorBinding(visitor), clientKey, parsed.data.token, index, response, { unsure, locale });
    return answered.ok ? { ok: true, mode: "visitor", item: view(answered.answer.item), progress: answered.answer.progress, receipt: answered.answer.receipt } : reviewRefusal(locale, answered);
  }
  const submitted = await submitReviewAnswer(user, clientKey, index, response, { unsure, locale });
  return submitted.ok ? { ok: true, mode: "account", item: view(submitted.answer.item), progress: submitted.answer.progress } : reviewRefusal(locale, submitted);
}
