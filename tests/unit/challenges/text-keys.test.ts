/** A challenge's words in both languages are checked by the compiler: these declarations must not compile. */
import { describe, expect, it } from "vitest";
import { defineChallenge } from "@/domain/challenges/registry";

const words = { title: "t", summary: "s", instructions: "i", hint: "h" };
const base = { id: "typing", lesson: "time-wait", preset: "blank", allowed: ["drop"] } as const;

describe("challenge words", () => {
  it("need every outcome in Chinese, no other, and a goal that returns only those outcomes", () => {
    const complete = defineChallenge({
      ...base,
      text: { en: { ...words, feedback: { reached: "yes", missed: "no" } }, zh: { ...words, feedback: { reached: "是", missed: "否" } } },
      goal: () => ({ reached: false, outcome: "missed" }),
    });
    defineChallenge({
      ...base,
      // @ts-expect-error the Chinese feedback lacks "missed"
      text: { en: { ...words, feedback: { reached: "yes", missed: "no" } }, zh: { ...words, feedback: { reached: "是" } } },
      goal: () => ({ reached: true, outcome: "reached" }),
    });
    defineChallenge({
      ...base,
      // @ts-expect-error the Chinese feedback has an outcome the English does not
      text: { en: { ...words, feedback: { reached: "yes" } }, zh: { ...words, feedback: { reached: "是", extra: "多余" } } },
      goal: () => ({ reached: true, outcome: "reached" }),
    });
    defineChallenge({
      ...base,
      text: { en: { ...words, feedback: { reached: "yes" } }, zh: { ...words, feedback: { reached: "是" } } },
      // @ts-expect-error the goal returns an outcome with no feedback
      goal: () => ({ reached: false, outcome: "unknown" }),
    });
    expect(complete.text.zh.feedback.missed).toBe("否");
  });
});
