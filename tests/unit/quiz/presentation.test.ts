/**
 * Stored answers as instructors read them: the question of the attempt's own variant (numbers
 * filled in, never `{clientIsn}`), responses and right answers in the quiz's words, and the same
 * numeric mistake recognised across variants.
 */
import { describe, expect, it } from "vitest";
import { resolveQuestion } from "@/domain/quiz/variant";
import { describeMistake, mistakeKey, presentAnswer } from "@/lib/quiz/presentation.server";
import { getQuiz } from "@/lib/quiz/registry.server";

const QUIZ = "tcp-header-and-flags";
const answerOf = (seed: number) => {
  const question = getQuiz(QUIZ)!.questions.find((q) => q.id === "synack-ack-number")!;
  const resolved = resolveQuestion(question, seed);
  if (resolved.answer.type !== "number") throw new Error("expected a number question");
  return { value: resolved.answer.value, isn: resolved.variables.clientIsn as number };
};

describe("answers as the learner saw them", () => {
  it("fills the attempt's numbers into the question and never shows a placeholder", () => {
    const seed = 12345;
    const { value, isn } = answerOf(seed);
    const presented = presentAnswer(QUIZ, "synack-ack-number", seed, JSON.stringify({ type: "number", value: value - 1 }));
    expect(presented?.prompt).toContain(String(isn));
    expect(presented?.prompt).not.toMatch(/\{\w+\}/);
    expect(presented).toMatchObject({ response: String(value - 1), rightAnswer: String(value) });
  });

  it("describes choices, flags and unreadable responses in words", () => {
    expect(presentAnswer(QUIZ, "syn-without-ack", 1, JSON.stringify({ type: "single", optionId: "connection-acceptance" }))).toMatchObject({
      prompt: "A segment arrives with SYN set and ACK clear. What is it?",
      response: "The server accepting a connection",
      rightAnswer: "A connection request from the side that opens the connection",
    });
    const flags = presentAnswer(QUIZ, "flags-syn-ack", 1, JSON.stringify({ type: "flags", flags: ["SYN"] }));
    expect(flags).toMatchObject({ response: "SYN", rightAnswer: "SYN+ACK" });
    expect(flags?.prompt).toContain("Build the server's reply");
    expect(presentAnswer(QUIZ, "syn-without-ack", 1, "not json")?.response).toBe("not json");
    expect(presentAnswer(QUIZ, "no-such-question", 1, "{}")).toBeNull();
  });

  it("groups the same numeric mistake across variants by its distance from the right value", () => {
    const a = answerOf(1);
    const b = answerOf(2);
    expect(a.value).not.toBe(b.value);
    const keyA = mistakeKey(QUIZ, "synack-ack-number", 1, JSON.stringify({ type: "number", value: a.value - 1 }));
    const keyB = mistakeKey(QUIZ, "synack-ack-number", 2, JSON.stringify({ type: "number", value: b.value - 1 }));
    expect(keyA).toBe("offset:-1");
    expect(keyB).toBe(keyA);
    expect(describeMistake(QUIZ, "synack-ack-number", keyA, { seed: 1, response: JSON.stringify({ type: "number", value: a.value - 1 }) })).toBe(
      `1 less than the right value (e.g. ${a.value - 1} where ${a.value} was right)`,
    );
    expect(mistakeKey(QUIZ, "syn-without-ack", 1, '{"type":"single","optionId":"x"}')).toBe('{"type":"single","optionId":"x"}');
  });
});
