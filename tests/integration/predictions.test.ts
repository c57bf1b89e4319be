/**
 * "Predict, then run" answers on a real database: graded by the server's replay, stored once per
 * question as practice answers, counted by mastery, invisible to quiz scores and completion.
 */
import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session.server";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session.server", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.77" }) }));

const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");
const { predictLabAction, predictStepAction } = await import("@/lib/practice/actions");
const { PRACTICE_QUIZ_ID } = await import("@/lib/practice/predictions.server");
const { getLearnerDashboard } = await import("@/lib/dashboard/learner-dashboard.server");
const { listQuizStats } = await import("@/lib/quiz/attempts.server");
const { DEFAULT_SETTINGS } = await import("@/domain/simulator/session");
const { DEFAULT_TIME_WAIT_INPUT } = await import("@/domain/simulator/labs");

const { actionWords } = await import("@/lib/i18n/words/actions");

/** Arguments of the wrong shape (ADR 1310), and a refusal with its reason and words. */
const INVALID = { ok: false, message: actionWords("en").invalidRequest, at: expect.any(Number) };
const refusedFor = (refusal: "invalid" | "no-question") => ({ ok: false, refusal, message: actionWords("en").predictionRefusals[refusal], at: expect.any(Number) });
const question = { settings: { ...DEFAULT_SETTINGS, preset: "three-way-handshake" }, actions: [], cursor: 2, kind: "state", host: "server" };
const answersOf = (userId: string) => db.quizAnswer.findMany({ where: { attempt: { userId } }, include: { attempt: { select: { quizId: true, submittedAt: true } } } });

describe("predictions", () => {
  it("a signed-in learner's prediction is graded by replay and stored as a practice answer", async () => {
    const user = await createUser();
    session.user = user;
    const result = await predictStepAction({ ...question, answer: "SYN-RECEIVED" });
    expect(result).toEqual({ ok: true, correct: true, truth: "SYN-RECEIVED", concept: "handshake-states", stored: "new" });
    const answers = await answersOf(user.id);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ concept: "handshake-states", correct: true, points: 1, attempt: { quizId: PRACTICE_QUIZ_ID, submittedAt: null } });
    expect(answers[0]?.questionId).toMatch(/^step:/);
  });

  it("the same question counts once: the first answer stands, concurrent answers too", async () => {
    const user = await createUser();
    session.user = user;
    const results = await Promise.all([
      predictStepAction({ ...question, answer: "LISTEN" }),
      predictStepAction({ ...question, answer: "LISTEN" }),
      predictStepAction({ ...question, answer: "LISTEN" }),
    ]);
    expect(results.filter((result) => result.ok && result.stored === "new")).toHaveLength(1);
    const again = await predictStepAction({ ...question, answer: "SYN-RECEIVED" });
    expect(again).toMatchObject({ ok: true, correct: true, stored: "existing" });
    const answers = await answersOf(user.id);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.correct).toBe(false);
  });

  it("counts toward mastery, but not as a quiz: no quiz stats, no completion", async () => {
    const user = await createUser();
    session.user = user;
    for (const cursor of [0, 1, 2]) {
      const run = await predictStepAction({ ...question, cursor, host: cursor === 1 ? "client" : "server", answer: ["LISTEN", "SYN-SENT", "SYN-RECEIVED"][cursor] });
      expect(run).toMatchObject({ ok: true, correct: true });
    }
    const dashboard = await getLearnerDashboard(user);
    expect(dashboard.mastery.find((concept) => concept.concept === "handshake-states")).toMatchObject({ answered: 3, level: "mastered" });
    expect(await listQuizStats(user)).toEqual([]);
    expect(dashboard.recent.some((item) => item.kind === "quiz-finished")).toBe(false);
  });

  it("lab predictions are graded by running the lab and stored under their concept", async () => {
    const user = await createUser();
    session.user = user;
    expect(await predictLabAction({ lab: "timewait", input: DEFAULT_TIME_WAIT_INPUT, answer: "no" })).toEqual({
      ok: true,
      correct: false,
      truth: "yes",
      concept: "time-wait",
      stored: "new",
    });
    expect((await answersOf(user.id)).map((answer) => [answer.concept, answer.correct])).toEqual([["time-wait", false]]);
  });

  it("a visitor's prediction is graded but stores nothing", async () => {
    session.user = null;
    const before = await db.quizAnswer.count();
    expect(await predictStepAction({ ...question, answer: "SYN-RECEIVED" })).toMatchObject({ ok: true, correct: true, stored: "signed-out" });
    expect(await db.quizAnswer.count()).toBe(before);
  });

  it("refuses forged or malformed input and stores nothing", async () => {
    const user = await createUser();
    session.user = user;
    expect(await predictStepAction({ ...question, answer: "SYN-RECEIVED", correct: true })).toEqual(INVALID);
    expect(await predictStepAction({ ...question, answer: "NOT-A-STATE" })).toEqual(refusedFor("invalid"));
    expect(await predictStepAction({ ...question, kind: "segment", answer: "SYN-ACK" })).toEqual(refusedFor("no-question"));
    expect(await predictStepAction("nonsense")).toEqual(INVALID);
    expect(await predictLabAction({ lab: "timewait", input: { ...DEFAULT_TIME_WAIT_INPUT, requestsPerSecond: -5 }, answer: "yes" })).toEqual(INVALID);
    expect(await answersOf(user.id)).toEqual([]);
  });
});
