"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { predictLabAction } from "@/lib/practice/actions";
import { Button } from "@/components/ui/button";
import { LiveControls } from "@/components/ui/live-controls";
import type { SynBacklogInput, TimeWaitInput } from "@/domain/simulator/labs";
import { useScrollAnchorExclusion } from "@/components/ui/use-scroll-anchor-exclusion";
import { labWords, type LabWords } from "@/lib/i18n/words/labs";
import { SimulatorLocale, useViewLocale } from "./locale";
import type { LabRun } from "./use-lab";
import { usePredictionCheck } from "./use-prediction-check";
import type { WorkerResponse } from "./worker-protocol";
import type { Locale } from "@/domain/locale";

/** What a lab's status line says: the explanation of its result, a failure, or that it is running. */
function labStatus(response: WorkerResponse | null, words: LabWords): string {
  if (response === null) return words.running;
  if (response.kind === "timewait" || response.kind === "synbacklog") return response.explanation;
  if (response.kind === "error") {
    if (response.reason === "worker-failed") return words.workerFailed;
    if (response.reason === "no-worker") return words.noWorker;
    return response.message;
  }
  return words.running;
}

/**
 * What every lab has around its own controls and charts: the labelled region, its heading, the
 * status line that announces the explanation (or a failure), and how long the worker took.
 */
export function LabFrame({
  locale,
  text,
  title,
  run,
  controls,
  children,
  prediction,
}: {
  locale: Locale;
  /** The lab's own words: its region's name, its heading and its introduction. */
  text: { region: string; title: string; intro: string };
  /** A heading the lesson chose instead of the lab's own. */
  title?: string;
  /** The worker's last answer and whether a newer run is on its way (useLab). */
  run: LabRun;
  controls: ReactNode;
  /** The charts, once there is a result. */
  children: ReactNode;
  /** "Predict, then run": the lab and its current input, graded on the server. */
  prediction?: LabPredictionSubject;
}) {
  const words = labWords(locale);
  const { response, pending } = run;
  // The finished run's time in the worker (none before the first result, or after a failure).
  const elapsedMs = response !== null && response.kind !== "error" ? response.elapsedMs : null;
  // The first result can lengthen the explanation: the reader's place below the lab is kept.
  const frame = useRef<HTMLElement>(null);
  useScrollAnchorExclusion(frame, response === null);
  const [predicting, setPredicting] = useState(false);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(() => new Set());
  const subjectKey = prediction === undefined ? "" : JSON.stringify(prediction);
  const hidden = predicting && prediction !== undefined && !revealed.has(subjectKey);
  return (
    <SimulatorLocale value={locale}>
      <section ref={frame} aria-label={text.region} className="not-prose my-8 @container rounded-xl border border-border bg-bg-elevated p-3 text-fg shadow-sm sm:p-4">
        <LiveControls>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0 flex-1">
            <p className="font-semibold">{title ?? text.title}</p>
            <p className="text-sm text-fg-muted">{text.intro}</p>
          </div>
          {prediction !== undefined ? (
            <Button size="sm" variant={predicting ? "primary" : "ghost"} aria-pressed={predicting} title={words.predict.help} onClick={() => setPredicting((on) => !on)}>
              {words.predict.toggle}
            </Button>
          ) : null}
        </div>
        <div className="mt-3 grid gap-4 @3xl:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
          <div className="space-y-3">{controls}</div>
          <div className="min-w-0 space-y-3">
            {predicting && prediction !== undefined ? (
              <LabPredictionForm
                key={subjectKey}
                subject={prediction}
                locale={locale}
                words={words}
                answered={!hidden}
                onAnswered={() => setRevealed((previous) => new Set(previous).add(subjectKey))}
              />
            ) : null}
            {hidden ? (
              <p className="min-h-[6rem] rounded-lg bg-bg-sunken px-3 py-2 text-sm text-fg-muted">{words.predict.hidden}</p>
            ) : (
              <>
                <p role="status" aria-live="polite" className="min-h-[6rem] rounded-lg bg-bg-sunken px-3 py-2 text-sm">
                  {labStatus(response, words)}
                </p>
                <p className="min-h-4 text-xs text-fg-muted" aria-hidden={pending ? undefined : true}>
                  {pending ? (response === null ? "" : words.recomputing) : elapsedMs !== null ? words.computed(elapsedMs.toFixed(0)) : ""}
                </p>
              </>
            )}
            <div className={hidden ? "invisible" : undefined} aria-hidden={hidden ? true : undefined}>
              {children}
            </div>
          </div>
        </div>
        </LiveControls>
      </section>
    </SimulatorLocale>
  );
}

