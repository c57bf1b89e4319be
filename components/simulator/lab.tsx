"use client";

import { labWords, type LabWords } from "@/lib/i18n/words/labs";
import type { Locale } from "@/domain/locale";
import { LabCharts, type LabChart } from "./lab-charts";
import { LabControls, LabFrame, type LabControl, type LabPredictionSubject } from "./lab-controls";
import { useViewLocale } from "./locale";
import { useLab, type LabInput, type LabKind, type LabResult } from "./use-lab";

/** What every lab takes besides its own settings. */
export interface LabProps<I> {
  title?: string;
  /** For the playground: the whole input at once, and a callback as it changes. */
  initial?: I;
  onChange?: (input: I) => void;
  /** The lesson's language (set by the lesson page or the playground). */
  locale?: Locale;
}

type LabRows<K extends LabKind> = LabResult<K>["result"]["series"][number];
type LabSummary<K extends LabKind> = LabResult<K>["result"]["summary"];
/** The run's rows and summary as the lab's charts read them (TypeScript cannot narrow the answer by K). */
type LabOutcome<K extends LabKind> = { series: readonly LabRows<K>[]; summary: LabSummary<K> };

/** A lab declared in the reader's language: its own words, its controls, its charts and their marker. */
export interface LabLayout<K extends LabKind> {
  text: { region: string; title: string; intro: string };
  controls: LabControl<LabInput<K>>[];
  charts: LabChart<LabRows<K>, LabSummary<K>>[];
  /** A vertical line at a second the summary names (e.g. the first failure), if any. */
  marker: (summary: LabSummary<K>) => { at: number; label: string } | null;
}

/** The name a lab's prediction is graded under. */
const PREDICTED_AS = { timewait: "timewait", synbacklog: "synflood" } as const satisfies Record<LabKind, LabPredictionSubject["lab"]>;

/**
 * One lab: its settings run in the worker (useLab), inside the frame every lab shares (LabFrame),
 * with the controls and charts it declares. A lab is only its settings and its declaration.
 */
export function Lab<K extends LabKind>({
  kind,
  props,
  fromSettings,
  adjust,
  layout,
}: {
  kind: K;
  props: LabProps<LabInput<K>>;
  /** The input the lesson's own settings give, when no whole input is passed. */
  fromSettings: () => LabInput<K>;
  /** Keeps the input consistent after one setting changed (useLab). */
  adjust?: (input: LabInput<K>, changed: keyof LabInput<K>) => LabInput<K>;
  layout: (words: LabWords) => LabLayout<K>;
}) {
  const locale = useViewLocale(props.locale);
  const words = labWords(locale);
  const { input, set, result, run } = useLab(kind, () => props.initial ?? fromSettings(), { locale, onChange: props.onChange, adjust });
  const { text, controls, charts, marker } = layout(words);
  return (
    <LabFrame
      locale={locale}
      text={text}
      title={props.title}
      run={run}
      prediction={{ lab: PREDICTED_AS[kind], input } as LabPredictionSubject}
      controls={<LabControls input={input} set={set} controls={controls} />}
    >
      <LabCharts result={(result?.result ?? null) as LabOutcome<K> | null} durationSeconds={input.durationSeconds} running={words.running} marker={marker} charts={charts} />
    </LabFrame>
  );
}
