import type { ComponentType, ReactElement, ReactNode } from "react";
import type { Locale } from "@/lib/content/frontmatter";
import { dictionary } from "@/lib/i18n/dictionary";
import { cn } from "../ui/cn";
import { Callout, type CalloutKind } from "../mdx/callout";
import { lessonComponents } from "../mdx/lesson-components";
import { Original } from "../mdx/original";

type LessonComponents = typeof lessonComponents;

// The same boxes as components/mdx/callout.tsx and original.tsx with their labels translated;
// tests/unit/content/localized-components.test.tsx fails if the markup drifts apart.
const CALLOUT_CLASSES: Record<CalloutKind, string> = {
  note: "border-border bg-bg-sunken",
  tip: "border-accent/40 bg-accent-soft",
  warning: "border-warning/50 bg-warning-soft",
  correction: "border-fin/50 bg-warning-soft",
};

function localizedCallout(locale: Locale) {
  const labels = dictionary(locale).callout;
  return function LocalizedCallout({ kind = "note", title, children }: { kind?: CalloutKind; title?: string; children: ReactNode }) {
    const label = labels[kind];
    return (
      <aside aria-label={title ?? label} className={cn("not-prose my-6 rounded-xl border px-5 py-4", CALLOUT_CLASSES[kind])} data-callout={kind}>
        <p className="mb-1.5 text-sm font-semibold uppercase tracking-wide text-fg-muted">{label}</p>
        {title ? <p className="mb-2 font-semibold">{title}</p> : null}
        <div className="space-y-3 text-[0.98rem] leading-relaxed [&_code]:rounded [&_code]:bg-bg-elevated [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em]">
          {children}
        </div>
      </aside>
    );
  };
}

function localizedOriginal(locale: Locale) {
  const caption = dictionary(locale).original;
  return function LocalizedOriginal({ children }: { children: ReactNode }) {
    return (
      <figure className="not-prose my-6 rounded-xl border border-border bg-bg-elevated px-5 py-4">
        <figcaption className="mb-2 text-sm font-medium text-fg-muted">{caption}</figcaption>
        <blockquote lang="zh-CN" className="space-y-2 text-[0.98rem] leading-relaxed">
          {children}
        </blockquote>
      </figure>
    );
  };
}

/** The component with its `locale` prop set to the lesson's language. */
function inLocale<P extends { locale?: Locale }>(Component: ComponentType<P>, locale: Locale): (props: P) => ReactElement {
  return function InLocale(props: P) {
    return <Component {...props} locale={locale} />;
  };
}

function bind(locale: Locale): LessonComponents {
  const c = lessonComponents;
  return {
    ...c,
    Fact: inLocale(c.Fact, locale),
    Term: inLocale(c.Term, locale),
    // Diagrams: labels, default captions and text alternatives in the lesson's language.
    TcpHeaderDiagram: inLocale(c.TcpHeaderDiagram, locale),
    TcpStateDiagram: inLocale(c.TcpStateDiagram, locale),
    LadderDiagram: inLocale(c.LadderDiagram, locale),
    PortBudgetDiagram: inLocale(c.PortBudgetDiagram, locale),
    // Interactive components speak the lesson's language too (quiz questions are built on the server in it).
    Quiz: inLocale(c.Quiz, locale),
    HandshakeSimulator: inLocale(c.HandshakeSimulator, locale),
    SimulatorChallenge: inLocale(c.SimulatorChallenge, locale),
    TimeWaitLab: inLocale(c.TimeWaitLab, locale),
    SynBacklogLab: inLocale(c.SynBacklogLab, locale),
    CaptureViewer: inLocale(c.CaptureViewer, locale),
    ...(locale === "en"
      ? { Callout, Original }
      : { Callout: localizedCallout(locale), Original: localizedOriginal(locale) }),
  };
}

const maps = new Map<Locale, LessonComponents>();

/**
 * The lesson component map for one language: facts, glossary terms and the labels of callouts
 * and quotes follow the lesson's language. Built once per language.
 */
export function localizedLessonComponents(locale: Locale): LessonComponents {
  let map = maps.get(locale);
  if (!map) {
    map = bind(locale);
    maps.set(locale, map);
  }
  return map;
}