function toSlider(value: number, min: number, max: number, log: boolean): number {
  if (!log) return value;
  const low = Math.log(Math.max(1, min));
  return Math.round(((Math.log(Math.max(1, value)) - low) / (Math.log(max) - low)) * 1000);
}

function fromSlider(position: number, min: number, max: number, log: boolean, step: number): number {
  if (!log) return position;
  const low = Math.log(Math.max(1, min));
  const raw = Math.exp(low + (position / 1000) * (Math.log(max) - low));
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(raw)) - 1);
  return Math.min(max, Math.max(min, Math.round(raw / Math.max(step, magnitude)) * Math.max(step, magnitude)));
}

/** A labelled number field with a slider beside it; both work with the keyboard. */
function NumberSlider({
  label,
  value,
  min,
  max,
  step = 1,
  log = false,
  unit,
  hint,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** A logarithmic slider, for ranges over several orders of magnitude. */
  log?: boolean;
  unit?: string;
  hint?: string;
  onChange: (value: number) => void;
}) {
  const id = useId();
  const words = labWords(useViewLocale()).controls;
  // What the reader is typing, until it becomes a valid value; a new value from outside wins.
  const [draft, setDraft] = useState({ text: String(value), value });
  const text = draft.value === value ? draft.text : String(value);
  const setText = (next: string) => setDraft({ text: next, value });
  const commit = (raw: string) => {
    const parsed = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(parsed)) return setText(String(value));
    const clamped = Math.min(max, Math.max(min, Math.round(parsed / step) * step));
    setText(String(clamped));
    if (clamped !== value) onChange(clamped);
  };
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={`${id}-number`} className="text-sm font-medium">
          {label}
        </label>
        <span className="inline-flex items-center gap-1">
          <input
            id={`${id}-number`}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={step}
            value={text}
            aria-describedby={hint ? `${id}-hint` : undefined}
            onChange={(event) => {
              setText(event.target.value);
              const parsed = Number(event.target.value);
              if (event.target.value.trim() !== "" && Number.isFinite(parsed) && parsed >= min && parsed <= max) onChange(parsed);
            }}
            onBlur={(event) => commit(event.target.value)}
            className="h-8 w-28 rounded-md border border-border bg-bg px-2 text-right text-sm tabular-nums"
          />
          {unit ? <span className="text-xs text-fg-muted">{unit}</span> : null}
        </span>
      </div>
      <input
        type="range"
        className="accent-accent"
        aria-label={words.slider(label)}
        min={log ? 0 : min}
        max={log ? 1000 : max}
        step={log ? 1 : step}
        value={toSlider(value, min, max, log)}
        aria-valuetext={`${value}${unit ? ` ${unit}` : ""}`}
        onChange={(event) => {
          const position = Number(event.target.value);
          let next = fromSlider(position, min, max, log, step);
          // A log scale is finer than whole numbers near its low end: always move by at least a step.
          if (next === value && position !== toSlider(value, min, max, log)) {
            next = Math.min(max, Math.max(min, value + (position > toSlider(value, min, max, log) ? step : -step)));
          }
          onChange(next);
        }}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The settings of a lab's input whose values are of type `V`. */
type SettingOf<I, V> = { [K in keyof I]: I[K] extends V ? K : never }[keyof I];

/**
 * One control of a lab, declared as data: a number (field and slider), a choice among options
 * (radio buttons) or a switch (a checkbox). A lab lists its controls; `LabControls` renders them.
 */
