/** What the simulator's and the labs' "Predict, then run" say once the server has graded a prediction. */
import { describe, expect, it } from "vitest";
import { predictionFeedback } from "@/components/simulator/use-prediction-check";
import { labWords } from "@/lib/i18n/words/labs";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { dashboardWords } from "@/lib/i18n/words/dashboard";

const graded = { ok: true as const, correct: true, truth: "yes", concept: "time-wait" as const };
const verdict = (result: { correct: boolean }) => (result.correct ? "Right." : "Wrong.");

describe("prediction feedback", () => {
  const words = labWords("en").predict;

  it("says the verdict, then whether it counted toward mastery", () => {
    const concept = dashboardWords("en").concepts["time-wait"];
    expect(predictionFeedback({ ...graded, stored: "new" }, words, "en", verdict)).toBe(`Right.${words.counted(concept)}`);
    expect(predictionFeedback({ ...graded, correct: false, stored: "existing" }, words, "en", verdict)).toBe(`Wrong.${words.again}`);
    expect(predictionFeedback({ ...graded, stored: "signed-out" }, words, "en", verdict)).toBe(`Right.${words.signIn}`);
  });

  it("says why a prediction was not checked, in the view's words", () => {
    const step = simulatorWords("zh").predict;
    expect(predictionFeedback({ ok: false, refusal: "rate-limited" }, step, "zh", verdict)).toBe(step.rateLimited);
    expect(predictionFeedback({ ok: false, refusal: "invalid" }, step, "zh", verdict)).toBe(step.invalid);
    expect(predictionFeedback({ ...graded, stored: "new" }, step, "zh", verdict)).toBe(`Right.${step.counted(dashboardWords("zh").concepts["time-wait"])}`);
  });
});
