import Link from "next/link";
import { GLOSSARY, GLOSSARY_KINDS, findGlossaryEntry, type GlossaryEntry } from "@/content/glossary";
import { formatFact } from "@/domain/content/facts";
import { dictionary } from "@/lib/i18n/dictionary";
import { inlineName } from "@/lib/i18n/glossary-text";
import { glossaryPath, otherLocale } from "@/lib/i18n/paths";
import { Badge } from "../ui/badge";
import { GlossaryText } from "./glossary-text";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

function Entry({ entry, locale }: { entry: GlossaryEntry; locale: Locale }) {
  const words = dictionary(locale).glossary;
  const other = otherLocale(locale);
  const otherName = entry.term[other] !== entry.term[locale] ? entry.term[other] : null;
  return (
    <article
      id={entry.id}
      aria-labelledby={`${entry.id}-title`}
      className="scroll-mt-28 xl:scroll-mt-24 rounded-xl border border-border bg-bg-elevated p-5 target:border-accent target:ring-2 target:ring-accent/40"
    >
      <h3 id={`${entry.id}-title`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-lg font-semibold">
        <a href={`#${entry.id}`} className="hover:underline">
          {entry.kind === "sysctl" || entry.kind === "socket-option" ? <code className="font-mono">{entry.term[locale]}</code> : entry.term[locale]}
        </a>
        {otherName ? (
          <span className="text-sm font-normal text-fg-muted" lang={LOCALE_LANG[other]}>
            {otherName}
          </span>
        ) : null}
        {entry.removedIn ? <Badge tone="danger">{words.removedIn(entry.removedIn)}</Badge> : null}
      </h3>
      {entry.aliases.length > 0 ? (
        <p className="mt-1 text-sm text-fg-muted">
          {words.alsoWritten}:{" "}
          {entry.aliases.map((alias, index) => (
            <span key={alias}>
              {index > 0 ? ", " : null}
              <code className="font-mono">{alias}</code>
            </span>
          ))}
        </p>
      ) : null}
      <p className="mt-3 font-medium">
        <GlossaryText text={entry.short[locale]} locale={locale} />
      </p>
      <p className="mt-2 leading-relaxed text-fg-muted [&_a]:text-accent [&_a]:underline [&_code]:font-mono [&_code]:text-[0.92em]">
        <GlossaryText text={entry.body[locale]} locale={locale} />
      </p>
      {entry.facts.length > 0 ? (
        <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          {entry.facts.map(({ fact, label }) => (
            <div key={fact} className="contents">
              <dt className="text-fg-muted">{label[locale]}</dt>
              <dd className="font-medium tabular-nums" data-fact={fact}>
                {formatFact(fact, locale)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {entry.related.length > 0 ? (
        <p className="mt-3 text-sm">
          <span className="text-fg-muted">{words.related}: </span>
          {entry.related.map((id, index) => {
            const related = findGlossaryEntry(id)!;
            return (
              <span key={id}>
                {index > 0 ? words.listSeparator : null}
                <Link href={glossaryPath(locale, id)} className="text-accent underline underline-offset-2">
                  {inlineName(related, locale)}
                </Link>
              </span>
            );
          })}
        </p>
      ) : null}
    </article>
  );
}

/** /glossary and /zh/glossary: every entry, grouped by kind, each with its own anchor. */
export function GlossaryPage({ locale }: { locale: Locale }) {
  const words = dictionary(locale).glossary;
  const groups = GLOSSARY_KINDS.map((kind) => ({ kind, entries: GLOSSARY.filter((entry) => entry.kind === kind) })).filter(
    (group) => group.entries.length > 0,
  );
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">{words.title}</h1>
      <p className="mt-3 text-lg text-fg-muted">{words.intro}</p>
      <nav aria-label={words.contents} className="mt-6 flex flex-wrap gap-2 text-sm">
        {groups.map(({ kind }) => (
          <a key={kind} href={`#kind-${kind}`} className="rounded-full border border-border px-3 py-1 hover:bg-bg-sunken">
            {words.kinds[kind]}
          </a>
        ))}
      </nav>
      {groups.map(({ kind, entries }) => (
        <section key={kind} aria-labelledby={`kind-${kind}`} className="mt-12">
          <h2 id={`kind-${kind}`} className="scroll-mt-28 xl:scroll-mt-24 text-2xl font-semibold">
            {words.kinds[kind]}
          </h2>
          <div className="mt-5 space-y-4">
            {entries.map((entry) => (
              <Entry key={entry.id} entry={entry} locale={locale} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
