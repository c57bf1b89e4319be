"use client";

import { runItYourself, shellCommands, watchCommand } from "@/domain/simulator/run-it-yourself";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import type { Locale } from "@/domain/locale";

/** The commands that record a shown capture on the reader's own Linux machine, in a disclosure. */
export function RunItYourself({ sample, locale }: { sample: string; locale: Locale }) {
  const recipe = runItYourself(sample);
  if (recipe === null) return null;
  const words = simulatorWords(locale).runItYourself;
  const file = `${recipe.sample}.py`;
  return (
    <details className="mt-2 rounded-lg border border-border px-3 py-1 text-sm">
      <summary className="cursor-pointer py-1 font-medium">{words.summary}</summary>
      <div className="space-y-2 pb-2">
        <p className="text-fg-muted">{words.intro(file)}</p>
        <p className="font-medium">{words.program(file)}</p>
        <pre className="overflow-x-auto rounded-md bg-bg-sunken p-2 text-xs" tabIndex={0} aria-label={words.program(file)}>
          <code>{recipe.program}</code>
        </pre>
        <p className="font-medium">{words.commands}</p>
        <pre className="overflow-x-auto rounded-md bg-bg-sunken p-2 text-xs" tabIndex={0} aria-label={words.commands}>
          <code>{shellCommands(recipe).join("\n")}</code>
        </pre>
        <p>{words.watch}</p>
        <pre className="overflow-x-auto rounded-md bg-bg-sunken p-2 text-xs" tabIndex={0} aria-label={words.watch}>
          <code>{watchCommand(recipe)}</code>
        </pre>
        <p>
          <strong>{words.lookFor}</strong> {recipe.lookFor[locale]}
        </p>
        <p className="text-fg-muted">{words.open}</p>
      </div>
    </details>
  );
}
