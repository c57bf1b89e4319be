/**
 * Challenge completions on a real SQLite database: only a log the engine verifies is stored,
 * once per user and challenge, whatever the browser sends and however often.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHALLENGE_LIMITS } from "@/domain/challenges";
import type { CurrentUser } from "@/lib/auth/session.server";
import { checkVisitorChallenge, completionsFor, recordCompletion, submitChallenge } from "@/lib/challenges/completions.server";
import { db } from "@/lib/db.server";
import { mergeAnonymousProgress } from "@/lib/progress/merge.server";
import { newReceiptId } from "@/lib/progress/receipts.server";
import { visitorBinding } from "@/lib/progress/visitor.server";
import { createUser } from "../factories/users";

const SOLUTION = { challengeId: "both-closing", log: [{ at: 50, host: "client", do: "close" }, { at: 50, host: "server", do: "close" }] };
const NEAR_MISS = { challengeId: "both-closing", log: [{ at: 50, host: "client", do: "close" }, { at: 70, host: "server", do: "close" }] };

async function student(): Promise<CurrentUser> {
  return (await createUser()) as CurrentUser;
}

const rowsOf = (userId: string) => db.challengeCompletion.findMany({ where: { userId } });

describe("challenge completions", () => {
  it("stores a verified success once, with the log that proved it", async () => {
    const user = await student();
    const result = await submitChallenge(user, SOLUTION);
    expect(result).toMatchObject({ ok: true, reached: true, stored: "new" });
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ challengeId: "both-closing" });
    expect(JSON.parse(rows[0]?.actionLog ?? "null")).toEqual(SOLUTION.log);
    expect(await completionsFor(user, ["both-closing", "refused-connect", "not-a-challenge"])).toEqual({
      "both-closing": rows[0]?.completedAt.toISOString(),
    });
  });

  it("keeps exactly one row under concurrent duplicate submissions, and the first time", async () => {
    const user = await student();
    const results = await Promise.all(Array.from({ length: 12 }, () => submitChallenge(user, SOLUTION)));
    expect(results.every((result) => result.ok && result.reached)).toBe(true);
    const stored = results.map((result) => (result.ok && result.reached ? result.stored : null));
    expect(stored.filter((value) => value === "new")).toHaveLength(1);
    expect(stored.filter((value) => value === "existing")).toHaveLength(11);
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    const times = new Set(results.map((result) => (result.ok && result.reached ? result.completedAt : null)));
    expect(times).toEqual(new Set([rows[0]?.completedAt.toISOString()]));

    const later = await submitChallenge(user, SOLUTION);
    expect(later).toMatchObject({ stored: "existing", completedAt: rows[0]?.completedAt.toISOString() });
  });

  it("refuses a log that does not reach the goal and stores nothing", async () => {
    const user = await student();
    const result = await submitChallenge(user, NEAR_MISS);
    expect(result).toMatchObject({ ok: true, reached: false, feedback: expect.stringMatching(/CLOSE-WAIT/) });
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it("refuses a forged claim of success, whatever else comes with it", async () => {
    const user = await student();
    for (const forged of [
      { ...NEAR_MISS, success: true },
      { ...SOLUTION, completed: true, completedAt: "2020-01-01T00:00:00.000Z" },
      { challengeId: "both-closing", log: [], reached: true },
    ]) {
      const result = await submitChallenge(user, forged);
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Only the server decides/) });
    }
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it("refuses oversized and invalid logs with clear errors", async () => {
    const user = await student();
    const tooLong = { challengeId: "both-closing", log: Array.from({ length: CHALLENGE_LIMITS.maxActions + 1 }, () => SOLUTION.log[0]) };
    expect(await submitChallenge(user, tooLong)).toEqual({
      ok: false,
      error: `The action log is too long: at most ${CHALLENGE_LIMITS.maxActions} actions are accepted.`,
      issues: expect.any(Array),
    });
    const invalid = await submitChallenge(user, { challengeId: "both-closing", log: [{ at: "soon", host: "client", do: "close" }] });
    expect(invalid).toMatchObject({ ok: false, error: "The action log is not valid, so it was not checked." });
    if (!invalid.ok) expect(invalid.issues.join("\n")).toMatch(/log\.0/);
    const notAllowed = await submitChallenge(user, { challengeId: "both-closing", log: [{ at: 0, host: "client", do: "abort" }] });
    expect(notAllowed).toMatchObject({ ok: false, error: "The log uses actions this challenge does not allow." });
    expect(await submitChallenge(user, { challengeId: "no-such-challenge", log: [] })).toMatchObject({ ok: false });
    expect(await submitChallenge(user, "DROP TABLE")).toMatchObject({ ok: false });
    expect(await rowsOf(user.id)).toHaveLength(0);
  });

  it("verifies visitors without an account but stores nothing for them", async () => {
    const before = await db.challengeCompletion.count();
    expect(checkVisitorChallenge(SOLUTION, newVisitor())).toMatchObject({ ok: true, reached: true, stored: "signed-out", completedAt: null });
    expect(await db.challengeCompletion.count()).toBe(before);
  });

  it("leaves another user's completion untouched", async () => {
    const [ada, ben] = await Promise.all([student(), student()]);
    await submitChallenge(ada, SOLUTION);
    const adaRow = (await rowsOf(ada.id))[0];
    await new Promise((resolve) => setTimeout(resolve, 5));
    await submitChallenge(ben, SOLUTION);
    await submitChallenge(ben, { ...SOLUTION, log: [...SOLUTION.log, { at: 60_000, host: "client", do: "connect" }] });
    expect(await rowsOf(ada.id)).toEqual([adaRow]);
    expect(await rowsOf(ben.id)).toHaveLength(1);
    expect(await completionsFor(ada, ["both-closing"])).toEqual({ "both-closing": adaRow?.completedAt.toISOString() });
  });

  it("recordCompletion is idempotent on its own and completions go with the account", async () => {
    const user = await student();
    const first = await recordCompletion(user, "refused-connect", [{ at: 0, host: "client", do: "connect" }]);
    const second = await recordCompletion(user, "refused-connect", []);
    expect(first.created).toBe(true);
    expect(second).toEqual({ completedAt: first.completedAt, created: false });
    await db.user.delete({ where: { id: user.id } });
    expect(await rowsOf(user.id)).toHaveLength(0);
  });
});

const newVisitor = () => visitorBinding(`${newReceiptId()}${newReceiptId()}`.slice(0, 32));

/** A visitor's success: the server's answer, with the receipt the browser keeps. */
async function visitorSuccess(submission: typeof SOLUTION, visitor = newVisitor()) {
  const result = checkVisitorChallenge(submission, visitor);
  if (!(result.ok && result.reached && result.receipt)) throw new Error("the visitor's log should verify and come with a receipt");
  return { entry: { ...submission, receipt: result.receipt }, visitor, reachedAt: JSON.parse(Buffer.from(result.receipt.split(".")[0]!, "base64url").toString()).at as number };
}

