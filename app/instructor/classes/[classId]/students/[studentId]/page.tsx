import type { Metadata } from "next";
import Link from "next/link";
import { MisconceptionList } from "@/components/instructor/misconception-list";
import { formatPoints, StatusBadge } from "@/components/instructor/status-badge";
import { UserText } from "@/components/instructor/user-text";
import { VerdictBadge } from "@/components/instructor/verdict-badge";
import { RichText } from "@/components/quiz/rich-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { scoreText } from "@/domain/gradebook/semantics";
import { CONCEPT_LABELS, type Concept } from "@/domain/quiz/schema";
import { requireInstructor } from "@/lib/auth/session.server";
import { TARGET_LABELS } from "@/lib/catalog.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { getStudentDrilldown } from "@/lib/gradebook/gradebook.server";

/** What a completion on each kind of target means, as the drill-down says it. */
const COMPLETION_LABELS: Partial<Record<string, string>> = {
  LESSON: "Completed the lesson",
  CHALLENGE: "Challenge verified by the server",
  REVIEW: "Every concept reached mastery (80% over three answers or more, counting answers since the work counts from)",
  DIAGNOSTIC: "Handed in the after-lesson diagnostic",
};

export const metadata: Metadata = { title: "Student" };

function When({ date, tz }: { date: Date | null | undefined; tz: string }) {
  return date ? <LocalTime iso={date.toISOString()} timeZone={tz} /> : <span className="text-fg-muted">—</span>;
}

