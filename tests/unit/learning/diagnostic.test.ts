import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_SIZE, diagnosticQuestions } from "@/domain/learning/diagnostic";
import { listQuizzes } from "@/lib/quiz/registry.server";

describe("a lesson's diagnostic", () => {
  const quizzes = listQuizzes();

  it("covers every concept of the lesson's quiz, with at most five questions, in the quiz's order", () => {
    for (const quiz of quizzes) {
      const questions = diagnosticQuestions(quiz);
      const concepts = new Set(quiz.questions.map((q) => q.concept));
      expect(questions.length, quiz.id).toBe(Math.min(DIAGNOSTIC_SIZE, quiz.questions.length));
      for (const concept of [...concepts].slice(0, DIAGNOSTIC_SIZE)) expect(questions.some((q) => q.concept === concept), `${quiz.id} ${concept}`).toBe(true);
      const positions = questions.map((q) => quiz.questions.indexOf(q));
      expect(positions, quiz.id).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    }
  });

  it("prefers questions whose variants really change (generated numbers and scenarios)", () => {
    for (const quiz of quizzes) {
      const generated = quiz.questions.filter((q) => q.type === "number" || (q.type === "state" && q.source.kind === "generator"));
      const chosen = diagnosticQuestions(quiz);
      for (const concept of new Set(generated.map((q) => q.concept))) {
        expect(chosen.some((q) => q.concept === concept && generated.includes(q)), `${quiz.id} ${concept}`).toBe(true);
      }
    }
  });

  it("is the same every time for the same quiz (before and after ask the same questions)", () => {
    for (const quiz of quizzes) expect(diagnosticQuestions(quiz).map((q) => q.id)).toEqual(diagnosticQuestions(quiz).map((q) => q.id));
  });

  it("varies question types within a concept before repeating one", () => {
    const quiz = quizzes.find((q) => q.id === "tcp-header-and-flags")!;
    const flags = diagnosticQuestions(quiz).filter((q) => q.concept === "flags");
    expect(new Set(flags.map((q) => q.type)).size).toBe(flags.length);
  });
});
