"use server";

import { headers } from "next/headers";
import {
  gradeLabPrediction,
  gradeStepPrediction,
  labPredictionSchema,
  stepPredictionSchema,
  type PredictionGrade,
} from "@/domain/simulator/predict";
import type { Concept } from "@/domain/quiz/schema";
import type { Locale } from "@/domain/locale";
import { getCurrentUser } from "@/lib/auth/session.server";
import { inputLanguage, invalidRequest, refused, type ActionResult } from "@/lib/http/action-result";
import { actionWords } from "@/lib/i18n/words/actions";
import { recordPrediction } from "@/lib/practice/predictions.server";
import { clientAddress } from "@/lib/security/client-address";
import { hitRateLimit } from "@/lib/security/rate-limit.server";

/**
 * Prediction Server Actions (the one action pattern, ADR 1310): the prediction, with the page's
 * `locale` in it (ADR 1380), is checked, graded by replaying the run on the server and, for a
 * signed-in learner, counted toward mastery. Signed out, it is graded and nothing is stored.
 */

/** Why a prediction was not graded: an answer the question does not offer, no such question, or too many in a minute. */
export type PredictionRefusal = "invalid" | "no-question" | "rate-limited";

export type PredictionResult = ActionResult<
  {
    /** Whether this answer is right (what counts toward mastery is the first answer to a question). */
    correct: boolean;
    /** What actually happens, as the question's options name it. */
    truth: string;
    concept: Concept;
    /** new / existing: counted toward the signed-in learner's mastery (existing: answered before). */
    stored: "new" | "existing" | "signed-out";
  },
  PredictionRefusal
>;

/** Each grading replays a run: a learner gets plenty, a script gets throttled. */
const PREDICTIONS_PER_MINUTE = 120;

const predictionRefusal = (locale: Locale, reason: PredictionRefusal) => refused(reason, actionWords(locale).predictionRefusals[reason]);

async function finish(grade: PredictionGrade, locale: Locale): Promise<PredictionResult> {
  if (!grade.ok) return predictionRefusal(locale, grade.error);
  const user = await getCurrentUser();
  const result = { ok: true as const, correct: grade.correct, truth: grade.truth, concept: grade.concept };
  if (user === null) return { ...result, stored: "signed-out" };
  const recorded = await recordPrediction(user, grade);
  return { ...result, stored: recorded.stored };
}

async function allowed(): Promise<boolean> {
  const user = await getCurrentUser();
  const who = user ? `user:${user.id}` : `ip:${clientAddress(await headers())}`;
  return (await hitRateLimit(`predict:${who}`, { limit: PREDICTIONS_PER_MINUTE, windowMs: 60_000 })).allowed;
}

/** Grades a prediction about the simulator's next step by replaying the run on the server. */
export async function predictStepAction(raw: unknown): Promise<PredictionResult> {
  const parsed = stepPredictionSchema.safeParse(raw);
  if (!parsed.success) return invalidRequest(inputLanguage(raw));
  if (!(await allowed())) return predictionRefusal(parsed.data.locale, "rate-limited");
  return finish(gradeStepPrediction(parsed.data), parsed.data.locale);
}

/** Grades a prediction about a lab's result by running the lab on the server. */
export async function predictLabAction(raw: unknown): Promise<PredictionResult> {
  const parsed = labPredictionSchema.safeParse(raw);
  if (!parsed.success) return invalidRequest(inputLanguage(raw));
  if (!(await allowed())) return predictionRefusal(parsed.data.locale, "rate-limited");
  return finish(gradeLabPrediction(parsed.data), parsed.data.locale);
}
