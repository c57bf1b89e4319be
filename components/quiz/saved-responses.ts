/**
 * A visitor's own responses in the current attempt of each quiz, kept in this browser beside
 * the signed receipts (lib/progress/local-progress.ts). Receipts are the record that is merged
 * into an account; these only let the server grade the answers again in another language when
 * the visitor switches language mid-attempt. Tolerates storage being unavailable.
 */
import type { QuestionResponse } from "@/domain/quiz/schema";

type Saved = { clientKey: string; responses: Record<string, QuestionResponse> };

const key = (quizId: string) => `syn-to-fin:quiz-responses:v1:${quizId}`;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The responses saved for this attempt (another attempt's are ignored). */
export function loadResponses(quizId: string, clientKey: string): Record<string, QuestionResponse> {
  try {
    const saved = JSON.parse(storage()?.getItem(key(quizId)) ?? "null") as Saved | null;
    return saved && saved.clientKey === clientKey && saved.responses && typeof saved.responses === "object" ? saved.responses : {};
  } catch {
    return {};
  }
}

export function saveResponse(quizId: string, clientKey: string, questionId: string, response: QuestionResponse) {
  try {
    const responses = { ...loadResponses(quizId, clientKey), [questionId]: response };
    storage()?.setItem(key(quizId), JSON.stringify({ clientKey, responses } satisfies Saved));
  } catch {
    // Full or disabled storage: the answers are still graded; only a later language switch loses them.
  }
}
