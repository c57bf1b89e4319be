/**
 * The receipt abuses of issue "grades an instructor can defend", performed as they were: through
 * the Server Actions, with each browser's cookies, then read back from the gradebook. A signed-out
 * success is credited only to an account signed in from the browser that earned it, once, and
 * never earlier than the moment that account proved it.
 */
import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session.server";

const browser = vi.hoisted(() => ({ user: null as CurrentUser | null, jar: new Map<string, string>(), options: new Map<string, unknown>() }));
vi.mock("@/lib/auth/session.server", () => ({ getCurrentUser: async () => browser.user }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (browser.jar.has(name) ? { name, value: browser.jar.get(name) } : undefined),
    getAll: () => [...browser.jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options?: unknown) => {
      browser.jar.set(name, value);
      browser.options.set(name, options);
    },
  }),
}));

const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");
const { submitChallengeAction } = await import("@/lib/challenges/actions");
const { startQuizAttemptAction, submitQuizAnswerAction } = await import("@/lib/quiz/actions");
const { mergeAnonymousProgressAction } = await import("@/lib/progress/visitor-actions");
const { getGradebook } = await import("@/lib/gradebook/gradebook.server");
const { verifyAttemptToken, signReceipt } = await import("@/lib/progress/receipts.server");
const { QUIZ_ID, lessonQuiz, newClientKey, rightResponse, wrongResponse } = await import("./quiz-helpers");
const { quizWords } = await import("@/lib/i18n/words/quiz");

const quiz = lessonQuiz();
const SOLUTION = { challengeId: "both-closing", log: [{ at: 50, host: "client", do: "close" }, { at: 50, host: "server", do: "close" }] };
const DAY = 86_400_000;

/** A browser: its own cookie jar, signed out until someone signs in in it. */
function newBrowser() {
  return { jar: new Map<string, string>(), user: null as CurrentUser | null };
}
type Browser = ReturnType<typeof newBrowser>;
async function inBrowser<T>(b: Browser, run: () => Promise<T>): Promise<T> {
  browser.jar = b.jar;
  browser.user = b.user;
  return run();
}

/** A class with a challenge assignment and a quiz assignment, both open, both due `dueInMs` from now. */
async function classWith(students: CurrentUser[], dueInMs: number, latePolicy: "ACCEPT_WITH_PENALTY" | "CLOSE" = "ACCEPT_WITH_PENALTY") {
  const teacher = await createUser({ role: "INSTRUCTOR" });
  const classroom = await db.classroom.create({
    data: { name: "Integrity", joinCode: `I${Math.random().toString(36).slice(2, 9).toUpperCase()}`, inviteToken: `t-${Math.random()}`, instructors: { create: { userId: teacher.id, isOwner: true } } },
  });
  for (const s of students) await db.enrollment.create({ data: { classId: classroom.id, userId: s.id, joinedAt: new Date(Date.now() - 2 * DAY) } });
  const common = { classId: classroom.id, createdById: teacher.id, points: 10, opensAt: new Date(Date.now() - DAY), dueAt: new Date(Date.now() + dueInMs), latePolicy, latePenaltyPercent: 50 };
  const challenge = await db.assignment.create({ data: { ...common, title: "Close both", targetType: "CHALLENGE", targetId: "both-closing" } });
  const quizAssignment = await db.assignment.create({ data: { ...common, title: "Flags quiz", targetType: "QUIZ", targetId: QUIZ_ID } });
  const cell = async (student: CurrentUser, assignmentId: string) => {
    const g = await getGradebook(teacher, classroom.id);
    return g.rows.find((r) => r.student.id === student.id)?.cells.find((c) => c.assignmentId === assignmentId)?.result;
  };
  return { teacher, classroom, challenge, quizAssignment, cell };
}

/** A visitor solves the challenge; the browser keeps the log and the receipt, as local-challenges.ts does. */
async function solveSignedOut(b: Browser) {
  const result = await inBrowser(b, () => submitChallengeAction(SOLUTION));
  if (!(result.ok && result.challenge.reached && result.challenge.receipt)) throw new Error("no receipt");
  return { ...SOLUTION, receipt: result.challenge.receipt };
}

