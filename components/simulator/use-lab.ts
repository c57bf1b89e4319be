"use client";

import { useCallback, useEffect, useState } from "react";
import type { Locale } from "@/domain/locale";
import type { WorkerRequest, WorkerResponse } from "./worker-protocol";
import { runInWorker } from "./worker-client";

export type LabKind = Extract<WorkerRequest, { input: unknown }>["kind"];
export type LabInput<K extends LabKind> = Extract<WorkerRequest, { kind: K }>["input"];
export type LabResult<K extends LabKind> = Extract<WorkerResponse, { kind: K }>;

/** What a lab shows around its charts: the worker's last answer (or none yet) and whether a newer run is on its way. */
export interface LabRun {
  response: WorkerResponse | null;
  pending: boolean;
}

export interface LabOptions<K extends LabKind> {
  locale: Locale;
  /** Told of every new input (the playground keeps it in the URL). */
  onChange?: (input: LabInput<K>) => void;
  /** Keeps the input consistent after one setting changed (e.g. a range whose ends must not cross). */
  adjust?: (input: LabInput<K>, changed: keyof LabInput<K>) => LabInput<K>;
  /** How long the settings must rest before the worker runs them. */
  debounceMs?: number;
}

/**
 * A lab's settings and its runs in the worker: each change of the settings (or the language of
 * the explanation) runs the lab again once the reader pauses; a run overtaken by a newer change
 * is cancelled before it starts, or its answer dropped if it had started.
 */
export function useLab<K extends LabKind>(kind: K, initial: () => LabInput<K>, { locale, onChange, adjust, debounceMs = 120 }: LabOptions<K>) {
  const [input, setInput] = useState<LabInput<K>>(initial);
  useEffect(() => onChange?.(input), [input, onChange]);
  const set = useCallback(
    <Key extends keyof LabInput<K>>(key: Key, value: LabInput<K>[Key]) =>
      setInput((previous) => {
        const next = { ...previous, [key]: value } as LabInput<K>;
        return adjust ? adjust(next, key) : next;
      }),
    [adjust],
  );

  // Compared by value: a new object with the same settings does not run the lab again.
  const key = JSON.stringify({ kind, input, locale });
  const [answered, setAnswered] = useState<{ key: string | null; response: WorkerResponse | null }>({ key: null, response: null });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void runInWorker(JSON.parse(key) as WorkerRequest).then((response) => {
        if (!cancelled) setAnswered({ key, response });
      });
    }, debounceMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, debounceMs]);

  const { response } = answered;
  const result = response?.kind === kind ? (response as LabResult<K>) : null;
  const run: LabRun = { response, pending: answered.key !== key };
  return { input, set, result, run };
}
