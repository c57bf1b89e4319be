/** Each challenge: a correct log reaches the goal; near misses do not, with feedback that says why. */
import { describe, expect, it } from "vitest";
import { CHALLENGES, CHALLENGE_LIMITS, CHALLENGE_LIST, getChallenge, replayChallenge, verifySubmission } from "@/domain/challenges";
import { PRESET_IDS } from "@/domain/simulator/presets";
import { CHALLENGE_CASES as CASES } from "../../support/challenge-solutions";

describe("challenge registry", () => {
  it("has unique kebab-case ids, existing presets and a case in this test for each challenge", () => {
    const ids = CHALLENGES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const challenge of CHALLENGES) {
      expect(challenge.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(PRESET_IDS).toContain(challenge.preset);
      expect(challenge.allowed.length).toBeGreaterThan(0);
      expect(CASES[challenge.id], `no test case for ${challenge.id}`).toBeDefined();
    }
    expect(CHALLENGES.length).toBeGreaterThanOrEqual(8);
  });

  it("exports a list with id, title, summary, lesson and where to do it, for the instructors' catalog", () => {
    expect(CHALLENGE_LIST.map((c) => c.id)).toEqual(CHALLENGES.map((c) => c.id));
    for (const item of CHALLENGE_LIST) {
      expect(Object.keys(item).sort()).toEqual(["href", "id", "lesson", "summary", "title"]);
      expect(item.href).toBe(`/playground?challenge=${item.id}#challenges`);
    }
    expect(getChallenge("no-such-challenge")).toBeNull();
  });
});

describe.each(Object.entries(CASES))("%s", (id, { solution, nearMisses }) => {
  it("a correct log reaches the goal, on replay by the server's code path", () => {
    expect(verifySubmission({ challengeId: id, log: solution })).toMatchObject({ ok: true, reached: true });
  });

  it("near misses do not, and the feedback says why", () => {
    for (const { log, feedback } of nearMisses) {
      const result = verifySubmission({ challengeId: id, log });
      expect(result).toMatchObject({ ok: true, reached: false });
      if (result.ok) expect(result.feedback).toMatch(feedback);
    }
  });

  it("the goal reads the engine's trace: the same log always gives the same verdict", () => {
    const challenge = getChallenge(id);
    if (challenge === null) throw new Error(id);
    expect(challenge.goal(replayChallenge(challenge, solution))).toEqual(challenge.goal(replayChallenge(challenge, solution)));
  });
});

describe("submissions", () => {
  it("refuses actions the challenge does not allow, naming them", () => {
    const result = verifySubmission({ challengeId: "server-retransmits-fin", log: [{ at: 0, host: "server", do: "abort" }] });
    expect(result).toMatchObject({ ok: false, error: "The log uses actions this challenge does not allow." });
    if (!result.ok) expect(result.issues[0]).toMatch(/log\.0: server:abort is not allowed here/);
  });

  it("refuses a claim of success from the browser, whatever the log", () => {
    const result = verifySubmission({ challengeId: "refused-connect", log: [{ at: 0, host: "client", do: "connect" }], success: true });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Only the server decides/) });
  });

  it("refuses unknown challenges, unknown keys, malformed and oversized logs with clear messages", () => {
    expect(verifySubmission({ challengeId: "nope", log: [] })).toMatchObject({ ok: false, error: 'There is no challenge "nope".' });
    expect(verifySubmission({ challengeId: "refused-connect", log: [], extra: 1 })).toMatchObject({ ok: false });
    const malformed = verifySubmission({ challengeId: "refused-connect", log: [{ at: -1, host: "client", do: "connect" }] });
    expect(malformed).toMatchObject({ ok: false, error: "The action log is not valid, so it was not checked." });
    if (!malformed.ok) expect(malformed.issues.join("\n")).toMatch(/log\.0\.at/);
    const long = Array.from({ length: CHALLENGE_LIMITS.maxActions + 1 }, () => ({ at: 0, host: "client", do: "connect" }));
    expect(verifySubmission({ challengeId: "refused-connect", log: long })).toMatchObject({
      ok: false,
      error: `The action log is too long: at most ${CHALLENGE_LIMITS.maxActions} actions are accepted.`,
    });
    const huge = verifySubmission({ challengeId: "stuck-close-wait", log: [{ at: 50, host: "client", do: "send", bytes: 10_000_000 }] });
    expect(huge).toMatchObject({ ok: false });
    const late = verifySubmission({ challengeId: "refused-connect", log: [{ at: 10 ** 9, host: "client", do: "connect" }] });
    expect(late).toMatchObject({ ok: false });
    expect(verifySubmission("not an object")).toMatchObject({ ok: false });
    expect(verifySubmission(null)).toMatchObject({ ok: false });
  });
});
