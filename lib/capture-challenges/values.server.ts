import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { VALUE_SEED_BYTES, valuesFromRandom, type CaptureValues } from "@/domain/capture-challenges";
import type { CurrentUser } from "../auth/session.server";
import { authSecret } from "../auth/secret.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";

/**
 * A visitor's values for a challenge: derived from the browser's visitor id (an httpOnly cookie)
 * with a keyed hash, so they stay the same for that browser without being stored, and nobody can
 * compute another browser's.
 */
export function visitorCaptureValues(visitorId: string, challengeId: string): CaptureValues {
  const key = createHmac("sha256", authSecret()).update("syn-to-fin capture values v1").digest();
  return valuesFromRandom(createHmac("sha256", key).update(`${visitorId}\0${challengeId}`).digest());
}

const SELECT = { serverPort: true, clientPort: true, token: true } as const;

/**
 * The values issued to an account for a challenge, issuing them on first use: random, or the
 * ones this browser was shown before signing in (`carried`), so a capture taken then still counts.
 * Concurrent first uses store one row; every caller gets that row.
 */
export async function accountCaptureValues(user: CurrentUser, challengeId: string, carried?: CaptureValues): Promise<CaptureValues> {
  const userId = user.id;
  const existing = await db.captureChallengeValues.findUnique({ where: { userId_challengeId: { userId, challengeId } }, select: SELECT });
  if (existing) return existing;
  const values = carried ?? valuesFromRandom(randomBytes(VALUE_SEED_BYTES));
  try {
    return await db.captureChallengeValues.create({ data: { userId, challengeId, ...values }, select: SELECT });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.captureChallengeValues.findUniqueOrThrow({ where: { userId_challengeId: { userId, challengeId } }, select: SELECT });
  }
}

/**
 * New values for an account (a port already taken on the learner's machine, say). Captures of
 * the old values no longer pass; completions already earned stay.
 */
export async function reissueCaptureValues(user: CurrentUser, challengeId: string): Promise<CaptureValues> {
  const values = valuesFromRandom(randomBytes(VALUE_SEED_BYTES));
  return db.captureChallengeValues.upsert({
    where: { userId_challengeId: { userId: user.id, challengeId } },
    create: { userId: user.id, challengeId, ...values },
    update: { ...values, issuedAt: new Date() },
    select: SELECT,
  });
}
