import "server-only";
import { env } from "../env.server";
import { hitRateLimit } from "../security/rate-limit.server";
import { delayAfter, type ThrottleRule } from "../security/login-throttle.server";

const SECOND = 1000;
const FIFTEEN_MINUTES = 15 * 60 * SECOND;
const ONE_HOUR = 60 * 60 * SECOND;

export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    // next-auth hands the message to the sign-in form, which says how long to wait.
    super(`RateLimited:${Math.max(1, Math.ceil(retryAfterMs / SECOND))}`);
    this.name = "RateLimitedError";
  }
}

/** The progressive sign-in delays (ADR 0012): doubling from 1 s after each key's free failures, up to 15 minutes. */
export function signInRules(): Record<"address" | "account" | "device", ThrottleRule> {
  const e = env();
  const growing = { baseDelayMs: SECOND, maxDelayMs: FIFTEEN_MINUTES };
  return {
    address: { freeFailures: e.RATE_LIMIT_SIGNIN_PER_IP, ...growing },
    account: { freeFailures: e.RATE_LIMIT_SIGNIN_PER_EMAIL, ...growing },
    device: { freeFailures: 10, ...growing },
  };
}

export { delayAfter };

export async function limitSignUp(address: string) {
  const result = await hitRateLimit(`signup:ip:${address}`, { limit: env().RATE_LIMIT_SIGNUP_PER_IP, windowMs: ONE_HOUR });
  if (!result.allowed) throw new RateLimitedError(result.retryAfterMs);
}

/**
 * Using a class code, a class invite link or a personal invitation: limited per account and
 * per address, so codes cannot be guessed by trying them (8 characters of 31: about 2^40).
 */
export async function limitClassJoin(userId: string, address: string) {
  const e = env();
  const [byAccount, byAddress] = await Promise.all([
    hitRateLimit(`join:user:${userId}`, { limit: e.RATE_LIMIT_JOIN_PER_ACCOUNT, windowMs: ONE_HOUR }),
    hitRateLimit(`join:ip:${address}`, { limit: e.RATE_LIMIT_JOIN_PER_IP, windowMs: ONE_HOUR }),
  ]);
  if (!byAccount.allowed || !byAddress.allowed) throw new RateLimitedError(Math.max(byAccount.retryAfterMs, byAddress.retryAfterMs));
}
