import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RecentActivityCard } from "@/components/dashboard/recent-activity-card";
import type { ActivityItem } from "@/lib/dashboard/learner-dashboard.server";

const finished: ActivityItem = {
  kind: "quiz-finished",
  at: new Date("2026-11-16T09:48:00Z"),
  quizId: "three-way-handshake",
  title: "QUIZ",
  slug: "three-way-handshake",
  score: 5,
  maxScore: 5,
  passed: true,
};

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("recent activity", () => {
  it("punctuates a quiz's score as each language does", () => {
    expect(text(renderToStaticMarkup(<RecentActivityCard items={[finished]} />))).toContain("Passed QUIZ: 5 of 5");
    expect(text(renderToStaticMarkup(<RecentActivityCard items={[finished]} locale="zh" />))).toContain("通过了 QUIZ：5 / 5");
  });
});
