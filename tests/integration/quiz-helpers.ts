import type { QuestionResponse, Quiz } from "@/domain/quiz/schema";
import { resolveQuestion } from "@/domain/quiz/variant";
import { db } from "@/lib/db.server";
import { getQuiz } from "@/lib/quiz/registry.server";
import { keyResponse } from "@/tests/support/quiz-responses";
export { keyResponse };

export const QUIZ_ID = "tcp-header-and-flags";
export const LESSON = "tcp-header-and-flags";

export function lessonQuiz(): Quiz {
  const quiz = getQuiz(QUIZ_ID);
  if (!quiz) throw new Error("lesson 1 quiz is not registered");
  return quiz;
}

/** A response of the right shape that is wrong. */
export function wrongResponse(quiz: Quiz, seed: number, questionId: string): QuestionResponse {
  const question = quiz.questions.find((q) => q.id === questionId)!;
  const key = resolveQuestion(question, seed).answer;
  switch (key.type) {
    case "single":
      return { type: "single", optionId: question.type === "single" ? question.options.find((o) => !o.correct)!.id : "" };
    case "multiple":
      return { type: "multiple", optionIds: [] };
    case "flags":
      return { type: "flags", flags: key.flags.includes("RST") ? ["SYN"] : ["RST"] };
    case "state":
      return { type: "state", state: key.state === "CLOSED" ? "LISTEN" : "CLOSED" };
    case "number":
      return { type: "number", value: (key.value + 12345) % 2 ** 32 };
    case "order":
      return { type: "order", itemIds: [...key.itemIds].reverse() };
    case "match":
      return { type: "match", pairs: {} };
  }
}

export function rightResponse(quiz: Quiz, seed: number, questionId: string): QuestionResponse {
  return keyResponse(resolveQuestion(quiz.questions.find((q) => q.id === questionId)!, seed).answer);
}

export async function seedOf(userId: string, clientKey: string): Promise<number> {
  const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId, clientKey } }, select: { variantSeed: true } });
  return attempt.variantSeed;
}

let counter = 0;
export function newClientKey(): string {
  counter += 1;
  return `key-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
