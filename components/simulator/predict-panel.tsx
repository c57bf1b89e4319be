"use client";

import { useId, useState } from "react";
import { predictStepAction } from "@/lib/practice/actions";
import { Button } from "@/components/ui/button";
import type { StepQuestion } from "@/domain/simulator/predict";
import type { SimulatorSettings } from "@/domain/simulator/session";
import type { Action } from "@/domain/tcp";
import type { SimulatorWords } from "@/lib/i18n/words/simulator";
import type { Locale } from "@/domain/locale";
import { usePredictionCheck } from "./use-prediction-check";

/**
 * The compact question before a step: what the step's cause (shown) will do. The server replays
 * the run to grade it and, for a signed-in learner, stores it as practice; then the step runs,
 * so the learner sees at once what happened.
 */
export function PredictPanel({
  question,
  cause,
  settings,
  actions,
  cursor,
  locale,
  words,
  onStep,
}: {
  question: StepQuestion | null;
  /** The step's cause, narrated ("server receives SYN seq 0"). */
  cause: string;
  settings: SimulatorSettings;
  actions: readonly Action[];
  cursor: number;
  locale: Locale;
  words: SimulatorWords;
  onStep: () => void;
}) {
  const ids = useId();
  // The choice belongs to one question: a new step (or a new run) starts with none.
  const questionKey = `${cursor}:${actions.length}`;
  const [picked, setPicked] = useState<{ key: string; value: string } | null>(null);
  const choice = picked?.key === questionKey ? picked.value : null;
  const setChoice = (value: string | null) => setPicked(value === null ? null : { key: questionKey, value });
  const text = words.predict;
  const { feedback, checking, check: send } = usePredictionCheck(text, locale);
  const name = (option: string) => (question?.kind === "segment" ? (text.segments[option] ?? option) : option);

  const check = () => {
    if (question === null || choice === null) return;
    const answer = choice;
    send(
      () => predictStepAction({ settings, actions, cursor, kind: question.kind, host: question.host, answer, locale }),
      (result) => (result.correct ? text.right(name(result.truth)) : text.wrong(name(result.truth))),
      (answered) => {
        setChoice(null);
        if (answered) onStep();
      },
    );
  };

  return (
    <div className="mt-2 rounded-lg border border-accent/40 bg-accent-soft/40 px-3 py-2 text-sm">
      {question === null ? (
        <p>{text.nothing}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            check();
          }}
        >
          <fieldset>
            <legend className="font-medium">
              {text.ask(cause, question.kind === "state" ? text.stateQuestion(question.host) : text.segmentQuestion(question.host))}
            </legend>
            <div className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1" role="radiogroup" aria-label={text.legend}>
              {question.options.map((option) => (
                <label key={option} className="inline-flex items-center gap-1.5">
                  <input
                    type="radio"
                    name={`${ids}-prediction`}
                    value={option}
                    checked={choice === option}
                    onChange={() => setChoice(option)}
                  />
                  <span className={question.kind === "state" ? "font-mono text-xs" : ""}>{name(option)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" size="sm" className="mt-2" disabled={choice === null || checking}>
            {checking ? text.checking : text.check}
          </Button>
        </form>
      )}
      <p role="status" aria-live="polite" className="mt-1 min-h-[1.25rem]">
        {feedback}
      </p>
    </div>
  );
}
