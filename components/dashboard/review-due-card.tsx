import { localePath } from "@/lib/i18n/paths";
import { reviewWords } from "@/lib/i18n/words/review";
import type { ReviewSummary } from "@/lib/review/queue.server";
import { ButtonLink } from "../ui/button-link";
import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

/** "Due for review": how many items are due now, with a button to start, or when the next one is. */
export function ReviewDueCard({ summary, locale = "en" }: { summary: ReviewSummary; locale?: Locale }) {
  const words = reviewWords(locale);
  return (
    <Card>
      <h2 id="review-heading" className="font-semibold">
        {words.dashboard.reviewHeading}
      </h2>
      {summary.due > 0 ? (
        <>
          <p className="mt-1 text-fg-muted">{words.review.due(summary.due)}</p>
          <ButtonLink href={localePath(locale, "/review")} className="mt-4">
            {words.review.startCount(summary.due)}
          </ButtonLink>
        </>
      ) : summary.queued > 0 ? (
        <p className="mt-1 text-fg-muted">
          {words.review.nothingDue}
          {summary.nextDueAt ? (
            <>
              {" "}
              {words.review.nextDueLabel}
              {locale === "en" ? " " : ""}
              <LocalTime iso={summary.nextDueAt.toISOString()} lang={LOCALE_LANG[locale]} />
            </>
          ) : null}
        </p>
      ) : (
        <p className="mt-1 text-fg-muted">{words.dashboard.reviewEmpty}</p>
      )}
    </Card>
  );
}
