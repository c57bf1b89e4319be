import type { ReactNode } from "react";
import { cn } from "../ui/cn";

const KINDS = {
  note: { label: "Note", className: "border-border bg-bg-sunken" },
  tip: { label: "Tip", className: "border-accent/40 bg-accent-soft" },
  warning: { label: "Warning", className: "border-warning/50 bg-warning-soft" },
  correction: { label: "Correction to the source", className: "border-fin/50 bg-warning-soft" },
} as const;

export type CalloutKind = keyof typeof KINDS;

/** A boxed aside. `correction` marks where the course departs from the original article. */
export function Callout({ kind = "note", title, children }: { kind?: CalloutKind; title?: string; children: ReactNode }) {
  const { label, className } = KINDS[kind];
  return (
    <aside aria-label={title ?? label} className={cn("not-prose my-6 rounded-xl border px-5 py-4", className)} data-callout={kind}>
      <p className="mb-1.5 text-sm font-semibold uppercase tracking-wide text-fg-muted">{label}</p>
      {title ? <p className="mb-2 font-semibold">{title}</p> : null}
      <div className="space-y-3 text-[0.98rem] leading-relaxed [&_code]:rounded [&_code]:bg-bg-elevated [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em]">
        {children}
      </div>
    </aside>
  );
}
