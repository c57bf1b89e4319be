/**
 * Spaced review without an account, through the Server Actions with each browser's own cookies:
 * the queue comes from this browser's answers, sessions and answers are bound to the browser,
 * and the receipts merge into an account once, from that browser only, without backdating what
 * they complete.
 */
import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session.server";

const browser = vi.hoisted(() => ({ user: null as CurrentUser | null, jar: new Map<string, string>() }));
vi.mock("@/lib/auth/session.server", () => ({
  getCurrentUser: async () => browser.user,
  getSession: async () => ({ user: browser.user, ended: false }),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (browser.jar.has(name) ? { name, value: browser.jar.get(name) } : undefined),
    getAll: () => [...browser.jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void browser.jar.set(name, value),
  }),
  headers: async () => new Headers({ "x-forwarded-for": "192.0.2.7" }),
}));

const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");
const { startQuizAttemptAction, submitQuizAnswerAction } = await import("@/lib/quiz/actions");
const { mergeAnonymousProgressAction } = await import("@/lib/progress/visitor-actions");
const { reviewStatusAction, startReviewAction, submitReviewAction } = await import("@/lib/review/actions");
const { verifyReceipt, signReceipt } = await import("@/lib/progress/receipts.server");
const { getQuiz } = await import("@/lib/quiz/registry.server");
const { resolveQuestion } = await import("@/domain/quiz/variant");
const { replayCard } = await import("@/domain/review/schedule");
const { keyResponse } = await import("@/tests/support/quiz-responses");
const { gradeForStudent } = await import("@/lib/gradebook/grade.server");
const { newClientKey, wrongResponse } = await import("./quiz-helpers");
const { reviewWords } = await import("@/lib/i18n/words/review");

const quiz = getQuiz("time-wait")!;
const DAY = 86_400_000;

function newBrowser() {
  return { jar: new Map<string, string>(), user: null as CurrentUser | null, receipts: [] as string[] };
}
type Browser = ReturnType<typeof newBrowser>;
async function inBrowser<T>(b: Browser, run: () => Promise<T>): Promise<T> {
  browser.jar = b.jar;
  browser.user = b.user;
  return run();
}

/** A visitor takes the time-wait quiz, missing the questions named; the browser keeps the receipts. */
async function quizSignedOut(b: Browser, missed: readonly string[]) {
  const clientKey = newClientKey();
  const started = await inBrowser(b, () => startQuizAttemptAction({ quizId: quiz.id, clientKey }));
  if (!started.ok || started.mode !== "anonymous") throw new Error("no anonymous attempt");
  const seed = verifyReceipt(started.token)!.k === "attempt" ? (verifyReceipt(started.token) as { seed: number }).seed : 0;
  for (const question of quiz.questions) {
    const response = missed.includes(question.id) ? wrongResponse(quiz, seed, question.id) : keyResponse(resolveQuestion(question, seed).answer);
    const answered = await inBrowser(b, () => submitQuizAnswerAction({ quizId: quiz.id, clientKey, token: started.token, questionId: question.id, response }));
    if (!answered.ok || answered.mode !== "anonymous") throw new Error("not graded");
    b.receipts.push(answered.receipt);
  }
}

/** The response to a review item: right or wrong, from the session token's seed and items. */
function itemResponse(token: string, index: number, right: boolean) {
  const session = verifyReceipt(token) as { k: "review-session"; seed: number; items: string[] };
  const [, question] = session.items[index]!.split("|");
  const [quizId, questionId] = question!.split("/");
  const source = getQuiz(quizId!)!;
  const q = source.questions.find((x) => x.id === questionId)!;
  return right ? keyResponse(resolveQuestion(q, session.seed).answer) : wrongResponse(source, session.seed, questionId!);
}

async function reviewSignedOut(b: Browser, right: (index: number) => boolean) {
  const clientKey = newClientKey();
  const started = await inBrowser(b, () => startReviewAction({ clientKey }));
  if (!started.ok || !started.token) throw new Error(`no session: ${JSON.stringify(started)}`);
  for (let index = 0; index < started.items.length; index++) {
    const answered = await inBrowser(b, () => submitReviewAction({ clientKey, index, response: itemResponse(started.token!, index, right(index)), token: started.token }));
    if (!answered.ok || !answered.receipt) throw new Error(`not graded: ${JSON.stringify(answered)}`);
    b.receipts.push(answered.receipt);
  }
  return { clientKey, started };
}

