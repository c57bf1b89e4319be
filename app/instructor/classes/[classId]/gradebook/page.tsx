import type { Metadata } from "next";
import Link from "next/link";
import { formatPoints, StatusBadge } from "@/components/instructor/status-badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requireInstructor } from "@/lib/auth/session.server";
import { TARGET_LABELS } from "@/lib/catalog.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { getGradebook } from "@/lib/gradebook/gradebook.server";
import type { TargetType } from "@/lib/gradebook/semantics";

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
                    <th key={a.id} scope="col" className="min-w-40 px-3 py-2 text-left align-bottom font-semibold">
                      <Link href={`${base}/assignments/${a.id}`} className="hover:text-accent hover:underline">
                        {a.title}
                      </Link>
                      <span className="block text-xs font-normal text-fg-muted">
                        {TARGET_LABELS[a.targetType as TargetType]} · {a.points} pts · due <LocalTime iso={a.dueAt.toISOString()} timeZone={tz} />
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
                        {row.student.name ?? row.student.email}
                      </Link>
                    </th>
                    {row.cells.map((cell) => (
                      <td key={cell.assignmentId} className="px-3 py-2">
                        <div className="flex items-center gap-2 whitespace-nowrap">
                          <StatusBadge status={cell.result.status} />
                          <span className="tabular-nums">
                            {cell.result.score === null ? <span className="text-fg-muted">—</span> : `${formatPoints(cell.result.score)} / ${cell.points}`}
                          </span>
                        </div>
                        {cell.extended ? (
                          <span className="mt-1 block text-xs text-fg-muted">
                            extended to <LocalTime iso={cell.result.effectiveDueAt.toISOString()} timeZone={tz} />
                          </span>
                        ) : null}
                      </td>
                    ))}
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                      {row.total.possible ? `${formatPoints(row.total.earned)} / ${row.total.possible}` : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-3 text-xs text-fg-muted">
          Totals count handed-in and missing work (missing = 0); work not yet due is left out. Times in {tz.replaceAll("_", " ")}.
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
                  {student.name ?? student.email}
                </Link>
                <ul className="mt-1 list-disc pl-5 text-fg-muted">
                  {reasons.map((r) =>
                    r.kind === "repeated-failures" ? (
                      <li key={`f-${r.concept}`}>
                        Keeps missing <strong className="text-fg">{r.concept}</strong>: {r.wrong} wrong answers over {r.attempts} attempts
                        {r.misconception ? ` (often: ${r.misconception})` : ""}
                      </li>
                    ) : (
                      <li key={`a-${r.assignmentId}`}>
                        No activity on <strong className="text-fg">{r.title}</strong> since it opened
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
