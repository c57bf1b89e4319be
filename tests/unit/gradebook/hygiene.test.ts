import { describe, expect, it } from "vitest";
import { dateWindow, isValidExtension, isWithinDateWindow, pointsProblem } from "@/domain/gradebook/rules";
import { cleanText, hasUnsafeCharacters, textLength } from "@/domain/gradebook/text";
import { assignmentInput } from "@/lib/assignments/input";

describe("text hygiene", () => {
  it.each([
    ["a right-to-left override that fakes a date", "Quiz \u202E02/10", "Quiz 02/10"],
    ["every bidi embedding, override and isolate", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j", "abcdefghij"],
    ["a NUL byte and other C0 controls", "Ti\u0000tle\u0007\u001B", "Title"],
    ["DEL and C1 controls", "x\u007F\u0085y", "xy"],
    ["line breaks and tabs in a one-line field become spaces", "two\nlines\tand\r\ntab", "two lines and tab"],
  ])("removes %s", (_name, input, output) => {
    expect(cleanText(input)).toBe(output);
    expect(hasUnsafeCharacters(input)).toBe(true);
  });

  it("keeps line feeds and tabs in a multi-line field, and right-to-left marks everywhere", () => {
    expect(cleanText("Read\r\nthen\tanswer\u0000", { multiline: true })).toBe("Read\nthen\tanswer");
    expect(cleanText("שלום \u200F(1)")).toBe("שלום \u200F(1)");
    expect(hasUnsafeCharacters("Plain title, 王小明")).toBe(false);
  });

  it("counts characters as people see them", () => {
    expect(textLength("é")).toBe(1);
    expect(textLength("e\u0301")).toBe(1);
    expect(textLength("👍🏽")).toBe(1);
    expect(textLength("王小明")).toBe(3);
  });

  it("refuses what is empty once cleaned and what is longer than shown, and strips the rest", () => {
    const base = { target: "QUIZ:x", points: "10", opensAt: "2026-12-01T09:00", dueAt: "2026-12-08T09:00", latePolicy: "CLOSE" };
    expect(assignmentInput.safeParse({ ...base, title: "\u202E\u0000 " }).error?.issues[0]?.message).toBe("Enter a title");
    expect(assignmentInput.safeParse({ ...base, title: "x".repeat(201) }).error?.issues[0]?.message).toBe("Use at most 200 characters");
    expect(assignmentInput.safeParse({ ...base, title: "王".repeat(200) }).success).toBe(true);
    expect(assignmentInput.parse({ ...base, title: " Flags\u202E quiz\u0000 ", instructions: "Line 1\r\nLine 2\u0007" })).toMatchObject({
      title: "Flags quiz",
      instructions: "Line 1\nLine 2",
    });
  });
});

describe("number and date rules", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  it("keeps dates within five years of today", () => {
    expect(dateWindow(now)).toEqual({ earliest: new Date("2021-12-06T12:00:00Z"), latest: new Date("2031-12-06T12:00:00Z") });
    expect(isWithinDateWindow(new Date("2031-12-06T11:59:00Z"), now)).toBe(true);
    expect(isWithinDateWindow(new Date("9999-12-31T23:59:00Z"), now)).toBe(false);
    expect(isWithinDateWindow(new Date("2020-01-01T00:00:00Z"), now)).toBe(false);
  });

  it("wants extensions later than the due date", () => {
    const due = new Date("2026-12-10T17:00:00Z");
    expect(isValidExtension(due, new Date("2026-12-11T17:00:00Z"))).toBe(true);
    expect(isValidExtension(due, due)).toBe(false);
    expect(isValidExtension(due, new Date("2026-12-09T17:00:00Z"))).toBe(false);
  });

  it.each([
    [0, false, "too-few"],
    [-5, false, "too-few"],
    [1.5, false, "not-whole"],
    [1001, false, "too-many"],
    [1, false, null],
    [1000, false, null],
    [0, true, null],
  ] as const)("points %s (ungraded: %s) → %s", (points, ungraded, problem) => {
    expect(pointsProblem(points, ungraded)).toBe(problem);
  });
});
