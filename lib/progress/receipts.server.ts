import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { questionResponseSchema } from "@/domain/quiz/schema";
import { authSecret } from "../auth/secret.server";

/**
 * Server-signed receipts for visitors without an account. The browser keeps these tokens and
 * hands them back after sign-up or sign-in; only tokens this server signed are merged (a forged
 * or edited one fails the HMAC check). Receipts are not bearer tokens (ADR 0402):
 * - each is bound to the browser that earned it: `v` is a keyed hash of the visitor identity in
 *   that browser's httpOnly cookie (lib/progress/visitor.server.ts), and a merge accepts only
 *   receipts whose `v` matches the cookie sent with it;
 * - each has an `id` and counts once: a merge stores the ids it accepted (SpentReceipt), so the
 *   same receipt never reaches a second account, nor the same account twice.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(key, payload)), where the key is
 * derived from the auth secret for this purpose only.
 */

const clientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100);
const time = z.number().int().positive();
/** The visitor binding (see visitorBinding in visitor.server.ts): 22 base64url characters. */
const visitor = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
/** A receipt's own id, spent when it is merged. */
const receiptId = z.string().regex(/^[A-Za-z0-9_-]{16,40}$/);

/** Starting an anonymous quiz attempt: the seed lets the server regenerate the same variant. */
export const attemptTokenSchema = z
  .object({ k: z.literal("attempt"), v: visitor, quizId: slug, clientKey, seed: z.number().int().min(0).max(0x7fffffff), at: time })
  .strict();

/**
 * The first answer to one question of an anonymous attempt (its id is the stored
 * VisitorQuizAnswer's); the grading is recomputed when merged.
 */
export const answerReceiptSchema = z
  .object({
    k: z.literal("answer"),
    id: receiptId,
    v: visitor,
    quizId: slug,
    clientKey,
    seed: z.number().int().min(0).max(0x7fffffff),
    questionId: z.string().max(64),
    response: questionResponseSchema,
    at: time,
  })
  .strict();

/** A reading milestone of a lesson. */
export const lessonReceiptSchema = z
  .object({
    k: z.literal("lesson"),
    id: receiptId,
    v: visitor,
    slug,
    milestone: z.enum(["started", "position", "read", "done"]),
    position: z.string().max(200).regex(/^[\w-]+$/).optional(),
    at: time,
  })
  .strict();

/**
 * A simulator challenge a visitor reached: the server replayed the log and saw the goal. `log` is
 * the digest of that action log (`actionLogDigest`), so the receipt vouches for that log only.
 */
export const challengeReceiptSchema = z
  .object({ k: z.literal("challenge"), id: receiptId, v: visitor, challengeId: slug, log: z.string().regex(/^[A-Za-z0-9_-]{43}$/), at: time })
  .strict();

/**
 * A visitor's review session (lib/review/visitor.server.ts): its seed and the items drawn for it,
 * each "<item key>|<quiz>/<question>|<due or practice>".
 */
export const reviewSessionTokenSchema = z
  .object({
    k: z.literal("review-session"),
    v: visitor,
    clientKey,
    seed: z.number().int().min(0).max(0x7fffffff),
    items: z.array(z.string().max(200)).min(1).max(15),
    at: time,
  })
  .strict();

/** The first answer to one item of a visitor's review session (its id is the stored VisitorQuizAnswer's). */
export const reviewReceiptSchema = z
  .object({
    k: z.literal("review"),
    id: receiptId,
    v: visitor,
    clientKey,
    seed: z.number().int().min(0).max(0x7fffffff),
    key: z.string().max(140),
    quizId: slug,
    questionId: z.string().max(64),
    response: questionResponseSchema,
    unsure: z.boolean(),
    at: time,
  })
  .strict();

export const receiptSchema = z.discriminatedUnion("k", [
  attemptTokenSchema,
  answerReceiptSchema,
  lessonReceiptSchema,
  challengeReceiptSchema,
  reviewSessionTokenSchema,
  reviewReceiptSchema,
]);
export type Receipt = z.infer<typeof receiptSchema>;
export type AttemptToken = z.infer<typeof attemptTokenSchema>;
export type AnswerReceipt = z.infer<typeof answerReceiptSchema>;
export type LessonReceipt = z.infer<typeof lessonReceiptSchema>;
export type ChallengeReceipt = z.infer<typeof challengeReceiptSchema>;
export type ReviewSessionToken = z.infer<typeof reviewSessionTokenSchema>;
export type ReviewReceipt = z.infer<typeof reviewReceiptSchema>;

/** A fresh receipt id (128 random bits). */
export function newReceiptId(): string {
  return randomBytes(16).toString("base64url");
}

/** SHA-256 of an action log as the server parsed it (base64url, 43 characters). */
export function actionLogDigest(log: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(log)).digest("base64url");
}

/** Longest token accepted: keeps a merge request bounded whatever the browser sends. */
export const MAX_TOKEN_LENGTH = 2048;

function key(): Buffer {
  return createHmac("sha256", authSecret()).update("syn-to-fin progress receipts v2").digest();
}

function mac(payload: string): Buffer {
  return createHmac("sha256", key()).update(payload).digest();
}

export function signReceipt(receipt: Receipt): string {
  const payload = Buffer.from(JSON.stringify(receiptSchema.parse(receipt))).toString("base64url");
  return `${payload}.${mac(payload).toString("base64url")}`;
}

/** The receipt inside a token, or null when the token is malformed, forged or edited. */
export function verifyReceipt(token: unknown): Receipt | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = receiptSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function verifyAttemptToken(token: unknown): AttemptToken | null {
  const receipt = verifyReceipt(token);
  return receipt?.k === "attempt" ? receipt : null;
}

/** The challenge receipt in a token when it vouches for exactly this challenge and log. */
export function challengeReceiptFor(token: unknown, challengeId: string, log: readonly unknown[]): ChallengeReceipt | null {
  const receipt = verifyReceipt(token);
  if (receipt?.k !== "challenge" || receipt.challengeId !== challengeId || receipt.log !== actionLogDigest(log)) return null;
  return receipt;
}
