/** English messages put into Chinese by pattern: the capture reader's and the playground link's. */
import { describe, expect, it } from "vitest";
import { captureMessageZh, captureNoteZh } from "@/domain/simulator/capture-text";
import { applyTextRules } from "@/domain/simulator/text-rules";

describe("translation by pattern", () => {
  it("applies the first rule that matches, with the parts it captured, and says when none does", () => {
    const rules = [
      [/^(\d+) apples$/, (n: string) => `${n} 个苹果`],
      [/^(\d+) (\w+)$/, (n: string, what: string) => `${n} ${what}?`],
    ] as const;
    expect(applyTextRules(rules, "3 apples")).toBe("3 个苹果");
    expect(applyTextRules(rules, "3 pears")).toBe("3 pears?");
    expect(applyTextRules(rules, "pears")).toBeNull();
  });

  it("keeps the capture reader's byte offset and translates its problem, or keeps unknown English", () => {
    expect(captureMessageZh("empty capture at byte 0")).toBe("第 0 字节处：抓包文件是空的");
    expect(captureMessageZh("something new at byte 812")).toBe("第 812 字节处：something new");
    expect(captureMessageZh("no offset here")).toBe("no offset here");
    expect(captureNoteZh("an unknown note")).toBe("an unknown note");
  });
});
