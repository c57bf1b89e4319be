import { formatFact, getFact, type DurationUnit } from "@/domain/content/facts";
import type { Locale } from "@/domain/content/frontmatter";

export type FactProps = {
  /** A name from domain/content/facts.ts, e.g. "linux.tcp_fin_timeout", "rfc9293.msl". */
  name: string;
  /** Durations only: show in this unit instead of the natural one. */
  unit?: DurationUnit;
  /** The bare number as the sysctl is written ("60", "32768 60999"). */
  raw?: boolean;
  /** Set by the lesson page for the lesson's language; lessons do not pass it. */
  locale?: Locale;
};

/**
 * A default, timeout or range taken from the TCP engine's profile constants, so the lesson text
 * always says what the simulator does. Throws on an unknown name, which fails the build.
 */
export function Fact({ name, unit, raw, locale = "en" }: FactProps) {
  const fact = getFact(name);
  return (
    <span data-fact={name} data-fact-kind={fact.kind} className="whitespace-nowrap">
      {formatFact(name, locale, { unit, raw })}
    </span>
  );
}
