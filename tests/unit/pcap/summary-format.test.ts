import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMilliseconds } from "@/domain/tcp/pcap/summary";

/** What `tcp pcap --summary` printed before the fast path: toFixed(6), read back, written shortest. */
const reference = (ms: number) => String(Number(ms.toFixed(6)));

describe("formatMilliseconds", () => {
  it("writes what toFixed(6) read back as a number writes, for any duration", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e13, noNaN: true }), (ms) => {
        expect(formatMilliseconds(ms)).toBe(reference(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it("agrees on capture-like durations: whole seconds plus micro- or nanoseconds", () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(999_999_999), (seconds, nanoseconds) => {
        const ms = seconds * 1000 + nanoseconds / 1e6;
        expect(formatMilliseconds(ms)).toBe(reference(ms));
        const microseconds = Math.floor(nanoseconds / 1000);
        expect(formatMilliseconds(seconds * 1000 + microseconds / 1e3)).toBe(reference(seconds * 1000 + microseconds / 1e3));
      }),
      { numRuns: 20_000 },
    );
  });

  it("agrees at and near half a nanosecond, where the rounding is decided by the exact value", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000_000), fc.integer({ min: -3, max: 3 }), (nanoseconds, nudge) => {
        const ms = (nanoseconds + 0.5) / 1e6 + nudge * 1e-16 * (nanoseconds + 1);
        expect(formatMilliseconds(ms)).toBe(reference(ms));
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [0, -0, 5e-7, 1.5e-6, 1.0000005, 2.5e-7, 0.1 + 0.2, 2 ** 40 / 1e6, 1e13, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatMilliseconds(ms)).toBe(reference(ms));
    }
  });
});