export default async function StudentPage({ params }: { params: Promise<{ classId: string; studentId: string }> }) {
  const { classId, studentId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/students/${studentId}`);
  const d = await orNotFound(getStudentDrilldown(user, classId, studentId));
  const tz = d.classroom.timeZone;
  return (
    <div className="grid grid-cols-1 gap-6">
      <div>
        <p className="text-sm">
          <Link href={`/instructor/classes/${classId}/gradebook`} className="text-fg-muted hover:text-fg">
            ← Gradebook
          </Link>
        </p>
        <h2 className="mt-1 text-2xl font-semibold">
          <UserText>{d.student.name ?? d.student.email}</UserText>
        </h2>
        <p className="text-sm text-fg-muted">
          <UserText>{d.student.email}</UserText> · joined the class <When date={d.student.joinedAt} tz={tz} /> · times in {tz.replaceAll("_", " ")}
        </p>
        <p className="mt-1 text-sm text-fg-muted">Only work on this class&apos;s assignments since they joined is shown; their own history before that stays private.</p>
      </div>
      {d.assignments.length === 0 ? <p className="text-sm text-fg-muted">This class has no assignments yet.</p> : null}
      {d.assignments.map((a) => (
        <Card key={a.id} aria-labelledby={`assignment-${a.id}`}>
          <div className="flex flex-wrap items-center gap-3">
            <h3 id={`assignment-${a.id}`} className="text-lg font-semibold">
              <UserText>{a.title}</UserText>
            </h3>
            <StatusBadge status={a.result.status} />
            <span className="tabular-nums" data-testid="drilldown-score">
              {a.ungraded ? "ungraded practice" : a.result.score === null ? "—" : scoreText(a.result)}
            </span>
          </div>
          <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-fg-muted">{TARGET_LABELS[a.targetType]}</dt>
              <dd>{a.item?.title ?? a.targetId}</dd>
            </div>
            <div>
              <dt className="text-fg-muted">Due{a.result.effectiveDueAt.getTime() !== a.dueAt.getTime() ? " (extended)" : ""}</dt>
              <dd>
                <When date={a.result.effectiveDueAt} tz={tz} />
                {a.result.effectiveDueAt.getTime() !== a.dueAt.getTime() ? (
                  <span className="block text-xs text-fg-muted">
                    class due date <When date={a.dueAt} tz={tz} />
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-fg-muted">Work counts from</dt>
              <dd>
                <When date={a.result.windowStart} tz={tz} />
                <span className="block text-xs text-fg-muted">
                  {a.result.windowStart.getTime() === a.opensAt.getTime() ? "when it opened" : a.acceptEarlierWork ? "when they joined (earlier work accepted)" : "when they joined"}
                </span>
              </dd>
            </div>
            <div>
              <dt className="text-fg-muted">Late work</dt>
              <dd>{a.latePolicy === "CLOSE" ? "Not accepted" : `Accepted, −${a.latePenaltyPercent}%`}</dd>
            </div>
          </dl>
          {a.excusal ? (
            <p className="mt-3 rounded-lg border border-border bg-bg-sunken px-3 py-2 text-sm">
              Excused <When date={a.excusal.createdAt} tz={tz} />
              {a.excusal.note ? (
                <>
                  : <UserText>{a.excusal.note}</UserText>
                </>
              ) : null}
              . Left out of the total.
            </p>
          ) : null}
          {a.result.status === "missing" ? (
            <p className="mt-3 text-sm">Missing: nothing that counts was handed in by the due date, so it is worth 0 points.</p>
          ) : null}

          {a.lessonActivity ? (
            <dl className="mt-4 grid gap-x-6 gap-y-1 border-t border-border pt-3 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-fg-muted">Opened the lesson</dt>
                <dd>
                  <When date={a.lessonActivity.startedAt} tz={tz} />
                </dd>
              </div>
              <div>
                <dt className="text-fg-muted">Read to the end</dt>
                <dd>
                  <When date={a.lessonActivity.readToEndAt} tz={tz} />
                </dd>
              </div>
              <div>
                <dt className="text-fg-muted">Marked complete</dt>
                <dd>
                  <When date={a.lessonActivity.markedDoneAt} tz={tz} />
                </dd>
              </div>
            </dl>
          ) : null}

          {a.targetType !== "QUIZ" ? (
            a.completions.length === 0 ? (
              <p className="mt-4 border-t border-border pt-3 text-sm text-fg-muted">No completion yet.</p>
            ) : (
              <ul className="mt-4 grid gap-2 border-t border-border pt-3 text-sm">
                {a.completions.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center gap-2">
                    <span>
                      {COMPLETION_LABELS[a.targetType] ?? "Completed"} <When date={c.handedInAt} tz={tz} />
                      {c.signedOut ? (
                        <span className="text-fg-muted">
                          {" "}
                          (done signed out <When date={c.doneAt} tz={tz} />, credited when merged into the account)
                        </span>
                      ) : null}
                    </span>
                    <VerdictBadge verdict={c.verdict} best={a.result.bestEvidenceId === c.id} />
                  </li>
                ))}
              </ul>
            )
          ) : a.attempts.length === 0 ? (
            <p className="mt-4 border-t border-border pt-3 text-sm text-fg-muted">No attempts.</p>
          ) : (
            <ol className="mt-4 grid grid-cols-1 gap-5 border-t border-border pt-3">
              {a.attempts.map((t, index) => (
                <li key={t.id} className="min-w-0">
                  <h4 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                    Attempt {index + 1}
                    {t.submittedAt ? <Badge tone={t.passed ? "success" : "danger"}>{t.passed ? "Passed" : "Not passed"}</Badge> : <Badge>Not finished</Badge>}
                    {t.submittedAt ? <VerdictBadge verdict={t.verdict} best={a.result.bestEvidenceId === t.id} /> : null}
                  </h4>
                  <p className="text-sm text-fg-muted">
                    Started <When date={t.startedAt} tz={tz} /> · handed in <When date={t.submittedAt} tz={tz} /> · {formatPoints(t.score)} of {formatPoints(t.maxScore)} right
                    {t.verdict?.counts && t.verdict.value !== null ? ` · worth ${formatPoints(t.verdict.value)} / ${a.points}` : ""}
                  </p>
                  {t.answers.length > 0 ? (
                    <ol className="mt-2 grid gap-3">
                      {t.answers.map((answer, i) => (
                        <li key={answer.questionId} className="rounded-lg border border-border px-3 py-2 text-sm">
                          <p className="font-medium">
                            <span className="text-fg-muted">Question {i + 1}. </span>
                            {answer.presented ? <RichText text={answer.presented.prompt} /> : answer.questionId}
                          </p>
                          <p className="text-xs text-fg-muted">{CONCEPT_LABELS[answer.concept as Concept] ?? answer.concept}</p>
                          <p className="mt-1">
                            {answer.correct ? <span className="font-medium text-success">Right: </span> : <span className="font-medium text-danger">Wrong: </span>}
                            {answer.presented ? <RichText text={answer.presented.response} /> : null}
                          </p>
                          {!answer.correct && answer.presented ? (
                            <p className="mt-1">
                              <span className="text-fg-muted">Right answer: </span>
                              <RichText text={answer.presented.rightAnswer} />
                            </p>
                          ) : null}
                          <MisconceptionList items={answer.misconceptions} />
                        </li>
                      ))}
                    </ol>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </Card>
      ))}
    </div>
  );
}
