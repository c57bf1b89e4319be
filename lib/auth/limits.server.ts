import { env } from "../env.server";
import { hitRateLimit } from "../security/rate-limit.server";

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_HOUR = 60 * 60 * 1000;

export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super("RateLimited");
    this.name = "RateLimitedError";
  }
}

/** Both limits count every attempt, so a flood of guesses is slowed whoever it targets. */
export async function limitSignIn(email: string, address: string) {
  const e = env();
  const [byEmail, byAddress] = await Promise.all([
    hitRateLimit(`signin:email:${email}`, { limit: e.RATE_LIMIT_SIGNIN_PER_EMAIL, windowMs: FIFTEEN_MINUTES }),
    hitRateLimit(`signin:ip:${address}`, { limit: e.RATE_LIMIT_SIGNIN_PER_IP, windowMs: FIFTEEN_MINUTES }),
  ]);
  if (!byEmail.allowed || !byAddress.allowed) throw new RateLimitedError(Math.max(byEmail.retryAfterMs, byAddress.retryAfterMs));
}

export async function limitSignUp(address: string) {
  const result = await hitRateLimit(`signup:ip:${address}`, { limit: env().RATE_LIMIT_SIGNUP_PER_IP, windowMs: ONE_HOUR });
  if (!result.allowed) throw new RateLimitedError(result.retryAfterMs);
}
