import type { Metadata } from "next";
import Link from "next/link";
import { RichText } from "@/components/quiz/rich-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { formatPoints, scoreText } from "@/domain/gradebook/semantics";
import type { Locale } from "@/domain/locale";
import type { Concept } from "@/domain/quiz/schema";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { getStudentDrilldown } from "@/lib/gradebook/gradebook.server";
import { gradebookWords } from "@/lib/i18n/words/gradebook";
import { startClassPage } from "./class-page-start.server";
import { MisconceptionList } from "./misconception-list";
import { StatusBadge } from "./status-badge";
import { UserText } from "./user-text";
import { VerdictBadge } from "./verdict-badge";

export function studentMetadata(locale: Locale): Metadata {
  return { title: gradebookWords(locale).student.title };
}

function When({ date, tz, lang }: { date: Date | null | undefined; tz: string; lang: string }) {
  return date ? <LocalTime iso={date.toISOString()} timeZone={tz} lang={lang} /> : <span className="text-fg-muted">—</span>;
}

/**
 * One student's work in a class, as evidence for every number on the gradebook: per assignment
 * the rules that applied to them (due date, window, late policy) and each piece of work with
 * whether and why it counts.
 */
export async function StudentPage({ classId, studentId, locale }: { classId: string; studentId: string; locale: Locale }) {
  const { base, user, words, concepts, lang } = await startClassPage(locale, classId, `/students/${studentId}`);
  const d = await orNotFound(getStudentDrilldown(user, classId, studentId, undefined, locale));
  const page = words.student;
  const tz = d.classroom.timeZone;
  return (
    <div className="grid grid-cols-1 gap-6">
      <div>
        <p className="text-sm">
          <Link href={`${base}/gradebook`} className="text-fg-muted hover:text-fg">
            {page.back}
          </Link>
        </p>
        <h2 className="mt-1 text-2xl font-semibold">
          <UserText>{d.student.name ?? d.student.email}</UserText>
        </h2>
        <p className="text-sm text-fg-muted">
          <UserText>{d.student.email}</UserText> · {page.joined} <When date={d.student.joinedAt} tz={tz} lang={lang} /> · {words.timesIn(tz.replaceAll("_", " "))}
        </p>
        <p className="mt-1 text-sm text-fg-muted">{page.privacy}</p>
      </div>
      {d.assignments.length === 0 ? <p className="text-sm text-fg-muted">{page.noAssignments}</p> : null}
      {d.assignments.map((a) => {
        const extended = a.result.effectiveDueAt.getTime() !== a.dueAt.getTime();
        return (
          <Card key={a.id} aria-labelledby={`assignment-${a.id}`}>
            <div className="flex flex-wrap items-center gap-3">
              <h3 id={`assignment-${a.id}`} className="text-lg font-semibold">
                <UserText>{a.title}</UserText>
              </h3>
              <StatusBadge status={a.result.status} locale={locale} />
              <span className="tabular-nums" data-testid="drilldown-score">
                {a.ungraded ? words.ungraded : a.result.score === null ? words.dash : scoreText(a.result)}
              </span>
            </div>
            <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
              <div>
                <dt className="text-fg-muted">{words.targetTypes[a.targetType]}</dt>
                <dd>{a.item?.title ?? a.targetId}</dd>
              </div>
              <div>
                <dt className="text-fg-muted">{extended ? page.dueExtended : page.due}</dt>
                <dd>
                  <When date={a.result.effectiveDueAt} tz={tz} lang={lang} />
                  {extended ? (
                    <span className="block text-xs text-fg-muted">
                      {page.classDue} <When date={a.dueAt} tz={tz} lang={lang} />
                    </span>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt className="text-fg-muted">{page.countsFrom}</dt>
                <dd>
                  <When date={a.result.windowStart} tz={tz} lang={lang} />
                  <span className="block text-xs text-fg-muted">
                    {a.result.windowStart.getTime() === a.opensAt.getTime()
                      ? page.countsFromOpening
                      : a.acceptEarlierWork
                        ? page.countsFromJoiningEarlier
                        : page.countsFromJoining}
                  </span>
                </dd>
              </div>
              <div>
                <dt className="text-fg-muted">{page.lateWork}</dt>
                <dd>{a.latePolicy === "CLOSE" ? page.lateClosed : page.latePenalty(a.latePenaltyPercent)}</dd>
              </div>
            </dl>
            {a.excusal ? (
              <p className="mt-3 rounded-lg border border-border bg-bg-sunken px-3 py-2 text-sm">
                {page.excused} <When date={a.excusal.createdAt} tz={tz} lang={lang} />
                {a.excusal.note ? (
                  <>
                    {page.excusedNote}
                    <UserText>{a.excusal.note}</UserText>
                  </>
                ) : null}
                {page.excusedTail}
              </p>
            ) : null}
            {a.result.status === "missing" ? <p className="mt-3 text-sm">{page.missing}</p> : null}

            {a.lessonActivity ? (
              <dl className="mt-4 grid gap-x-6 gap-y-1 border-t border-border pt-3 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-fg-muted">{page.openedLesson}</dt>
                  <dd>
                    <When date={a.lessonActivity.startedAt} tz={tz} lang={lang} />
                  </dd>
                </div>
                <div>
                  <dt className="text-fg-muted">{page.readToEnd}</dt>
                  <dd>
                    <When date={a.lessonActivity.readToEndAt} tz={tz} lang={lang} />
                  </dd>
                </div>
                <div>
                  <dt className="text-fg-muted">{page.markedComplete}</dt>
                  <dd>
                    <When date={a.lessonActivity.markedDoneAt} tz={tz} lang={lang} />
                  </dd>
                </div>
              </dl>
            ) : null}

            {a.targetType !== "QUIZ" ? (
              a.completions.length === 0 ? (
                <p className="mt-4 border-t border-border pt-3 text-sm text-fg-muted">{page.noCompletion}</p>
              ) : (
                <ul className="mt-4 grid gap-2 border-t border-border pt-3 text-sm">
                  {a.completions.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center gap-2">
                      <span>
                        {page.completion[a.targetType]} <When date={c.handedInAt} tz={tz} lang={lang} />
                        {c.signedOut ? (
                          <span className="text-fg-muted">
                            {" "}
                            ({page.signedOut} <When date={c.doneAt} tz={tz} lang={lang} />
                            {page.signedOutTail})
                          </span>
                        ) : null}
                      </span>
                      <VerdictBadge verdict={c.verdict} best={a.result.bestEvidenceId === c.id} locale={locale} />
                    </li>
                  ))}
                </ul>
              )
            ) : a.attempts.length === 0 ? (
              <p className="mt-4 border-t border-border pt-3 text-sm text-fg-muted">{page.noAttempts}</p>
            ) : (
              <ol className="mt-4 grid grid-cols-1 gap-5 border-t border-border pt-3">
                {a.attempts.map((t, index) => (
                  <li key={t.id} className="min-w-0">
                    <h4 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                      {page.attempt(index + 1)}
                      {t.submittedAt ? <Badge tone={t.passed ? "success" : "danger"}>{t.passed ? page.passed : page.notPassed}</Badge> : <Badge>{page.notFinished}</Badge>}
                      {t.submittedAt ? <VerdictBadge verdict={t.verdict} best={a.result.bestEvidenceId === t.id} locale={locale} /> : null}
                    </h4>
                    <p className="text-sm text-fg-muted">
                      {page.started} <When date={t.startedAt} tz={tz} lang={lang} /> · {page.handedIn} <When date={t.submittedAt} tz={tz} lang={lang} /> ·{" "}
                      {page.right(formatPoints(t.score), formatPoints(t.maxScore))}
                      {t.verdict?.counts && t.verdict.value !== null ? page.worth(formatPoints(t.verdict.value), a.points) : ""}
                    </p>
                    {t.answers.length > 0 ? (
                      <ol className="mt-2 grid gap-3">
                        {t.answers.map((answer, i) => (
                          <li key={answer.questionId} className="rounded-lg border border-border px-3 py-2 text-sm">
                            <p className="font-medium">
                              <span className="text-fg-muted">{page.question(i + 1)}</span>
                              {answer.presented ? <RichText text={answer.presented.prompt} /> : answer.questionId}
                            </p>
                            <p className="text-xs text-fg-muted">{concepts[answer.concept as Concept] ?? answer.concept}</p>
                            <p className="mt-1">
                              {answer.correct ? (
                                <span className="font-medium text-success">{page.rightLabel}</span>
                              ) : (
                                <span className="font-medium text-danger">{page.wrongLabel}</span>
                              )}
                              {answer.presented ? <RichText text={answer.presented.response} /> : null}
                            </p>
                            {!answer.correct && answer.presented ? (
                              <p className="mt-1">
                                <span className="text-fg-muted">{page.rightAnswer}</span>
                                <RichText text={answer.presented.rightAnswer} />
                              </p>
                            ) : null}
                            <MisconceptionList items={answer.misconceptions} locale={locale} />
                          </li>
                        ))}
                      </ol>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        );
      })}
    </div>
  );
}
