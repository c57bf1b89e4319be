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
import { getCurrentUser } from "@/lib/auth/session.server";
import { recordPrediction } from "@/lib/practice/predictions.server";
import { clientAddress } from "@/lib/security/client-address";
import { hitRateLimit } from "@/lib/security/rate-limit.server";

export type PredictionResult =
  | {
      ok: true;
      /** Whether this answer is right (what counts toward mastery is the first answer to a question). */
      correct: boolean;
      /** What actually happens, as the question's options name it. */
      truth: string;
      concept: Concept;
      /** new / existing: counted toward the signed-in learner's mastery (existing: answered before). */
      stored: "new" | "existing" | "signed-out";
    }
  | { ok: false; error: "invalid" | "no-question" | "rate-limited" };

/** Each grading replays a run: a learner gets plenty, a script gets throttled. */
const PREDICTIONS_PER_MINUTE = 120;

async function finish(grade: PredictionGrade): Promise<PredictionResult> {
  if (!grade.ok) return grade;
  const user = await getCurrentUser();
  const result = { ok: true as const, correct: grade.correct, truth: grade.truth, concept: grade.concept };
  if (user === null) return { ...result, stored: "signed-out" };
  const recorded = await recordPrediction(user.id, grade);
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
  if (!parsed.success) return { ok: false, error: "invalid" };
  if (!(await allowed())) return { ok: false, error: "rate-limited" };
  return finish(gradeStepPrediction(parsed.data));
}

/** Grades a prediction about a lab's result by running the lab on the server. */
export async function predictLabAction(raw: unknown): Promise<PredictionResult> {
  const parsed = labPredictionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid" };
  if (!(await allowed())) return { ok: false, error: "rate-limited" };
  return finish(gradeLabPrediction(parsed.data));
}
