import Link from "next/link";
import type { ActivityItem } from "@/lib/dashboard/learner-dashboard.server";
import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";

function humanize(id: string): string {
  const words = id.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Describe({ item }: { item: ActivityItem }) {
  switch (item.kind) {
    case "lesson-started":
      return (
        <>
          Started <Link href={`/course/${item.slug}`} className="font-medium hover:text-accent">{item.title}</Link>
        </>
      );
    case "lesson-completed":
      return (
        <>
          Completed <Link href={`/course/${item.slug}`} className="font-medium hover:text-accent">{item.title}</Link>
        </>
      );
    case "quiz-finished":
      return (
        <>
          {item.passed ? "Passed" : "Finished"} <span className="font-medium">{item.title}</span>: {item.score} of {item.maxScore}
        </>
      );
    case "challenge-completed":
      return (
        <>
          Solved the challenge <span className="font-medium">{humanize(item.challengeId)}</span>
        </>
      );
  }
}

/** Lessons, quizzes and simulator challenges, newest first. */
export function RecentActivityCard({ items }: { items: ActivityItem[] }) {
  return (
    <Card>
      <h2 id="recent-activity-heading" className="font-semibold">
        Recent activity
      </h2>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-fg-muted">Nothing yet. Open a lesson to get started.</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm">
          {items.map((item, index) => (
            <li key={`${item.kind}-${item.at.toISOString()}-${index}`} className="flex flex-col gap-0.5 sm:flex-row sm:justify-between sm:gap-3">
              <span>
                <Describe item={item} />
              </span>
              <span className="shrink-0 text-fg-muted">
                <LocalTime iso={item.at.toISOString()} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