describe("spaced review without an account", () => {
  it("queues this browser's misses, reviews them with receipts, and merges them into the account signed in here, once", async () => {
    const visitor = newBrowser();
    const empty = await inBrowser(visitor, () => reviewStatusAction({}));
    expect(empty).toEqual({ ok: true, mode: "visitor", due: 0, queued: 0, nextDueAt: null });

    await quizSignedOut(visitor, ["who-enters", "rfc-msl"]);
    // Missed just now: due tomorrow, nothing to review yet. Two of the first three answers right
    // makes the concept shaky too: the two questions and the concept are queued.
    const queued = await inBrowser(visitor, () => reviewStatusAction({}));
    expect(queued).toMatchObject({ ok: true, mode: "visitor", due: 0, queued: 3 });
    expect(new Date((queued as { nextDueAt: string }).nextDueAt).getTime()).toBeGreaterThan(Date.now() + DAY - 60_000);
    expect(await inBrowser(visitor, () => startReviewAction({ clientKey: newClientKey() }))).toMatchObject({ ok: false, refusal: "nothing-due", message: reviewWords("en").review.errors["nothing-due"] });

    // Three days pass (the concept, rated hard, waits longer than the missed questions).
    for (const row of await db.visitorQuizAnswer.findMany({ select: { id: true, answeredAt: true } })) {
      await db.visitorQuizAnswer.update({ where: { id: row.id }, data: { answeredAt: new Date(row.answeredAt.getTime() - 3 * DAY) } });
    }
    expect(await inBrowser(visitor, () => reviewStatusAction({}))).toMatchObject({ due: 3 });
    const { clientKey, started } = await reviewSignedOut(visitor, () => true);
    expect(started.items.map((i) => i.kind).sort()).toEqual(["concept", "question", "question"]);
    expect(JSON.stringify(started.items)).not.toMatch(/"correct"|"explanation"|"feedback"/);
    // Answered well: not due again tomorrow.
    expect(await inBrowser(visitor, () => reviewStatusAction({}))).toMatchObject({ due: 0, queued: 3 });
    // A second answer to an item gets the first one back, and no second receipt id.
    const again = await inBrowser(visitor, () => submitReviewAction({ clientKey, index: 0, response: itemResponse(started.token!, 0, false), token: started.token }));
    expect(again.ok && again.item.response).toEqual(itemResponse(started.token!, 0, true));
    expect(again.ok && again.item.grading.correct).toBe(true);
    expect(verifyReceipt(again.ok ? again.receipt : "")?.k).toBe("review");

    // The session and its receipts are this browser's: another browser can neither answer nor merge them.
    const thief = newBrowser();
    expect(await inBrowser(thief, () => submitReviewAction({ clientKey, index: 1, response: itemResponse(started.token!, 1, true), token: started.token }))).toMatchObject({
      ok: false,
      refusal: "unknown-session",
      message: reviewWords("en").review.errors["unknown-session"],
    });
    const mallory = await createUser();
    thief.user = mallory;
    const stolen = await inBrowser(thief, () => mergeAnonymousProgressAction({ receipts: visitor.receipts }));
    expect(stolen).toMatchObject({ ok: true, summary: { reviews: 0, answers: 0, otherBrowser: visitor.receipts.length } });
    expect(await db.reviewCard.count({ where: { userId: mallory.id } })).toBe(0);

    // Signing up in the visitor's own browser merges everything, the reviews at the times they were given.
    const ada = await createUser();
    visitor.user = ada;
    const merged = await inBrowser(visitor, () => mergeAnonymousProgressAction({ receipts: visitor.receipts }));
    expect(merged).toMatchObject({ ok: true, summary: { reviews: 3, answers: quiz.questions.length, rejected: 0 } });
    const cards = await db.reviewCard.findMany({ where: { userId: ada.id }, orderBy: { itemKey: "asc" } });
    expect(cards.map((c) => c.itemKey)).toEqual(["c:time-wait", "q:time-wait/rfc-msl", "q:time-wait/who-enters"]);
    for (const card of cards.filter((c) => c.itemKey.startsWith("q:"))) {
      const events = await db.reviewEvent.findMany({ where: { userId: ada.id, itemKey: card.itemKey }, orderBy: { reviewedAt: "asc" } });
      expect(events.map((e) => [e.source, e.rating])).toEqual([
        ["quiz", "again"],
        ["review", "good"],
      ]);
      expect(replayCard(events.map((e) => ({ at: e.reviewedAt, rating: e.rating as "again" | "good" })))).toMatchObject({ due: card.due, reps: 2 });
    }
    const reviewAnswers = await db.quizAnswer.findMany({ where: { attempt: { userId: ada.id, quizId: "review:session" } } });
    expect(reviewAnswers).toHaveLength(3);
    const stored = await db.visitorQuizAnswer.findMany({ where: { clientKey } });
    expect(reviewAnswers.map((a) => a.answeredAt.getTime()).sort()).toEqual(stored.map((s) => s.answeredAt.getTime()).sort());
    // Once merged, the receipts are spent: a second merge, into any account, adds nothing.
    expect(await inBrowser(visitor, () => mergeAnonymousProgressAction({ receipts: visitor.receipts }))).toMatchObject({ summary: { reviews: 0, alreadyUsed: visitor.receipts.length } });
    // ... and the visitor's own queue no longer holds what the account now has.
    visitor.user = null;
    expect(await inBrowser(visitor, () => reviewStatusAction({}))).toMatchObject({ queued: 0 });
  });

  it("refuses forged and edited review receipts", async () => {
    const visitor = newBrowser();
    await quizSignedOut(visitor, ["who-enters"]);
    for (const row of await db.visitorQuizAnswer.findMany({ select: { id: true, answeredAt: true } })) {
      await db.visitorQuizAnswer.update({ where: { id: row.id }, data: { answeredAt: new Date(row.answeredAt.getTime() - 2 * DAY) } });
    }
    await reviewSignedOut(visitor, () => false);
    const receipt = verifyReceipt(visitor.receipts.at(-1)) as Extract<NonNullable<ReturnType<typeof verifyReceipt>>, { k: "review" }>;
    expect(receipt.k).toBe("review");
    const [payload, signature] = visitor.receipts.at(-1)!.split(".");
    // The answer changed to "unsure" in the payload, the signature kept; a receipt for a row that does not exist; a truncated one.
    const edited = `${Buffer.from(JSON.stringify({ ...receipt, unsure: !receipt.unsure })).toString("base64url")}.${signature}`;
    const invented = signReceipt({ ...receipt, id: "AAAAAAAAAAAAAAAAAAAAAA" });
    visitor.user = await createUser();
    const merged = await inBrowser(visitor, () => mergeAnonymousProgressAction({ receipts: [edited, invented, `${payload}.`] }));
    expect(merged).toMatchObject({ ok: true, summary: { reviews: 0, rejected: 3 } });
  });
});

