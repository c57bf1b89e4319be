import type { ReactNode } from "react";
import { withFacts } from "@/domain/content/facts";
import type { Locale } from "@/domain/content/frontmatter";
import { dictionary } from "@/lib/i18n/dictionary";
import { cn } from "../ui/cn";

const KIND_CLASSES = {
  note: "border-border bg-bg-sunken",
  tip: "border-accent/40 bg-accent-soft",
  warning: "border-warning/50 bg-warning-soft",
  correction: "border-fin/50 bg-warning-soft",
} as const;

export type CalloutKind = keyof typeof KIND_CLASSES;

export type CalloutProps = {
  kind?: CalloutKind;
  /** Plain text; numbers go in as `{fact:name}` placeholders (docs/content.md). */
  title?: string;
  children: ReactNode;
  /** Set by the lesson page for the lesson's language; lessons do not pass it. */
  locale?: Locale;
};

/**
 * A boxed aside, labelled in the lesson's language. `correction` marks where the course departs
 * from the original article.
 */
export function Callout({ kind = "note", title, children, locale = "en" }: CalloutProps) {
  const label = dictionary(locale).callout[kind];
  const heading = title === undefined ? undefined : withFacts(title, locale);
  return (
    <aside aria-label={heading ?? label} className={cn("not-prose my-6 rounded-xl border px-5 py-4", KIND_CLASSES[kind])} data-callout={kind}>
      <p className="mb-1.5 text-sm font-semibold uppercase tracking-wide text-fg-muted">{label}</p>
      {heading ? <p className="mb-2 font-semibold">{heading}</p> : null}
      <div className="space-y-3 text-[0.98rem] leading-relaxed [&_code]:rounded [&_code]:bg-bg-elevated [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em]">
        {children}
      </div>
    </aside>
  );
}
