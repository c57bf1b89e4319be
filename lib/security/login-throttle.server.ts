import "server-only";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { db } from "../db.server";
import { retryOnUniqueViolation } from "../db/unique-retry";

/**
 * Sign-in throttling that slows guessing down without locking anyone out (ADR 0012).
 *
 * Failures are counted per key (the client's address, the account, a trusted device). After a
 * key's free failures, each further failure makes the next attempt wait twice as long as the
 * last (1 s, 2 s, 4 s, ... up to a ceiling); attempts during the wait are refused without
 * checking the password. Counters live in the database, so every process and instance shares
 * them, and a key is forgotten after a quiet hour.
 *
 * The account's own delay does not apply to a browser where the owner has signed in before
 * (its signed "trusted device" cookie), which has a counter of its own: someone guessing the
 * owner's password from elsewhere slows themselves down, never the owner.
 */
export type ThrottleRule = { freeFailures: number; baseDelayMs: number; maxDelayMs: number };

export const FORGET_AFTER_MS = 60 * 60 * 1000;

/** The wait imposed after `failures` consecutive failures. */
export function delayAfter(failures: number, { freeFailures, baseDelayMs, maxDelayMs }: ThrottleRule): number {
  if (failures < freeFailures) return 0;
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(30, failures - freeFailures));
}

/** How long until every key allows another attempt (0: now). */
export async function waitBeforeAttempt(keys: string[], now = new Date()): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } }, select: { blockedUntil: true, lastFailureAt: true } });
  let wait = 0;
  for (const row of rows) {
    if (now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS) continue;
    wait = Math.max(wait, row.blockedUntil.getTime() - now.getTime());
  }
  return wait;
}

/** Counts one failure against `key` (atomically, so concurrent failures all count) and sets its wait. */
export async function recordFailure(key: string, rule: ThrottleRule, now = new Date()): Promise<number> {
  await retryOnUniqueViolation(() =>
    db.loginThrottle.upsert({ where: { key }, create: { key, failures: 0, lastFailureAt: now, blockedUntil: now }, update: {} }),
  );
  // After a quiet hour the count starts again; the condition makes one concurrent request reset it.
  await db.loginThrottle.updateMany({ where: { key, lastFailureAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } }, data: { failures: 0 } });
  const row = await db.loginThrottle.update({ where: { key }, data: { failures: { increment: 1 }, lastFailureAt: now } });
  const blockedUntil = new Date(now.getTime() + delayAfter(row.failures, rule));
  await db.loginThrottle.updateMany({ where: { key, blockedUntil: { lt: blockedUntil } }, data: { blockedUntil } });
  if (Math.random() < 0.01) void pruneThrottles(now);
  return row.failures;
}

export async function clearFailures(key: string) {
  await db.loginThrottle.deleteMany({ where: { key } });
}

export async function pruneThrottles(now = new Date()) {
  await db.loginThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }).catch(() => {});
}

/**
 * The trusted-device cookie: a random device id bound to one account, signed with the site's
 * secret. It says "this browser has signed in to this account before"; it grants nothing else.
 */
export const TRUSTED_DEVICE_COOKIE = "syn-trusted-device";
export const TRUSTED_DEVICE_MAX_AGE_S = 180 * 24 * 60 * 60;

function signature(secret: string, userId: string, deviceId: string) {
  return createHmac("sha256", secret).update(`trusted-device\0${userId}\0${deviceId}`).digest("base64url");
}

export function issueTrustedDevice(secret: string, userId: string, deviceId: string = randomUUID()): string {
  return `${deviceId}.${userId}.${signature(secret, userId, deviceId)}`;
}

/** The device id when `value` is a genuine trusted-device cookie for `userId`. */
export function trustedDeviceId(secret: string, value: string | undefined, userId: string): string | null {
  if (!value || value.length > 200) return null;
  const [deviceId, owner, mac] = value.split(".");
  if (!deviceId || !owner || !mac || owner !== userId) return null;
  const expected = Buffer.from(signature(secret, owner, deviceId));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : null;
}
