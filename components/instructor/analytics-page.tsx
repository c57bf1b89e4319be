import type { Metadata } from "next";
import { RichText } from "@/components/quiz/rich-text";
import { Card } from "@/components/ui/card";
import type { Locale } from "@/domain/locale";
import type { Concept } from "@/domain/quiz/schema";
import { requireInstructor } from "@/lib/auth/session.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { formatPercent } from "@/lib/format/number";
import { getGradebook, getQuestionAnalytics } from "@/lib/gradebook/gradebook.server";
import { localePath } from "@/lib/i18n/paths";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { gradebookWords } from "@/lib/i18n/words/gradebook";
import { MisconceptionList } from "./misconception-list";
import { ProgressChart } from "./progress-chart";
import { UserText } from "./user-text";

export function analyticsMetadata(locale: Locale): Metadata {
  return { title: gradebookWords(locale).analytics.title };
}

/** A class's progress over time and, per assigned quiz, how each question went. */
export async function AnalyticsPage({ classId, locale }: { classId: string; locale: Locale }) {
  const user = await requireInstructor(localePath(locale, `/instructor/classes/${classId}/analytics`));
  const [analytics, gradebook] = await Promise.all([orNotFound(getQuestionAnalytics(user, classId, undefined, locale)), orNotFound(getGradebook(user, classId))]);
  const words = gradebookWords(locale).analytics;
  const concepts = dashboardWords(locale).concepts;
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <h2 className="text-lg font-semibold">{words.progress}</h2>
        <div className="mt-4">
          <ProgressChart points={gradebook.progress} locale={locale} />
        </div>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">{words.questions}</h2>
        <p className="mt-1 text-sm text-fg-muted">{words.questionsIntro}</p>
        {analytics.quizzes.length === 0 ? <p className="mt-3 text-sm">{words.noQuiz}</p> : null}
        {analytics.quizzes.map((quiz) => (
          <section key={quiz.assignmentId} className="mt-6" aria-labelledby={`quiz-${quiz.assignmentId}`}>
            <h3 id={`quiz-${quiz.assignmentId}`} className="font-semibold">
              <UserText>{quiz.title}</UserText> <span className="font-normal text-fg-muted">· {words.attempts(quiz.attempts)}</span>
            </h3>
            {quiz.questions.length === 0 ? (
              <p className="mt-2 text-sm text-fg-muted">{words.noAnswers}</p>
            ) : (
              <ol className="mt-3 grid gap-3">
                {quiz.questions.map((q, index) => {
                  const pct = Math.round(q.shareCorrect * 100);
                  return (
                    <li key={q.questionId} className="rounded-lg border border-border px-3 py-3 text-sm" data-testid="question-analytics">
                      <p className="font-medium">
                        <span className="text-fg-muted">{words.question(index + 1)}</span>
                        {q.prompt ? <RichText text={q.prompt} /> : q.questionId}
                      </p>
                      <p className="text-xs text-fg-muted">
                        {concepts[q.concept as Concept] ?? q.concept}
                        {q.variesPerAttempt ? words.varies : ""}
                      </p>
                      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
                        <span>
                          <span className="font-medium tabular-nums">{formatPercent(q.shareCorrect, locale)}</span>
                          {words.right(q.correct, q.answered)}
                        </span>
                        <span aria-hidden="true" className="block h-1.5 w-24 overflow-hidden rounded-full bg-bg-sunken">
                          <span className="block h-full bg-accent" style={{ width: `${pct}%` }} />
                        </span>
                      </div>
                      {q.mostCommonWrong ? (
                        <div className="mt-2">
                          <p>
                            <span className="text-fg-muted">{words.mostCommonWrong(q.mostCommonWrong.count)}</span>
                            <RichText text={q.mostCommonWrong.text} />
                          </p>
                          <MisconceptionList items={q.mostCommonWrong.misconceptions} locale={locale} />
                        </div>
                      ) : (
                        <p className="mt-2 text-fg-muted">{words.noWrong}</p>
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
