import "server-only";
import { db } from "../db.server";
import { retryOnUniqueViolation } from "../db/unique-retry";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterMs: number };

export type RateLimitRule = { limit: number; windowMs: number };

/**
 * Counts one hit against `key` in a fixed window and says whether it is within `limit`. The
 * counter lives in the database, so every instance of the app shares it; each step is a single
 * atomic statement, so concurrent hits are all counted.
 */
export async function hitRateLimit(key: string, { limit, windowMs }: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  await retryOnUniqueViolation(() => db.rateLimitBucket.upsert({ where: { key }, create: { key, windowStart, count: 0 }, update: {} }));
  // A new window starts from zero; the condition makes exactly one concurrent request reset it.
  await db.rateLimitBucket.updateMany({ where: { key, windowStart: { lt: windowStart } }, data: { windowStart, count: 0 } });
  const bucket = await db.rateLimitBucket.update({ where: { key }, data: { count: { increment: 1 } } });
  if (Math.random() < 0.01) void pruneRateLimits(now);
  return {
    allowed: bucket.count <= limit,
    count: bucket.count,
    retryAfterMs: bucket.count <= limit ? 0 : windowStart.getTime() + windowMs - now.getTime(),
  };
}

/** Drops counters of windows that ended more than a day ago. */
export async function pruneRateLimits(now = new Date()) {
  await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }).catch(() => {});
}
