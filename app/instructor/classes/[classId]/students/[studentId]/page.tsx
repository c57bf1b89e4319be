import type { Metadata } from "next";
import Link from "next/link";
import { formatPoints, StatusBadge } from "@/components/instructor/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requireInstructor } from "@/lib/auth/session.server";
import { describeResponse, TARGET_LABELS } from "@/lib/catalog.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { getStudentDrilldown } from "@/lib/gradebook/gradebook.server";

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
        <h2 className="mt-1 text-2xl font-semibold">{d.student.name ?? d.student.email}</h2>
        <p className="text-sm text-fg-muted">
          {d.student.email} · times in {tz.replaceAll("_", " ")}
        </p>
      </div>
      {d.assignments.length === 0 ? <p className="text-sm text-fg-muted">This class has no assignments yet.</p> : null}
      {d.assignments.map((a) => (
        <Card key={a.id}>
          <div className="flex flex-wrap items-center gap-3">
            <h3 className="text-lg font-semibold">{a.title}</h3>
            <StatusBadge status={a.result.status} />
            <span className="tabular-nums">{a.result.score === null ? "—" : `${formatPoints(a.result.score)} / ${a.points}`}</span>
          </div>
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-fg-muted">{TARGET_LABELS[a.targetType]}</dt>
              <dd className="font-mono text-xs">{a.targetId}</dd>
            </div>
            <div>
              <dt className="text-fg-muted">Due{a.extensionDueAt ? " (extended)" : ""}</dt>
              <dd>
                <When date={a.result.effectiveDueAt} tz={tz} />
              </dd>
            </div>
            <div>
              <dt className="text-fg-muted">Handed in</dt>
              <dd>
                <When date={a.result.submittedAt} tz={tz} />
              </dd>
            </div>
            <div>
              <dt className="text-fg-muted">Late work</dt>
              <dd>{a.latePolicy === "CLOSE" ? "Not accepted" : `−${a.latePenaltyPercent}%`}</dd>
            </div>
          </dl>

          {a.targetType === "LESSON" ? (
            <dl className="mt-4 grid gap-x-6 gap-y-1 border-t border-border pt-3 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-fg-muted">Opened the lesson</dt>
                <dd>
                  <When date={a.lesson?.startedAt} tz={tz} />
                </dd>
              </div>
              <div>
                <dt className="text-fg-muted">Read to the end</dt>
                <dd>
                  <When date={a.lesson?.readToEndAt} tz={tz} />
                </dd>
              </div>
              <div>
                <dt className="text-fg-muted">Completed</dt>
                <dd>
                  <When date={a.lesson?.completedAt} tz={tz} />
                </dd>
              </div>
            </dl>
          ) : null}

          {a.targetType === "CHALLENGE" ? (
            <p className="mt-4 border-t border-border pt-3 text-sm">
              Challenge verified by the server: <When date={a.challenge?.completedAt} tz={tz} />
            </p>
          ) : null}

          {a.targetType === "QUIZ" ? (
            a.attempts.length === 0 ? (
              <p className="mt-4 border-t border-border pt-3 text-sm text-fg-muted">No attempts.</p>
            ) : (
              <ol className="mt-4 grid grid-cols-1 gap-4 border-t border-border pt-3">
                {a.attempts.map((t, index) => (
                  <li key={t.id} className="min-w-0">
                    <h4 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                      Attempt {index + 1}
                      {t.submittedAt ? (
                        <Badge tone={t.passed ? "success" : "danger"}>{t.passed ? "Passed" : "Not passed"}</Badge>
                      ) : (
                        <Badge>Not submitted</Badge>
                      )}
                      {t.late ? <Badge tone="warning">After due date</Badge> : null}
                      {t.submittedAt && !t.counted ? <Badge tone="warning">Does not count</Badge> : null}
                      {a.result.bestAttemptId === t.id ? <Badge tone="accent">Best</Badge> : null}
                    </h4>
                    <p className="text-sm text-fg-muted">
                      Started <When date={t.startedAt} tz={tz} /> · submitted <When date={t.submittedAt} tz={tz} /> · {formatPoints(t.score)} of{" "}
                      {formatPoints(t.maxScore)} right
                    </p>
                    {t.answers.length > 0 ? (
                      <div className="relative mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={`Answers in attempt ${index + 1} of ${a.title}`}>
                        <table className="w-full min-w-[36rem] text-sm">
                          <caption className="sr-only">Answers in attempt {index + 1}</caption>
                          <thead className="border-b border-border text-left text-xs uppercase tracking-wide text-fg-muted">
                            <tr>
                              <th scope="col" className="px-2 py-1">Question</th>
                              <th scope="col" className="px-2 py-1">Answer</th>
                              <th scope="col" className="px-2 py-1">Result</th>
                              <th scope="col" className="px-2 py-1">Misconception</th>
                            </tr>
                          </thead>
                          <tbody className="divide-y divide-border">
                            {t.answers.map((answer) => (
                              <tr key={answer.questionId}>
                                <td className="px-2 py-1.5 align-top">
                                  {a.prompts.get(answer.questionId) ?? <span className="font-mono text-xs">{answer.questionId}</span>}
                                  <span className="block text-xs text-fg-muted">{answer.concept}</span>
                                </td>
                                <td className="px-2 py-1.5 align-top break-all">{describeResponse(a.targetId, answer.questionId, answer.response)}</td>
                                <td className="px-2 py-1.5 align-top">
                                  {answer.correct ? <span className="text-success">Correct</span> : <span className="text-danger">Wrong</span>}
                                </td>
                                <td className="px-2 py-1.5 align-top font-mono text-xs">{answer.misconception?.replaceAll(",", ", ") ?? ""}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            )
          ) : null}
        </Card>
      ))}
    </div>
  );
}
