import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/format/date";

describe("formatDateTime", () => {
  const iso = "2026-12-01T16:00:00.000Z";

  it("shows the instant in the requested zone, with the zone named", () => {
    expect(formatDateTime(iso, "UTC")).toBe("Dec 1, 2026, 4:00 PM UTC");
    expect(formatDateTime(iso, "Europe/Berlin")).toBe("Dec 1, 2026, 5:00 PM GMT+1");
    expect(formatDateTime(iso, "Asia/Shanghai")).toBe("Dec 2, 2026, 12:00 AM GMT+8");
  });

  it("rejects an unknown zone instead of silently using another", () => {
    expect(() => formatDateTime(iso, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
