/**
 * Sign-in throttling (ADR 0012) on the real database: guessing slows the guesser down
 * progressively, by address and by account, and never locks the owner out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authorizeWithPassword } from "@/lib/auth/options.server";
import { limitClassJoin, RateLimitedError } from "@/lib/auth/limits.server";
import { createAccount } from "@/lib/auth/signup.server";
import { authSecret } from "@/lib/auth/secret.server";
import { delayAfter, issueTrustedDevice, trustedDeviceId } from "@/lib/security/login-throttle.server";

const PASSWORD = "the-right-password";
let clock = new Date("2026-03-01T09:00:00Z").getTime();

function advance(ms: number) {
  clock += ms;
  vi.setSystemTime(clock);
}

/** The wait a refused attempt reports, in milliseconds; 0 when the attempt was considered. */
async function attempt(email: string, password: string, address: string, device?: string) {
  try {
    const user = await authorizeWithPassword({ email, password }, address, device);
    return { user, waitMs: 0 };
  } catch (error) {
    if (error instanceof RateLimitedError) return { user: null, waitMs: error.retryAfterMs };
    throw error;
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(clock);
});
afterEach(() => {
  vi.useRealTimers();
  clock += 24 * 60 * 60 * 1000;
});

describe("sign-in throttling", () => {
  it("delays grow by doubling after the free failures, up to a ceiling", () => {
    const rule = { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60 * 1000 };
    expect([4, 5, 6, 7, 8].map((n) => delayAfter(n, rule))).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(delayAfter(40, rule)).toBe(15 * 60 * 1000);
  });

  it("ten wrong passwords from ten addresses do not lock the owner out", async () => {
    await createAccount({ name: "Owner", email: "owner@example.test", password: PASSWORD });
    // The owner signed in from this browser before: it holds a trusted-device cookie.
    const before = await attempt("owner@example.test", PASSWORD, "192.0.2.1");
    const device = before.user?.trustedDevice;
    expect(device).toBeTruthy();

    // Someone guesses from ten addresses, waiting out each delay they are given.
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      let result = await attempt("owner@example.test", `guess-${i}`, `198.51.100.${i}`);
      if (result.waitMs > 0) {
        waits.push(result.waitMs);
        advance(result.waitMs);
        result = await attempt("owner@example.test", `guess-${i}`, `198.51.100.${i}`);
      }
      expect(result.user).toBeNull();
    }
    // Free failures first, then waits that double.
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);

    // The owner's browser is not slowed by the guessing at all.
    const owner = await attempt("owner@example.test", PASSWORD, "192.0.2.1", device);
    expect(owner.waitMs).toBe(0);
    expect(owner.user?.email).toBe("owner@example.test");

    // From a new browser the owner waits, a bounded time, and then gets in.
    const elsewhere = await attempt("owner@example.test", PASSWORD, "203.0.113.5");
    expect(elsewhere.waitMs).toBeGreaterThan(0);
    expect(elsewhere.waitMs).toBeLessThanOrEqual(15 * 60 * 1000);
    advance(elsewhere.waitMs);
    expect((await attempt("owner@example.test", PASSWORD, "203.0.113.5")).user?.email).toBe("owner@example.test");
  });

  it("slows the guessing address down across accounts, and not other addresses", async () => {
    await createAccount({ name: "Other", email: "other@example.test", password: PASSWORD });
    const address = "198.51.100.200";
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      const result = await attempt(`nobody-${i}@example.test`, "guess", address);
      if (result.waitMs > 0) refused++;
    }
    expect(refused).toBe(0);
    const next = await attempt("other@example.test", PASSWORD, address);
    expect(next.waitMs).toBe(1000);
    expect((await attempt("other@example.test", PASSWORD, "198.51.100.201")).user?.email).toBe("other@example.test");
  });

  it("forgets failures after a quiet hour", async () => {
    await createAccount({ name: "Quiet", email: "quiet@example.test", password: PASSWORD });
    for (let i = 0; i < 5; i++) await attempt("quiet@example.test", "guess", `198.51.100.${50 + i}`);
    expect((await attempt("quiet@example.test", PASSWORD, "198.51.100.60")).waitMs).toBeGreaterThan(0);
    advance(61 * 60 * 1000);
    expect((await attempt("quiet@example.test", PASSWORD, "198.51.100.60")).user?.email).toBe("quiet@example.test");
  });

  it("a trusted-device cookie only speaks for the account it was issued to, and cannot be forged", () => {
    const secret = authSecret();
    const cookie = issueTrustedDevice(secret, "user-a", "device-1");
    expect(trustedDeviceId(secret, cookie, "user-a")).toBe("device-1");
    expect(trustedDeviceId(secret, cookie, "user-b")).toBeNull();
    expect(trustedDeviceId(secret, cookie.replace("device-1", "device-2"), "user-a")).toBeNull();
    expect(trustedDeviceId("another-secret-that-is-long-enough-0000", cookie, "user-a")).toBeNull();
    expect(trustedDeviceId(secret, "garbage", "user-a")).toBeNull();
  });
});

describe("class codes and invitations", () => {
  it("are limited per account and per address", async () => {
    for (let i = 0; i < 20; i++) await limitClassJoin("guesser", `198.51.100.${i}`);
    await expect(limitClassJoin("guesser", "198.51.100.99")).rejects.toBeInstanceOf(RateLimitedError);
    await expect(limitClassJoin("someone-else", "198.51.100.99")).resolves.toBeUndefined();
    for (let i = 0; i < 100; i++) await limitClassJoin(`student-${i}`, "203.0.113.9");
    await expect(limitClassJoin("one-more", "203.0.113.9")).rejects.toBeInstanceOf(RateLimitedError);
  }, 90_000);
});