describe("signed-out challenge successes", () => {
  it("cannot be presented from another account in another browser: the late learner does not get a classmate's success", async () => {
    const [ada, ben] = await Promise.all([createUser({ name: "Ada" }), createUser({ name: "Ben" })]);
    const { challenge, cell } = await classWith([ada, ben], -1000);
    const adaBrowser = newBrowser();
    const saved = await solveSignedOut(adaBrowser);
    // Ben copies Ada's localStorage into his browser and signs in there.
    const benBrowser = { ...newBrowser(), user: ben };
    const merged = await inBrowser(benBrowser, () => mergeAnonymousProgressAction({ receipts: [], challenges: [saved] }));
    expect(merged).toMatchObject({ ok: true });
    // The log replays (anyone may redo it), but only as Ben's own work, now: after the due date.
    const result = await cell(ben, challenge.id);
    expect(result).toMatchObject({ status: "late", score: 5 });
    expect(await db.completionEvidence.findFirstOrThrow({ where: { userId: ben.id } })).toMatchObject({ signedOut: false });
  });

  it("are credited once, to the first account signed in from that browser; merging again or into a second account adds nothing", async () => {
    const [first, second] = await Promise.all([createUser(), createUser()]);
    const { challenge, cell } = await classWith([first, second], DAY);
    const shared = newBrowser();
    const saved = await solveSignedOut(shared);
    shared.user = first;
    expect(await inBrowser(shared, () => mergeAnonymousProgressAction({ receipts: [], challenges: [saved] }))).toMatchObject({ ok: true, summary: { challenges: 1, rejected: 0 } });
    expect(await inBrowser(shared, () => mergeAnonymousProgressAction({ receipts: [], challenges: [saved] }))).toMatchObject({ ok: true, summary: { rejected: 1 } });
    expect(await db.completionEvidence.count({ where: { userId: first.id } })).toBe(1);
    expect(await cell(first, challenge.id)).toMatchObject({ status: "submitted", score: 10 });
    // Someone else signs in on the same browser: the receipt is spent.
    shared.user = second;
    const again = await inBrowser(shared, () => mergeAnonymousProgressAction({ receipts: [], challenges: [saved] }));
    expect(again).toMatchObject({ ok: true, summary: { rejected: 1 } });
    expect(await db.completionEvidence.findFirstOrThrow({ where: { userId: second.id } })).toMatchObject({ signedOut: false });
  });

  it("cannot backdate a completion past the due date: merged after it, it is late", async () => {
    const ada = await createUser();
    const { challenge, cell } = await classWith([ada], 2000, "CLOSE");
    const own = newBrowser();
    const saved = await solveSignedOut(own);
    // Solved before the due date, signed up after it.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    own.user = ada;
    await inBrowser(own, () => mergeAnonymousProgressAction({ receipts: [], challenges: [saved] }));
    const evidence = await db.completionEvidence.findFirstOrThrow({ where: { userId: ada.id } });
    expect(evidence.doneAt.getTime()).toBeLessThan(challenge.dueAt.getTime());
    expect(evidence.handedInAt.getTime()).toBeGreaterThan(challenge.dueAt.getTime());
    // Under "close" late work does not count: missing, 0.
    expect(await cell(ada, challenge.id)).toMatchObject({ status: "missing", score: 0 });
  });
});

