import type { Metadata } from "next";
import { MisconceptionList } from "@/components/instructor/misconception-list";
import { ProgressChart } from "@/components/instructor/progress-chart";
import { UserText } from "@/components/instructor/user-text";
import { RichText } from "@/components/quiz/rich-text";
import { Card } from "@/components/ui/card";
import { CONCEPT_LABELS, type Concept } from "@/domain/quiz/schema";
import { requireInstructor } from "@/lib/auth/session.server";
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
          Every attempt that counts toward each assigned quiz: the share of answers that were right, and the wrong answer given most often with the misconception it
          points to. Questions read as the latest of those attempts showed them.
        </p>
        {analytics.quizzes.length === 0 ? <p className="mt-3 text-sm">No quiz is assigned in this class yet.</p> : null}
        {analytics.quizzes.map((quiz) => (
          <section key={quiz.assignmentId} className="mt-6" aria-labelledby={`quiz-${quiz.assignmentId}`}>
            <h3 id={`quiz-${quiz.assignmentId}`} className="font-semibold">
              <UserText>{quiz.title}</UserText>{" "}
              <span className="font-normal text-fg-muted">
                · {quiz.attempts} {quiz.attempts === 1 ? "attempt" : "attempts"}
              </span>
            </h3>
            {quiz.questions.length === 0 ? (
              <p className="mt-2 text-sm text-fg-muted">No answers yet.</p>
            ) : (
              <ol className="mt-3 grid gap-3">
                {quiz.questions.map((q, index) => {
                  const pct = Math.round(q.shareCorrect * 100);
                  return (
                    <li key={q.questionId} className="rounded-lg border border-border px-3 py-3 text-sm" data-testid="question-analytics">
                      <p className="font-medium">
                        <span className="text-fg-muted">Question {index + 1}. </span>
                        {q.prompt ? <RichText text={q.prompt} /> : q.questionId}
                      </p>
                      <p className="text-xs text-fg-muted">
                        {CONCEPT_LABELS[q.concept as Concept] ?? q.concept}
                        {q.variesPerAttempt ? " · its numbers or scenario change with every attempt" : ""}
                      </p>
                      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
                        <span>
                          <span className="font-medium tabular-nums">{pct}%</span> right ({q.correct} of {q.answered})
                        </span>
                        <span aria-hidden="true" className="block h-1.5 w-24 overflow-hidden rounded-full bg-bg-sunken">
                          <span className="block h-full bg-accent" style={{ width: `${pct}%` }} />
                        </span>
                      </div>
                      {q.mostCommonWrong ? (
                        <div className="mt-2">
                          <p>
                            <span className="text-fg-muted">Most common wrong answer ({q.mostCommonWrong.count}×): </span>
                            <RichText text={q.mostCommonWrong.text} />
                          </p>
                          <MisconceptionList items={q.mostCommonWrong.misconceptions} />
                        </div>
                      ) : (
                        <p className="mt-2 text-fg-muted">No wrong answers.</p>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        ))}
      </Card>
    </div>
  );
}
