import type { ReactNode } from "react";
import { findGlossaryEntry } from "@/content/glossary";
import { glossaryPlainText } from "@/lib/i18n/glossary-text";
import { glossaryPath } from "@/lib/i18n/paths";
import { TermLink } from "../lesson/term-link";
import type { Locale } from "@/domain/locale";

export type TermProps = {
  /** A glossary id from content/glossary.ts, e.g. "time-wait", "tcp_fin_timeout". */
  id: string;
  children?: ReactNode;
  /** Set by the lesson page for the lesson's language; lessons do not pass it. */
  locale?: Locale;
};

/**
 * A word in a lesson linked to its glossary entry. The short definition is the link's
 * accessible description and appears on hover and on keyboard focus. Unknown ids fail the build.
 */
export function Term({ id, children, locale = "en" }: TermProps) {
  const entry = findGlossaryEntry(id);
  if (!entry) throw new Error(`Unknown glossary term "${id}" in <Term>: add it to content/glossary.ts or fix the id.`);
  return (
    <TermLink href={glossaryPath(locale, id)} definition={glossaryPlainText(entry.short[locale], locale)} termId={id}>
      {children ?? entry.term[locale]}
    </TermLink>
  );
}
