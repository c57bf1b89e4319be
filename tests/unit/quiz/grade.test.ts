import { describe, expect, it } from "vitest";
import { gradeQuestion } from "@/domain/quiz/grade";
import type { QuestionResponse } from "@/domain/quiz/schema";
import { resolveQuestion, type ResolvedQuestion } from "@/domain/quiz/variant";
import { sampleQuestions, sampleQuiz } from "./fixtures";

const quiz = sampleQuiz();
const resolved = (id: string, seed = 11): ResolvedQuestion => resolveQuestion(quiz.questions.find((q) => q.id === id)!, seed);

function grade(id: string, response: QuestionResponse, seed = 11) {
  const result = gradeQuestion(resolved(id, seed), response);
  if (!result.ok) throw new Error(result.error);
  return result.grading;
}

describe("graders", () => {
  it("single: the chosen option's feedback, its misconception, the explanation and the key", () => {
    expect(grade("single-q", { type: "single", optionId: "opt-syn" })).toEqual({
      questionId: "single-q",
      concept: "flags",
      correct: true,
      points: 1,
      maxPoints: 1,
      feedback: ["FEEDBACK-syn-right"],
      misconceptions: [],
      explanation: "EXPLAIN-single: SYN synchronises sequence numbers.",
      answer: { type: "single", optionId: "opt-syn" },
    });
    expect(grade("single-q", { type: "single", optionId: "opt-fin" })).toMatchObject({
      correct: false,
      points: 0,
      feedback: ["FEEDBACK-fin-wrong"],
      misconceptions: ["confuses-syn-with-fin"],
    });
  });

  it("multiple: right only with exactly the correct set; misses and wrong picks both count", () => {
    expect(grade("multiple-q", { type: "multiple", optionIds: ["fin", "syn-ack"] }).correct).toBe(true);
    const missed = grade("multiple-q", { type: "multiple", optionIds: ["fin"] });
    expect(missed).toMatchObject({ correct: false, misconceptions: ["thinks-synack-has-no-ack"] });
    expect(missed.feedback).toEqual(["FEEDBACK-syn-ack", "FEEDBACK-fin"]);
    const extra = grade("multiple-q", { type: "multiple", optionIds: ["first-syn", "syn-ack", "fin"] });
    expect(extra).toMatchObject({ correct: false, misconceptions: ["thinks-first-syn-carries-ack"] });
    expect(grade("multiple-q", { type: "multiple", optionIds: [] }).correct).toBe(false);
  });

  it("flags: feedback per wrong bit, in both directions", () => {
    expect(grade("flags-q", { type: "flags", flags: ["ACK", "SYN"] }).correct).toBe(true);
    expect(grade("flags-q", { type: "flags", flags: ["SYN", "RST"] })).toMatchObject({
      correct: false,
      feedback: ["FEEDBACK-bit-ack", "FEEDBACK-bit-rst"],
      misconceptions: ["thinks-synack-has-no-ack", "thinks-listening-port-resets"],
      answer: { type: "flags", flags: ["SYN", "ACK"] },
    });
  });

  it("order: specific mistakes first, the general misconception otherwise", () => {
    const key = ["client-fin", "server-ack", "server-fin", "client-ack"];
    expect(grade("order-q", { type: "order", itemIds: key }).correct).toBe(true);
    expect(grade("order-q", { type: "order", itemIds: ["client-fin", "server-fin", "server-ack", "client-ack"] })).toMatchObject({
      correct: false,
      feedback: ["FEEDBACK-order-fin-first"],
      misconceptions: ["thinks-passive-closer-sends-fin-first"],
    });
    expect(grade("order-q", { type: "order", itemIds: ["server-ack", "client-fin", "server-fin", "client-ack"] })).toMatchObject({
      correct: false,
      feedback: [],
      misconceptions: ["misorders-teardown"],
    });
  });

  it("match: each wrong pair names the right one; a distractor brings its own misconception", () => {
    expect(grade("match-q", { type: "match", pairs: { "fin-timeout": "orphan-fin-wait-2", "tw-reuse": "reuse-outgoing" } }).correct).toBe(true);
    const wrong = grade("match-q", { type: "match", pairs: { "fin-timeout": "time-wait-length", "tw-reuse": "reuse-outgoing" } });
    expect(wrong).toMatchObject({ correct: false, misconceptions: ["thinks-time-wait-length-is-tunable"] });
    expect(wrong.feedback).toEqual(["tcp_fin_timeout: Orphaned FIN-WAIT-2 lifetime."]);
    const unmatched = grade("match-q", { type: "match", pairs: { "tw-reuse": "reuse-outgoing" } });
    expect(unmatched).toMatchObject({ correct: false, misconceptions: ["thinks-fin-timeout-sets-time-wait"] });
  });

  it("number: exact value; offsets recognised modulo 2^32; placeholders filled", () => {
    const question = resolved("number-q");
    const answer = question.answer.type === "number" ? question.answer.value : -1;
    const right = grade("number-q", { type: "number", value: answer });
    expect(right).toMatchObject({ correct: true, explanation: `EXPLAIN-number ${answer}` });
    const offByOne = grade("number-q", { type: "number", value: (answer - 1 + 2 ** 32) % 2 ** 32 });
    expect(offByOne).toMatchObject({ correct: false, misconceptions: ["thinks-ack-names-last-byte-received"], feedback: [`FEEDBACK-off-by-one ${answer}`] });
    expect(grade("number-q", { type: "number", value: (answer + 7) % 2 ** 32 })).toMatchObject({ correct: false, feedback: [], misconceptions: ["miscounts-sequence-space"] });
  });

  it("number: a fresh variant per seed, graded against its own answer", () => {
    const a = resolved("number-q", 1);
    const b = resolved("number-q", 2);
    expect(a.answer).not.toEqual(b.answer);
    const value = a.answer.type === "number" ? a.answer.value : 0;
    expect(gradeQuestion(a, { type: "number", value })).toMatchObject({ ok: true, grading: { correct: true } });
    expect(gradeQuestion(b, { type: "number", value })).toMatchObject({ ok: true, grading: { correct: false } });
  });

  it("state: the engine's state is right; specific feedback for known confusions", () => {
    expect(grade("state-q", { type: "state", state: "CLOSE-WAIT" })).toMatchObject({ correct: true, explanation: "EXPLAIN-state CLOSE-WAIT" });
    expect(grade("state-q", { type: "state", state: "FIN-WAIT-1" })).toMatchObject({
      correct: false,
      feedback: ["FEEDBACK-state-fin-wait-1"],
      misconceptions: ["thinks-fin-receiver-enters-fin-wait"],
    });
    expect(grade("state-q", { type: "state", state: "LAST-ACK" })).toMatchObject({ correct: false, misconceptions: ["confuses-teardown-states"] });
  });

  it("refuses responses that do not fit the question", () => {
    expect(gradeQuestion(resolved("single-q"), { type: "flags", flags: [] })).toEqual({ ok: false, error: "wrong-type" });
    expect(gradeQuestion(resolved("single-q"), { type: "single", optionId: "nope" })).toEqual({ ok: false, error: "invalid-response" });
    expect(gradeQuestion(resolved("multiple-q"), { type: "multiple", optionIds: ["fin", "fin"] })).toEqual({ ok: false, error: "invalid-response" });
    expect(gradeQuestion(resolved("order-q"), { type: "order", itemIds: ["client-fin", "server-ack"] })).toEqual({ ok: false, error: "invalid-response" });
    expect(gradeQuestion(resolved("order-q"), { type: "order", itemIds: ["client-fin", "client-fin", "server-fin", "client-ack"] })).toEqual({
      ok: false,
      error: "invalid-response",
    });
    expect(gradeQuestion(resolved("match-q"), { type: "match", pairs: { "fin-timeout": "nope" } })).toEqual({ ok: false, error: "invalid-response" });
    expect(gradeQuestion(resolved("match-q"), { type: "match", pairs: { nope: "reuse-outgoing" } })).toEqual({ ok: false, error: "invalid-response" });
  });

  it("grades the same response the same way every time (regrading a stored answer is exact)", () => {
    for (const question of Object.values(sampleQuestions)) {
      const first = resolveQuestion(quiz.questions.find((q) => q.id === question.id)!, 99);
      const again = resolveQuestion(quiz.questions.find((q) => q.id === question.id)!, 99);
      expect(again).toEqual(first);
    }
  });
});
