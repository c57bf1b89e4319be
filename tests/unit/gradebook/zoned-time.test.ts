import { describe, expect, it } from "vitest";
import { instantToWallTime, isValidTimeZone, parseWallTime, wallTimeToInstant } from "@/domain/gradebook/zoned-time";

describe("wall-clock times in a class's zone", () => {
  it("converts in winter and summer", () => {
    expect(wallTimeToInstant("2026-12-01T17:00", "Europe/Berlin")?.toISOString()).toBe("2026-12-01T16:00:00.000Z");
    expect(wallTimeToInstant("2026-07-01T17:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T15:00:00.000Z");
    expect(wallTimeToInstant("2026-07-01T17:00", "America/New_York")?.toISOString()).toBe("2026-07-01T21:00:00.000Z");
    expect(wallTimeToInstant("2026-07-01T17:00", "Asia/Kolkata")?.toISOString()).toBe("2026-07-01T11:30:00.000Z");
    expect(wallTimeToInstant("2026-07-01T17:00", "UTC")?.toISOString()).toBe("2026-07-01T17:00:00.000Z");
  });

  it("takes the first of two occurrences when clocks go back", () => {
    // 2026-10-25 02:30 happens twice in Berlin: first at +02:00.
    expect(wallTimeToInstant("2026-10-25T02:30", "Europe/Berlin")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("moves a time that does not exist forward by the gap", () => {
    // 2026-03-29 02:30 does not exist in Berlin; clocks jump from 02:00 to 03:00.
    const instant = wallTimeToInstant("2026-03-29T02:30", "Europe/Berlin");
    expect(instant?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(instantToWallTime(instant as Date, "Europe/Berlin")).toBe("2026-03-29T03:30");
  });

  it("round-trips instants to wall times", () => {
    for (const zone of ["Europe/Berlin", "America/Los_Angeles", "Australia/Adelaide", "Pacific/Chatham", "UTC"]) {
      for (let day = 0; day < 365; day += 7) {
        const instant = new Date(Date.UTC(2026, 0, 1, 13, 15) + day * 86_400_000);
        const wall = instantToWallTime(instant, zone);
        expect(wallTimeToInstant(wall, zone)?.getTime()).toBe(instant.getTime());
      }
    }
  });

  it("rejects impossible dates and unknown zones", () => {
    expect(parseWallTime("2026-02-30T10:00")).toBeNull();
    expect(parseWallTime("2026-02-10T24:00")).toBeNull();
    expect(parseWallTime("tomorrow")).toBeNull();
    expect(wallTimeToInstant("2026-02-10T10:00", "Mars/Olympus")).toBeNull();
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("")).toBe(false);
  });
});
