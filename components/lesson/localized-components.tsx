import type { ComponentProps, ReactNode } from "react";
import type { Locale } from "@/lib/content/frontmatter";
import { dictionary } from "@/lib/i18n/dictionary";
import { cn } from "../ui/cn";
import { Callout, type CalloutKind } from "../mdx/callout";
import { LadderDiagram } from "../mdx/diagrams/ladder-diagram";
import { PortBudgetDiagram } from "../mdx/diagrams/port-budget-diagram";
import { TcpStateDiagram } from "../mdx/diagrams/tcp-state-diagram";
import { Fact } from "../mdx/fact";
import { lessonComponents } from "../mdx/lesson-components";
import { Original } from "../mdx/original";
import { TcpHeaderDiagram } from "../mdx/tcp-header-diagram";
import { Term } from "../mdx/term";
import { Quiz } from "../quiz/quiz";
import { CaptureViewer, HandshakeSimulator, SimulatorChallenge, SynBacklogLab, TimeWaitLab } from "../simulator/lazy";

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

function bind(locale: Locale): LessonComponents {
  return {
    ...lessonComponents,
    Fact: (props: ComponentProps<typeof Fact>) => <Fact {...props} locale={locale} />,
    Term: (props: ComponentProps<typeof Term>) => <Term {...props} locale={locale} />,
    // Diagrams: labels, default captions and text alternatives in the lesson's language.
    TcpHeaderDiagram: (props: ComponentProps<typeof TcpHeaderDiagram>) => <TcpHeaderDiagram {...props} locale={locale} />,
    TcpStateDiagram: (props: ComponentProps<typeof TcpStateDiagram>) => <TcpStateDiagram {...props} locale={locale} />,
    LadderDiagram: (props: ComponentProps<typeof LadderDiagram>) => <LadderDiagram {...props} locale={locale} />,
    PortBudgetDiagram: (props: ComponentProps<typeof PortBudgetDiagram>) => <PortBudgetDiagram {...props} locale={locale} />,
    // Interactive components speak the lesson's language too (quiz questions are built on the server in it).
    Quiz: (props: ComponentProps<typeof Quiz>) => <Quiz {...props} locale={locale} />,
    HandshakeSimulator: (props: ComponentProps<typeof HandshakeSimulator>) => <HandshakeSimulator {...props} locale={locale} />,
    SimulatorChallenge: (props: ComponentProps<typeof SimulatorChallenge>) => <SimulatorChallenge {...props} locale={locale} />,
    TimeWaitLab: (props: ComponentProps<typeof TimeWaitLab>) => <TimeWaitLab {...props} locale={locale} />,
    SynBacklogLab: (props: ComponentProps<typeof SynBacklogLab>) => <SynBacklogLab {...props} locale={locale} />,
    CaptureViewer: (props: ComponentProps<typeof CaptureViewer>) => <CaptureViewer {...props} locale={locale} />,
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
