import { describe, expect, it } from "vitest";
import { hitRateLimit } from "@/lib/security/rate-limit.server";

const rule = { limit: 3, windowMs: 60_000 };

describe("rate limits", () => {
  it("allows up to the limit in a window, then refuses until the next window", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit("test:window", rule, start));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]?.retryAfterMs).toBe(60_000);
    const next = await hitRateLimit("test:window", rule, new Date(start.getTime() + 60_000));
    expect(next).toMatchObject({ allowed: true, count: 1 });
  });

  it("counts every concurrent hit exactly once", async () => {
    const now = new Date("2026-01-01T00:05:00Z");
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit("test:concurrent", { limit: 100, windowMs: 60_000 }, now)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("keeps keys independent", async () => {
    const now = new Date("2026-01-01T00:10:00Z");
    for (let i = 0; i < 3; i++) await hitRateLimit("test:a", rule, now);
    expect((await hitRateLimit("test:a", rule, now)).allowed).toBe(false);
    expect((await hitRateLimit("test:b", rule, now)).allowed).toBe(true);
  });
});
