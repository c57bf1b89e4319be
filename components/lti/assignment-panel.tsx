import { ltiWords } from "@/lib/i18n/words/lti";
import { LOCALE_LANG, type Locale } from "@/lib/i18n/paths";
import type { LinkView, ScoreSync } from "@/lib/lti/views.server";
import { formatDateTime } from "@/lib/format/date";
import { LocalTime } from "../ui/local-time";

export function scoreText(sync: Pick<ScoreSync, "scoreGiven" | "scoreMaximum">, inProgress: string): string {
  return sync.scoreGiven === null ? inProgress : `${sync.scoreGiven}/${sync.scoreMaximum}`;
}

/** The learner's view of the link they opened: the assignment's terms and where their score is. */
export function AssignmentPanel({ view, locale }: { view: LinkView; locale: Locale }) {
  const words = ltiWords(locale).assignment;
  const lang = LOCALE_LANG[locale];
  const mine = view.mine;
  let status: string | null = null;
  if (view.role === "learn" && view.graded) {
    if (!mine) status = words.status.none;
    else {
      const score = scoreText(mine, words.noScoreYet);
      const when = (date: Date) => formatDateTime(date.toISOString(), view.assignment?.timeZone ?? "UTC", lang);
      if (mine.status === "DELIVERED" && mine.deliveredAt) status = words.status.DELIVERED(score, when(mine.deliveredAt));
      else if (mine.status === "FAILED") status = words.status.FAILED(score);
      else if (mine.attempts > 0 && mine.nextAttemptAt) status = words.status.PENDING_RETRY(score, when(mine.nextAttemptAt));
      else status = words.status.PENDING(score);
    }
  }
  return (
    <section aria-labelledby="lti-assignment" className="mb-6 rounded-xl border border-border bg-bg-elevated p-4 text-sm">
      <h2 id="lti-assignment" className="font-semibold">
        {words.heading}: {view.assignment?.title ?? view.title}
      </h2>
      <p className="mt-1 text-fg-muted">
        {words.inClass(view.className)}
        {view.assignment ? (
          <>
            {" · "}
            {words.points(view.assignment.points)}
            {" · "}
            {words.due("")}
            <LocalTime iso={view.assignment.dueAt.toISOString()} timeZone={view.assignment.timeZone} lang={lang} />
          </>
        ) : null}
      </p>
      <p className="mt-1">{view.graded ? words.passback(view.platformName) : words.notGraded(view.platformName)}</p>
      {status ? (
        <p className="mt-2 font-medium" data-score-status={mine?.status ?? "NONE"}>
          {status}
        </p>
      ) : null}
    </section>
  );
}
