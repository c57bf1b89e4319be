import Link from "next/link";
import type { ActivityItem } from "@/lib/dashboard/learner-dashboard.server";
import { dashboardWords, type DashboardWords } from "@/lib/i18n/words/dashboard";
import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

function Describe({ item, words }: { item: ActivityItem; words: DashboardWords["activity"] }) {
  switch (item.kind) {
    case "lesson-started":
    case "lesson-completed":
      return (
        <>
          {item.kind === "lesson-started" ? words.started : words.completed}{" "}
          <Link href={item.href} className="font-medium hover:text-accent">
            {item.title}
          </Link>
        </>
      );
    case "quiz-finished":
      return (
        <>
          {item.passed ? words.passed : words.finished} <span className="font-medium">{item.title}</span>
          {words.score(item.score, item.maxScore)}
        </>
      );
    case "challenge-completed":
      return (
        <>
          {words.solved} <span className="font-medium">{item.title}</span>
        </>
      );
  }
}

/** Lessons, quizzes and simulator challenges, newest first. */
export function RecentActivityCard({ items, locale = "en" }: { items: ActivityItem[]; locale?: Locale }) {
  const words = dashboardWords(locale).activity;
  return (
    <Card>
      <h2 id="recent-activity-heading" className="font-semibold">
        {words.heading}
      </h2>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-fg-muted">{words.empty}</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm">
          {items.map((item, index) => (
            <li key={`${item.kind}-${item.at.toISOString()}-${index}`} className="flex flex-col gap-0.5 sm:flex-row sm:justify-between sm:gap-3">
              <span>
                <Describe item={item} words={words} />
              </span>
              <span className="shrink-0 text-fg-muted">
                <LocalTime iso={item.at.toISOString()} lang={LOCALE_LANG[locale]} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