export type LabControl<I> =
  | {
      kind: "number";
      setting: SettingOf<I, number>;
      label: string;
      min: number;
      max: number;
      /** A logarithmic slider, for ranges over several orders of magnitude. */
      log?: boolean;
      unit?: string;
      hint?: string;
    }
  | { [K in keyof I]: { kind: "choice"; setting: K; label: string; options: readonly { value: I[K]; label: string }[] } }[keyof I]
  | { kind: "switch"; setting: SettingOf<I, boolean>; label: string };

/** A lab's controls, in the order declared, each bound to its setting of the lab's input. */
export function LabControls<I extends object>({
  input,
  set,
  controls,
}: {
  input: I;
  set: <K extends keyof I>(key: K, value: I[K]) => void;
  controls: readonly LabControl<I>[];
}) {
  return controls.map((control) => {
    const key = String(control.setting);
    switch (control.kind) {
      case "number": {
        const { setting, label, min, max, log, unit, hint } = control;
        return (
          <NumberSlider
            key={key}
            label={label}
            value={input[setting] as number}
            min={min}
            max={max}
            log={log}
            unit={unit}
            hint={hint}
            onChange={(value) => set(setting, value as I[typeof setting])}
          />
        );
      }
      case "choice": {
        const { setting, label, options } = control;
        return (
          <Choice<string | number>
            key={key}
            label={label}
            value={input[setting] as string | number}
            options={options as readonly { value: string | number; label: string }[]}
            onChange={(value) => set(setting, value as I[typeof setting])}
          />
        );
      }
      case "switch": {
        const { setting, label } = control;
        return (
          <label key={key} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={input[setting] as boolean} onChange={(event) => set(setting, event.target.checked as I[typeof setting])} />
            {label}
          </label>
        );
      }
    }
  });
}

/** A labelled group of radio buttons. */
function Choice<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={String(option.value)} className="inline-flex items-center gap-1.5 text-sm">
            <input type="radio" name={name} checked={option.value === value} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** What a lab prediction is about: which lab, and the settings the learner has now. */
export type LabPredictionSubject = { lab: "timewait"; input: TimeWaitInput } | { lab: "synflood"; input: SynBacklogInput };

/** The lab's yes/no question for the current settings; once answered, the result shows. */
function LabPredictionForm({
  subject,
  locale,
  words,
  answered,
  onAnswered,
}: {
  subject: LabPredictionSubject;
  locale: Locale;
  words: LabWords;
  answered: boolean;
  onAnswered: () => void;
}) {
  const ids = useId();
  const text = words.predict;
  const [choice, setChoice] = useState<"yes" | "no" | null>(null);
  const { feedback, checking, check: send } = usePredictionCheck(text, locale);
  const question = subject.lab === "timewait" ? text.timewait(subject.input.durationSeconds) : text.synflood;
  const check = () => {
    if (choice === null) return;
    const answer = choice;
    send(
      () => predictLabAction({ ...subject, answer, locale }),
      (result) => (result.correct ? text.right : text.wrong(result.truth === "yes" ? text.yes : text.no)),
      (answered) => {
        if (answered) onAnswered();
      },
    );
  };
  return (
    <form
      className="rounded-lg border border-accent/40 bg-accent-soft/40 px-3 py-2 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        check();
      }}
    >
      <fieldset disabled={answered || checking}>
        <legend className="font-medium">{question}</legend>
        <div className="mt-1.5 flex gap-4">
          {(["yes", "no"] as const).map((option) => (
            <label key={option} className="inline-flex items-center gap-1.5">
              <input type="radio" name={`${ids}-prediction`} value={option} checked={choice === option} onChange={() => setChoice(option)} />
              {option === "yes" ? text.yes : text.no}
            </label>
          ))}
        </div>
        <Button type="submit" size="sm" className="mt-2" disabled={choice === null}>
          {checking ? text.checking : text.check}
        </Button>
      </fieldset>
      <p role="status" aria-live="polite" className="mt-1 min-h-[1.25rem]">
        {feedback}
      </p>
    </form>
  );
}
