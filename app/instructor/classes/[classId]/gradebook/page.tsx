import type { Metadata } from "next";
import Link from "next/link";
import { formatPoints, StatusBadge } from "@/components/instructor/status-badge";
import { UserText } from "@/components/instructor/user-text";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { scoreText, type TargetType } from "@/domain/gradebook/semantics";
import { requireInstructor } from "@/lib/auth/session.server";
import { TARGET_LABELS } from "@/lib/catalog.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { getGradebook } from "@/lib/gradebook/gradebook.server";
import { describeMisconception } from "@/domain/quiz/misconceptions";
import { CONCEPT_LABELS, type Concept } from "@/domain/quiz/schema";

export const metadata: Metadata = { title: "Gradebook" };

export default async function GradebookPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/gradebook`);
  const g = await orNotFound(getGradebook(user, classId));
  const tz = g.classroom.timeZone;
  const base = `/instructor/classes/${classId}`;

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">Gradebook</h2>
          <a href={`${base}/gradebook/export`} className={buttonClass("secondary", "sm")} download>
            Export CSV
          </a>
        </div>
        {g.rows.length === 0 || g.assignments.length === 0 ? (
          <p className="mt-3 text-sm text-fg-muted">The gradebook fills in once the class has students and assignments.</p>
        ) : (
          <div className="relative mt-4 overflow-x-auto rounded-lg border border-border" role="region" aria-label="Gradebook, scrolls sideways" tabIndex={0}>
            <table className="w-full text-sm">
              <caption className="sr-only">Status and score of every student on every assignment</caption>
              <thead className="bg-bg-sunken">
                <tr>
                  <th scope="col" className="sticky left-0 z-10 bg-bg-sunken px-3 py-2 text-left font-semibold">
                    Student
                  </th>
                  {g.assignments.map((a) => (
                    <th key={a.id} scope="col" className="min-w-44 px-3 py-2 text-left align-bottom font-semibold">
                      <Link href={`${base}/assignments/${a.id}`} className="hover:text-accent hover:underline">
                        <UserText>{a.title}</UserText>
                      </Link>
                      <span className="block text-xs font-normal text-fg-muted">
                        {TARGET_LABELS[a.targetType as TargetType]} · {a.ungraded ? "ungraded practice" : `${a.points} pts`} · due{" "}
                        <LocalTime iso={a.dueAt.toISOString()} timeZone={tz} />
                      </span>
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {g.rows.map((row) => (
                  <tr key={row.student.id}>
                    <th scope="row" className="sticky left-0 z-10 whitespace-nowrap bg-bg-elevated px-3 py-2 text-left font-medium">
                      <Link href={`${base}/students/${row.student.id}`} className="text-accent underline-offset-2 hover:underline">
                        <UserText>{row.student.name ?? row.student.email}</UserText>
                      </Link>
                    </th>
                    {row.cells.map((cell) => (
                      <td key={cell.assignmentId} className="px-3 py-2 align-top" data-testid="gradebook-cell">
                        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                          <StatusBadge status={cell.result.status} />
                          <span className="whitespace-nowrap tabular-nums">
                            {cell.result.score === null ? <span className="text-fg-muted">—</span> : scoreText(cell.result)}
                          </span>
                        </div>
                        {cell.result.effectiveDueAt.getTime() !== (g.assignments.find((a) => a.id === cell.assignmentId)?.dueAt.getTime() ?? 0) ? (
                          <span className="mt-1 block text-xs text-fg-muted">
                            extended: due <LocalTime iso={cell.result.effectiveDueAt.toISOString()} timeZone={tz} />
                          </span>
                        ) : null}
                      </td>
                    ))}
                    <td className="whitespace-nowrap px-3 py-2 text-right align-top tabular-nums">
                      {row.total.possible ? `${formatPoints(row.total.earned)} / ${row.total.possible}` : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-3 text-xs text-fg-muted">
          Totals count handed-in work and missing work (missing = 0 points); work not yet due, excused work and ungraded practice are left out. Work counts from the
          assignment&apos;s opening (unless it accepts earlier work) and never from before the student joined. Times in {tz.replaceAll("_", " ")}.
        </p>
      </Card>

      <Card id="needs-attention">
        <h2 className="text-lg font-semibold">Needs attention</h2>
        {g.needsAttention.length === 0 ? (
          <p className="mt-2 text-sm text-fg-muted">Nobody looks stuck right now.</p>
        ) : (
          <ul className="mt-3 divide-y divide-border">
            {g.needsAttention.map(({ student, reasons }) => (
              <li key={student.id} className="py-3 text-sm">
                <Link href={`${base}/students/${student.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                  <UserText>{student.name ?? student.email}</UserText>
                </Link>
                <ul className="mt-1 list-disc pl-5 text-fg-muted">
                  {reasons.map((r) =>
                    r.kind === "repeated-failures" ? (
                      <li key={`f-${r.concept}`}>
                        Keeps missing <strong className="text-fg">{CONCEPT_LABELS[r.concept as Concept] ?? r.concept}</strong>: {r.wrong} wrong answers over {r.attempts}{" "}
                        attempts
                        {r.misconception ? <> (most often: “{describeMisconception(r.misconception.split(",")[0] ?? "").title}”)</> : null}
                      </li>
                    ) : (
                      <li key={`a-${r.assignmentId}`}>
                        No activity on{" "}
                        <strong className="text-fg">
                          <UserText>{r.title}</UserText>
                        </strong>{" "}
                        since it opened
                        {r.status === "missing" ? " (now missing)" : ""}
                      </li>
                    ),
                  )}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
