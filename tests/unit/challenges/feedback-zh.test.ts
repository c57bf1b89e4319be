/** Challenge feedback in Chinese: every outcome of every challenge, written out with its values, and the server's answer in the asked-for language. */
import { describe, expect, it } from "vitest";
import { CHALLENGES, challengeText, judge, replayChallenge, verifySubmission, type Challenge } from "@/domain/challenges";
import type { Action } from "@/domain/tcp";

const HAN = /\p{Script=Han}/u;
const PLACEHOLDER = /\{\w+\}/;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

describe("Chinese challenge feedback", () => {
  it("fills every placeholder of every outcome of every challenge", () => {
    for (const challenge of CHALLENGES) {
      const trace = replayChallenge(challenge, []);
      for (const [outcome, english] of Object.entries(challenge.text.en.feedback)) {
        // The verdict a goal would give for this outcome, with a value for each of the English text's placeholders.
        const values = Object.fromEntries(placeholders(english).map((name) => [name, name === "host" ? "server" : name === "state" ? "CLOSED" : 7]));
        const stub: Challenge = { ...challenge, goal: () => ({ reached: outcome === "reached", outcome, values }) };
        const zh = judge(stub, trace, "zh");
        const where = `${challenge.id}.${outcome}`;
        expect(placeholders(challenge.text.zh.feedback[outcome]!).sort(), where).toEqual(placeholders(english).sort());
        expect(zh.feedback, where).not.toMatch(PLACEHOLDER);
        expect(zh.feedback, where).toMatch(HAN);
        expect(zh.feedback, where).not.toBe(judge(stub, trace, "en").feedback);
        // Host names are words of the sentence's language.
        if ("host" in values) expect(zh.feedback, where).toContain("服务端");
        if ("host" in values) expect(zh.feedback, where).not.toMatch(/\bserver\b/);
      }
    }
  });

  it("writes out the values a real run produces", () => {
    const runs: { id: string; log: Action[]; outcome: string; contains: string }[] = [
      {
        id: "both-closing",
        log: [
          { at: 50, host: "server", do: "send", bytes: 100 },
          { at: 50, host: "client", do: "close" },
          { at: 55, host: "server", do: "close" },
        ],
        outcome: "only-one",
        contains: "只有服务端经过了 CLOSING",
      },
      {
        id: "stuck-close-wait",
        log: [
          { at: 50, host: "client", do: "close" },
          { at: 200, host: "server", do: "send", bytes: 10 },
        ],
        outcome: "server-reset",
        contains: "最终处于 CLOSED",
      },
      { id: "syn-timeout", log: [{ at: 0, host: "client", do: "connect" }], outcome: "reached", contains: "个 SYN，connect() 在虚拟时间第" },
    ];
    for (const run of runs) {
      const result = verifySubmission({ challengeId: run.id, log: run.log, locale: "zh" });
      expect(result, run.id).toMatchObject({ ok: true, outcome: run.outcome });
      if (!result.ok) continue;
      expect(result.feedback).toContain(run.contains);
      expect(result.feedback).not.toMatch(PLACEHOLDER);
    }
  });

  it("answers in the submission's language, English by default; the verdict is the same in both", () => {
    const log: Action[] = [{ at: 0, host: "client", do: "connect" }];
    const english = verifySubmission({ challengeId: "refused-connect", log });
    const chinese = verifySubmission({ challengeId: "refused-connect", log, locale: "zh" });
    expect(english).toMatchObject({ ok: true, reached: true, feedback: expect.stringContaining("ECONNREFUSED") });
    expect(chinese).toMatchObject({ ok: true, reached: true, feedback: challengeText(CHALLENGES.find((c) => c.id === "refused-connect")!, "zh").feedback.reached });
    expect(verifySubmission({ challengeId: "refused-connect", log, locale: "en" })).toEqual(english);
  });

  it("refuses an unknown language like any other malformed field, and words refusals in Chinese when asked", () => {
    expect(verifySubmission({ challengeId: "refused-connect", log: [], locale: "fr" })).toMatchObject({
      ok: false,
      error: "The action log is not valid, so it was not checked.",
    });
    const forged = verifySubmission({ challengeId: "refused-connect", log: [], success: true, locale: "zh" });
    expect(forged).toMatchObject({ ok: false, error: "挑战是否完成只由服务器判定：请发送操作，而不是结果。", issues: ["success：不接受浏览器发来的这个字段"] });
    const forbidden = verifySubmission({ challengeId: "server-retransmits-fin", log: [{ at: 0, host: "server", do: "abort" }], locale: "zh" });
    expect(forbidden).toMatchObject({ ok: false, error: "操作记录中用到了这个挑战不允许的操作。" });
    expect(verifySubmission({ challengeId: "nope", log: [], locale: "zh" })).toMatchObject({ ok: false, error: "没有名为“nope”的挑战。" });
  });
});
