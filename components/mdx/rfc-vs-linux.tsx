import type { ReactNode } from "react";
import { withFacts } from "@/domain/content/facts";
import type { Locale } from "@/domain/content/frontmatter";
import { dictionary } from "@/lib/i18n/dictionary";

type LocaleProp = {
  /** Set by the lesson page for the lesson's language; lessons do not pass it. */
  locale?: Locale;
};

/**
 * Where RFC 9293 and Linux differ: the rule as the RFC writes it beside what the kernel does,
 * each with its source. Lessons write
 * `<RfcVsLinux title="…"><RfcSays source="§3.5, Figure 7">…</RfcSays><LinuxDoes source="tcp_data_queue()">…</LinuxDoes></RfcVsLinux>`.
 * The two sides sit next to each other on wide screens and one above the other on phones.
 */
export function RfcVsLinux({ title, children, locale = "en" }: { title: string; children: ReactNode } & LocaleProp) {
  const heading = withFacts(title, locale);
  return (
    <aside aria-label={heading} className="not-prose my-6 rounded-xl border border-accent/40 bg-bg-elevated px-5 py-4" data-rfc-vs-linux="">
      <p className="mb-1.5 text-sm font-semibold uppercase tracking-wide text-fg-muted">{dictionary(locale).rfcVsLinux.label}</p>
      <p className="mb-3 font-semibold">{heading}</p>
      <div className="grid gap-4 md:grid-cols-2">{children}</div>
    </aside>
  );
}

function Side({ label, source, children, locale, side }: { label: string; source?: string; children: ReactNode; side: "rfc" | "linux" } & LocaleProp) {
  const words = dictionary(locale ?? "en").rfcVsLinux;
  return (
    <div
      role="group"
      aria-label={label}
      data-side={side}
      className="min-w-0 space-y-2 rounded-lg border border-border bg-bg px-4 py-3 text-[0.98rem] leading-relaxed [&_code]:rounded [&_code]:bg-bg-sunken [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em] [&_code]:break-words"
    >
      <p className="text-sm font-semibold text-fg">{label}</p>
      {children}
      {source ? (
        <p className="text-sm text-fg-muted">
          {words.source} <span className="break-words">{source}</span>
        </p>
      ) : null}
    </div>
  );
}

/** The RFC 9293 side of an `RfcVsLinux` box; `source` names the section or figure. */
export function RfcSays({ source, children, locale = "en" }: { source?: string; children: ReactNode } & LocaleProp) {
  return (
    <Side side="rfc" label={dictionary(locale).rfcVsLinux.rfc} source={source} locale={locale}>
      {children}
    </Side>
  );
}

/** The Linux side of an `RfcVsLinux` box; `source` names the kernel function, file or document. */
export function LinuxDoes({ source, children, locale = "en" }: { source?: string; children: ReactNode } & LocaleProp) {
  return (
    <Side side="linux" label={dictionary(locale).rfcVsLinux.linux} source={source} locale={locale}>
      {children}
    </Side>
  );
}