describe("signed-out quiz answers", () => {
  async function startSignedOut(b: Browser) {
    const clientKey = newClientKey();
    const started = await inBrowser(b, () => startQuizAttemptAction({ quizId: QUIZ_ID, clientKey }));
    if (!started.ok || started.mode !== "anonymous") throw new Error("expected a visitor's attempt");
    return { clientKey, token: started.token, seed: verifyAttemptToken(started.token)!.seed };
  }

  it("count the first answer to a question: re-answering with the same token changes nothing", async () => {
    const visitor = newBrowser();
    const { clientKey, token, seed } = await startSignedOut(visitor);
    const first = await inBrowser(visitor, () => submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token, questionId: "fin-meaning", response: wrongResponse(quiz, seed, "fin-meaning") }));
    const second = await inBrowser(visitor, () => submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") }));
    expect(first).toMatchObject({ ok: true, alreadyAnswered: false, grading: { correct: false } });
    expect(second).toMatchObject({ ok: true, alreadyAnswered: true, grading: { correct: false }, response: wrongResponse(quiz, seed, "fin-meaning") });
    expect(first.ok && second.ok && first.mode === "anonymous" && second.mode === "anonymous" && second.receipt).toBe(first.ok && first.mode === "anonymous" && first.receipt);
  });

  it("merge into one account of the browser that earned them, once; never from another browser", async () => {
    const [owner, copier, later] = await Promise.all([createUser(), createUser(), createUser()]);
    const { quizAssignment, cell } = await classWith([owner, copier, later], DAY);
    const visitor = newBrowser();
    const { clientKey, token, seed } = await startSignedOut(visitor);
    const receipts: string[] = [];
    for (const q of quiz.questions) {
      const answered = await inBrowser(visitor, () => submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token, questionId: q.id, response: rightResponse(quiz, seed, q.id) }));
      if (!answered.ok || answered.mode !== "anonymous") throw new Error("not answered");
      receipts.push(answered.receipt);
    }
    // Copied to another browser and another account: nothing.
    const elsewhere = { ...newBrowser(), user: copier };
    expect(await inBrowser(elsewhere, () => mergeAnonymousProgressAction({ receipts }))).toMatchObject({ ok: true, summary: { answers: 0, otherBrowser: receipts.length } });
    expect(await cell(copier, quizAssignment.id)).toMatchObject({ status: "not-started" });
    // The owner signs in where they answered: credited.
    visitor.user = owner;
    expect(await inBrowser(visitor, () => mergeAnonymousProgressAction({ receipts }))).toMatchObject({ ok: true, summary: { answers: receipts.length } });
    expect(await cell(owner, quizAssignment.id)).toMatchObject({ status: "submitted", score: 10 });
    // Merged twice, or into the next account on that browser: nothing more.
    expect(await inBrowser(visitor, () => mergeAnonymousProgressAction({ receipts }))).toMatchObject({ ok: true, summary: { answers: 0, alreadyUsed: receipts.length } });
    visitor.user = later;
    expect(await inBrowser(visitor, () => mergeAnonymousProgressAction({ receipts }))).toMatchObject({ ok: true, summary: { answers: 0, alreadyUsed: receipts.length } });
    expect(await db.quizAttempt.count({ where: { clientKey } })).toBe(1);
  });

  it("refuse answers for a variant the server never issued, or under a token from another browser", async () => {
    const visitor = newBrowser();
    const { clientKey, token, seed } = await startSignedOut(visitor);
    const payload = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString());
    // Another seed, signed with a key that is not the server's.
    const otherSeed = `${Buffer.from(JSON.stringify({ ...payload, seed: seed ^ 1 })).toString("base64url")}.${token.split(".")[1]}`;
    expect(await inBrowser(visitor, () => submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token: otherSeed, questionId: "fin-meaning", response: rightResponse(quiz, seed ^ 1, "fin-meaning") }))).toEqual({
      ok: false,
      refusal: "unknown-attempt",
      message: quizWords("en").errors["unknown-attempt"],
      at: expect.any(Number),
    });
    // A token genuinely signed for another browser.
    const foreign = signReceipt({ ...payload, v: "A".repeat(22) });
    expect(await inBrowser(visitor, () => submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token: foreign, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") }))).toEqual({
      ok: false,
      refusal: "unknown-attempt",
      message: quizWords("en").errors["unknown-attempt"],
      at: expect.any(Number),
    });
    const thief = newBrowser();
    expect(await inBrowser(thief, () => submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") }))).toEqual({
      ok: false,
      refusal: "unknown-attempt",
      message: quizWords("en").errors["unknown-attempt"],
      at: expect.any(Number),
    });
    expect(await inBrowser(visitor, () => submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token, questionId: "not-a-question", response: { type: "single", optionId: "x" } }))).toEqual({
      ok: false,
      refusal: "unknown-question",
      message: quizWords("en").errors["unknown-question"],
      at: expect.any(Number),
    });
    expect(await db.visitorQuizAnswer.count({ where: { clientKey } })).toBe(0);
  });
});

describe("the visitor cookie", () => {
  it("is set httpOnly by the first signed-out success and kept for the browser's later ones", async () => {
    const b = newBrowser();
    await solveSignedOut(b);
    expect([...b.jar.keys()]).toEqual(["syn-to-fin.visitor"]);
    expect(browser.options.get("syn-to-fin.visitor")).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    const id = b.jar.get("syn-to-fin.visitor");
    await solveSignedOut(b);
    expect(b.jar.get("syn-to-fin.visitor")).toBe(id);
    // The receipt carries a keyed hash of it, never the id itself.
    const receipt = (await solveSignedOut(b)).receipt;
    expect(Buffer.from(receipt.split(".")[0]!, "base64url").toString()).not.toContain(id);
  });
});
