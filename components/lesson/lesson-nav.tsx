import { IntentLink } from "../ui/intent-link";
import type { LessonSummary } from "@/lib/content/lessons.server";
import { dictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/domain/locale";

export function LessonNav({
  previous,
  next,
  hrefFor,
  locale = "en",
}: {
  previous?: LessonSummary;
  next?: LessonSummary;
  hrefFor: (slug: string) => string;
  locale?: Locale;
}) {
  const words = dictionary(locale).lesson;
  return (
    <nav aria-label={words.lessons} className="grid gap-3 sm:grid-cols-2">
      {previous ? (
        <IntentLink href={hrefFor(previous.slug)} rel="prev" className="rounded-xl border border-border p-4 hover:bg-bg-sunken">
          <span className="block text-sm text-fg-muted">{words.previous}</span>
          <span className="font-medium">{previous.title}</span>
        </IntentLink>
      ) : (
        <span />
      )}
      {next ? (
        <IntentLink href={hrefFor(next.slug)} rel="next" className="rounded-xl border border-border p-4 text-right hover:bg-bg-sunken">
          <span className="block text-sm text-fg-muted">{words.next}</span>
          <span className="font-medium">{next.title}</span>
        </IntentLink>
      ) : null}
    </nav>
  );
}
