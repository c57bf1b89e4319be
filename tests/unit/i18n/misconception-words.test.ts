/**
 * Misconceptions in Chinese (lib/i18n/words/misconceptions.ts): every tag of the English table,
 * each written in Chinese with the technical names kept, and stored tags read in the page's language.
 */
import { describe, expect, it } from "vitest";
import { MISCONCEPTIONS } from "@/domain/quiz/misconceptions";
import { describeMisconceptionIn, misconceptionsIn, misconceptionWords } from "@/lib/i18n/words/misconceptions";

const HAN = /\p{Script=Han}/u;
/** Names that stay as they are in Chinese technical text. */
const TECHNICAL = /\b(?:[A-Z][A-Z0-9_-]{2,}|tcp_[a-z_]+|ip_local_port_range|somaxconn)\b/g;

describe("misconception words", () => {
  const zh = misconceptionWords("zh") as Record<string, { title: string; explanation: string }>;

  it("name every tag of the English table, in Chinese", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(MISCONCEPTIONS).sort());
    const problems: string[] = [];
    for (const [tag, { title, explanation }] of Object.entries(zh)) {
      if (!HAN.test(title) || !HAN.test(explanation)) problems.push(`${tag}: not Chinese`);
      if (explanation.includes("\n") || !/[。）]$/.test(explanation)) problems.push(`${tag}: one sentence ending in 。`);
    }
    expect(problems).toEqual([]);
  });

  it("keep the states, flags, sysctls and constants the English names", () => {
    const problems: string[] = [];
    for (const [tag, english] of Object.entries(MISCONCEPTIONS)) {
      const chinese = zh[tag]!;
      for (const name of new Set(`${english.title} ${english.explanation}`.match(TECHNICAL) ?? [])) {
        if (!`${chinese.title} ${chinese.explanation}`.includes(name)) problems.push(`${tag}: ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("read stored tags in the page's language, and an unknown tag as a sentence", () => {
    expect(misconceptionsIn("thinks-synack-has-no-ack,forgets-syn-consumes-a-sequence-number", "zh").map((m) => m.title)).toEqual([
      "以为 SYN+ACK 不带确认",
      "忘了 SYN 要占用一个序列号",
    ]);
    expect(misconceptionsIn("thinks-synack-has-no-ack", "en")[0]?.title).toBe("Thinks the SYN+ACK carries no acknowledgment");
    expect(misconceptionsIn(null, "zh")).toEqual([]);
    expect(describeMisconceptionIn("thinks-something-new", "zh").title).toBe("Thinks something new");
  });
});
