import { ltiWords } from "@/lib/i18n/words/lti";
import type { LinkView, ScoreSync } from "@/lib/lti/views.server";
import { formatDateTime } from "@/lib/format/date";
import { LocalTime } from "../ui/local-time";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

/** The score sent, or why there is none: not yet, or excused (a final "no grade"). */
export function scoreText(sync: Pick<ScoreSync, "scoreGiven" | "scoreMaximum" | "gradingProgress">, words: { noScoreYet: string; excused: string }): string {
  if (sync.scoreGiven !== null) return `${sync.scoreGiven}/${sync.scoreMaximum}`;
  return sync.gradingProgress === "FullyGraded" ? words.excused : words.noScoreYet;
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
      const score = scoreText(mine, words);
      const sentences = mine.scoreGiven === null ? words.unscored : words.status;
      const when = (date: Date) => formatDateTime(date.toISOString(), view.assignment?.timeZone ?? "UTC", lang);
      if (mine.status === "DELIVERED" && mine.deliveredAt) status = sentences.DELIVERED(score, when(mine.deliveredAt));
      else if (mine.status === "FAILED") status = sentences.FAILED(score);
      else if (mine.attempts > 0 && mine.nextAttemptAt) status = sentences.PENDING_RETRY(score, when(mine.nextAttemptAt));
      else status = sentences.PENDING(score);
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
