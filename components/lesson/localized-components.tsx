import type { ComponentType, ReactElement, ReactNode } from "react";
import type { Locale } from "@/domain/content/frontmatter";
import { dictionary } from "@/lib/i18n/dictionary";
import { Callout } from "../mdx/callout";
import { lessonComponents } from "../mdx/lesson-components";
import { Original } from "../mdx/original";

type LessonComponents = typeof lessonComponents;

// The same box as components/mdx/original.tsx with its caption translated;
// tests/unit/content/localized-components.test.tsx fails if the markup drifts apart.

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
    // Boxes: labels, and the numbers in their titles, in the lesson's language.
    RfcVsLinux: inLocale(c.RfcVsLinux, locale),
    RfcSays: inLocale(c.RfcSays, locale),
    LinuxDoes: inLocale(c.LinuxDoes, locale),
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
    ...(locale === "en" ? { Callout, Original } : { Callout: inLocale(Callout, locale), Original: localizedOriginal(locale) }),
  };
}

const maps = new Map<Locale, LessonComponents>();

/**
 * The lesson component map for one language: facts, glossary terms and the labels of callouts,
 * RFC-vs-Linux boxes and quotes follow the lesson's language. Built once per language.
 */
export function localizedLessonComponents(locale: Locale): LessonComponents {
  let map = maps.get(locale);
  if (!map) {
    map = bind(locale);
    maps.set(locale, map);
  }
  return map;
}
