import type { Metadata } from "next";
import { ProgressChart } from "@/components/instructor/progress-chart";
import { Card } from "@/components/ui/card";
import { requireInstructor } from "@/lib/auth/session.server";
import { describeResponse } from "@/lib/catalog.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { getGradebook, getQuestionAnalytics } from "@/lib/gradebook/gradebook.server";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/analytics`);
  const [analytics, gradebook] = await Promise.all([orNotFound(getQuestionAnalytics(user, classId)), orNotFound(getGradebook(user, classId))]);
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <h2 className="text-lg font-semibold">Class progress over time</h2>
        <div className="mt-4">
          <ProgressChart points={gradebook.progress} />
        </div>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">Questions</h2>
        <p className="mt-1 text-sm text-fg-muted">
          Every submitted attempt by the class&apos;s students on each assigned quiz: the share of answers that were right, and the wrong answer given most often with the misconception
          it points to.
        </p>
        {analytics.quizzes.length === 0 ? <p className="mt-3 text-sm">No quiz is assigned in this class yet.</p> : null}
        {analytics.quizzes.map((quiz) => (
          <section key={quiz.assignmentId} className="mt-6" aria-labelledby={`quiz-${quiz.assignmentId}`}>
            <h3 id={`quiz-${quiz.assignmentId}`} className="font-semibold">
              {quiz.title} <span className="font-normal text-fg-muted">· {quiz.attempts} submitted attempts</span>
            </h3>
            {quiz.questions.length === 0 ? (
              <p className="mt-2 text-sm text-fg-muted">No answers yet.</p>
            ) : (
              <div className="relative mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={`Per-question results for ${quiz.title}, scrolls sideways`}>
                <table className="w-full min-w-[40rem] text-sm">
                  <caption className="sr-only">Per-question results for {quiz.title}</caption>
                  <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-fg-muted">
                    <tr>
                      <th scope="col" className="px-2 py-2">Question</th>
                      <th scope="col" className="px-2 py-2">Correct</th>
                      <th scope="col" className="px-2 py-2">Most common wrong answer</th>
                      <th scope="col" className="px-2 py-2">Misconception</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-border">
                    {quiz.questions.map((q) => {
                      const pct = Math.round(q.shareCorrect * 100);
                      return (
                        <tr key={q.questionId}>
                          <th scope="row" className="px-2 py-2 text-left align-top font-normal">
                            {q.prompt ?? <span className="font-mono text-xs">{q.questionId}</span>}
                            <span className="block text-xs text-fg-muted">{q.concept}</span>
                          </th>
                          <td className="px-2 py-2 align-top">
                            <span className="tabular-nums font-medium">{pct}%</span>
                            <span className="block text-xs text-fg-muted">
                              {q.correct} of {q.answered}
                            </span>
                            <span aria-hidden="true" className="mt-1 block h-1.5 w-20 overflow-hidden rounded-full bg-bg-sunken">
                              <span className="block h-full bg-accent" style={{ width: `${pct}%` }} />
                            </span>
                          </td>
                          <td className="px-2 py-2 align-top break-all">
                            {q.mostCommonWrong ? (
                              <>
                                {describeResponse(quiz.quizId, q.questionId, q.mostCommonWrong.response)}
                                <span className="block text-xs text-fg-muted">{q.mostCommonWrong.count}×</span>
                              </>
                            ) : (
                              <span className="text-fg-muted">—</span>
                            )}
                          </td>
                          <td className="px-2 py-2 align-top font-mono text-xs">{q.mostCommonWrong?.misconception?.replaceAll(",", ", ") ?? ""}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
      </Card>
    </div>
  );
}