describe("review until mastered, from signed-out answers", () => {
  it("is handed in when the merge proves it, never earlier, with the work dated when it was done", async () => {
    const visitor = newBrowser();
    const ben = await createUser();
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const classroom = await db.classroom.create({
      data: { name: "Review", joinCode: `R${Math.random().toString(36).slice(2, 9).toUpperCase()}`, inviteToken: `t-${Math.random()}`, instructors: { create: { userId: teacher.id, isOwner: true } } },
    });
    await db.enrollment.create({ data: { classId: classroom.id, userId: ben.id, joinedAt: new Date(Date.now() - 5 * DAY) } });
    const assignment = await db.assignment.create({
      data: { classId: classroom.id, createdById: teacher.id, title: "Master TIME-WAIT", targetType: "REVIEW", targetId: "time-wait", points: 10, opensAt: new Date(Date.now() - 4 * DAY), dueAt: new Date(Date.now() - DAY) },
    });
    // Ben answers every time-wait question right, signed out, before the due date...
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - 2 * DAY));
    try {
      await quizSignedOut(visitor, []);
    } finally {
      vi.useRealTimers();
    }
    // ... and signs in after it.
    visitor.user = ben;
    await inBrowser(visitor, () => mergeAnonymousProgressAction({ receipts: visitor.receipts }));
    const evidence = await db.completionEvidence.findFirstOrThrow({ where: { userId: ben.id, targetType: "REVIEW", targetId: "time-wait" } });
    expect(evidence.signedOut).toBe(true);
    expect(evidence.doneAt.getTime()).toBeLessThan(Date.now() - DAY);
    expect(evidence.handedInAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const grade = await gradeForStudent(assignment.id, ben.id);
    // Done before the due date, handed in after it: late, as for any receipt (ADR 0402).
    expect(grade).toMatchObject({ status: "late", pointsGiven: 10, evidence: [expect.objectContaining({ kind: "review-mastery", counts: true, late: true })] });
  });
});