/** The same receipt with `at` moved, signed with a key that is not the server's. */
function forgedEarlier(receipt: string, at: number) {
  const payload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(receipt.split(".")[0]!, "base64url").toString()), at })).toString("base64url");
  return `${payload}.${createHmac("sha256", "someone-else's-key-of-enough-length").update(payload).digest("base64url")}`;
}

const evidenceOf = (userId: string) => db.completionEvidence.findMany({ where: { userId, targetType: "CHALLENGE" }, orderBy: { handedInAt: "asc" } });

describe("a visitor's challenge successes after sign-in", () => {
  it("are completed when the account proves them, with the visitor's time kept as when the work was done", async () => {
    const { entry, visitor, reachedAt } = await visitorSuccess(SOLUTION);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const user = await student();
    const before = Date.now();
    const summary = await mergeAnonymousProgress(user, visitor, [], [entry]);
    expect(summary).toMatchObject({ challenges: 1, rejected: 0 });
    const [row] = await rowsOf(user.id);
    expect(row!.completedAt.getTime()).toBeGreaterThanOrEqual(before);
    const [evidence] = await evidenceOf(user.id);
    expect(evidence).toMatchObject({ doneAt: new Date(reachedAt), signedOut: true });
    expect(evidence!.handedInAt.getTime()).toBeGreaterThanOrEqual(before);
    // Merging again (a second tab, a retry) adds nothing: the receipt is spent.
    expect(await mergeAnonymousProgress(user, visitor, [], [entry])).toMatchObject({ challenges: 1, rejected: 1 });
    expect(await rowsOf(user.id)).toEqual([row]);
    expect(await evidenceOf(user.id)).toHaveLength(1);
  });

  it("never move an existing completion earlier", async () => {
    const { entry, visitor } = await visitorSuccess(SOLUTION);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const user = await student();
    const signedIn = await submitChallenge(user, SOLUTION, visitor);
    expect(signedIn).toMatchObject({ stored: "new" });
    const resubmitted = await submitChallenge(user, { ...entry, locale: "en" }, visitor);
    expect(resubmitted).toMatchObject({ stored: "existing" });
    const [row] = await rowsOf(user.id);
    expect(row!.completedAt.toISOString()).toBe(signedIn.ok && signedIn.reached ? signedIn.completedAt : null);
  });

  it("cannot be presented from another browser, nor twice, nor with a forged time: the log alone then counts, now", async () => {
    const { entry, visitor } = await visitorSuccess(SOLUTION);
    const otherLog = { ...SOLUTION, log: [{ at: 40, host: "client", do: "close" }, { at: 40, host: "server", do: "close" }] };
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = Date.now();
    for (const [submission, from] of [
      [{ ...otherLog, receipt: entry.receipt }, visitor],
      [{ challengeId: "refused-connect", log: [{ at: 0, host: "client", do: "connect" }], receipt: entry.receipt }, visitor],
      [{ ...SOLUTION, receipt: forgedEarlier(entry.receipt, before - 86_400_000) }, visitor],
      [entry, newVisitor()],
      [entry, null],
    ] as const) {
      const user = await student();
      expect(await submitChallenge(user, submission, from)).toMatchObject({ ok: true, reached: true, stored: "new" });
      const [evidence] = await evidenceOf(user.id);
      expect(evidence).toMatchObject({ signedOut: false });
      expect(evidence!.doneAt.getTime()).toBeGreaterThanOrEqual(before);
    }
    expect(await db.spentReceipt.count({ where: { id: JSON.parse(Buffer.from(entry.receipt.split(".")[0]!, "base64url").toString()).id } })).toBe(0);
  });

  it("count for nothing when the log does not verify, receipt or not", async () => {
    const { entry, visitor } = await visitorSuccess(SOLUTION);
    const user = await student();
    const summary = await mergeAnonymousProgress(user, visitor, [], [
      { ...NEAR_MISS, receipt: entry.receipt },
      { challengeId: "both-closing", log: "not a log", receipt: entry.receipt },
      { challengeId: "both-closing", log: SOLUTION.log, success: true },
    ]);
    expect(summary).toMatchObject({ challenges: 0, rejected: 3 });
    expect(await rowsOf(user.id)).toHaveLength(0);
  });
});
