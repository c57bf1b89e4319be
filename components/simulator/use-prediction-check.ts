"use client";

import { useState, useTransition } from "react";
import type { PredictionResult } from "@/lib/practice/actions";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import type { Locale } from "@/domain/locale";

/** What a graded prediction says after its verdict (the simulator's and the labs' words share these). */
export interface PredictionWords {
  counted: (concept: string) => string;
  again: string;
  signIn: string;
  rateLimited: string;
  invalid: string;
}

type Graded = Extract<PredictionResult, { ok: true }>;

/** The sentence after a prediction: its verdict and whether it counted as practice, or why it was not checked. */
export function predictionFeedback(result: PredictionResult, words: PredictionWords, locale: Locale, verdict: (result: Graded) => string): string {
  if (!result.ok) return result.refusal === "rate-limited" ? words.rateLimited : words.invalid;
  const concept = dashboardWords(locale).concepts[result.concept];
  const counted = result.stored === "new" ? words.counted(concept) : result.stored === "existing" ? words.again : words.signIn;
  return `${verdict(result)}${counted}`;
}

/**
 * Sends a prediction to be graded on the server and says what came of it. A prediction the
 * server could not check counts as answered (the learner moves on); a rate-limited one does not
 * (they may try again).
 */
export function usePredictionCheck(words: PredictionWords, locale: Locale) {
  const [feedback, setFeedback] = useState("");
  const [checking, startChecking] = useTransition();
  const check = (send: () => Promise<PredictionResult>, verdict: (result: Graded) => string, settled: (answered: boolean) => void) =>
    startChecking(async () => {
      let result: PredictionResult;
      try {
        result = await send();
      } catch {
        result = { ok: false, refusal: "invalid" };
      }
      setFeedback(predictionFeedback(result, words, locale, verdict));
      settled(result.ok || result.refusal !== "rate-limited");
    });
  return { feedback, checking, check };
}
