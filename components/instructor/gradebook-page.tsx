import type { Metadata } from "next";
import Link from "next/link";
import { UserText } from "@/components/instructor/user-text";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { formatPoints, scoreText, type TargetType } from "@/domain/gradebook/semantics";
import type { Locale } from "@/domain/locale";
import type { Concept } from "@/domain/quiz/schema";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { getGradebook } from "@/lib/gradebook/gradebook.server";
import { gradebookWords } from "@/lib/i18n/words/gradebook";
import { describeMisconceptionIn } from "@/lib/i18n/words/misconceptions";
import { startClassPage } from "./class-page-start.server";
import { StatusBadge } from "./status-badge";

export function gradebookMetadata(locale: Locale): Metadata {
  return { title: gradebookWords(locale).gradebook.title };
}

/** A class's gradebook: every student's status and score on every assignment, and who needs attention. */
export async function GradebookPage({ classId, locale }: { classId: string; locale: Locale }) {
  const { base, user, words, concepts, lang } = await startClassPage(locale, classId, "/gradebook");
  const g = await orNotFound(getGradebook(user, classId));
  const page = words.gradebook;
  const tz = g.classroom.timeZone;

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">{page.title}</h2>
          {/* One file in every language (ADR 1330): the English route serves it. */}
          <a href={`/instructor/classes/${classId}/gradebook/export`} className={buttonClass("secondary", "sm")} download>
            {page.export}
          </a>
        </div>
        <p className="mt-1 text-xs text-fg-muted">{page.exportNote}</p>
        {g.rows.length === 0 || g.assignments.length === 0 ? (
          <p className="mt-3 text-sm text-fg-muted">{page.empty}</p>
        ) : (
          <div className="relative mt-4 overflow-x-auto rounded-lg border border-border" role="region" aria-label={page.region} tabIndex={0}>
            <table className="w-full text-sm">
              <caption className="sr-only">{page.caption}</caption>
              <thead className="bg-bg-sunken">
                <tr>
                  <th scope="col" className="sticky left-0 z-10 bg-bg-sunken px-3 py-2 text-left font-semibold">
                    {page.student}
                  </th>
                  {g.assignments.map((a) => (
                    <th key={a.id} scope="col" className="min-w-44 px-3 py-2 text-left align-bottom font-semibold">
                      <Link href={`${base}/assignments/${a.id}`} className="hover:text-accent hover:underline">
                        <UserText>{a.title}</UserText>
                      </Link>
                      <span className="block text-xs font-normal text-fg-muted">
                        {words.targetTypes[a.targetType as TargetType]} · {a.ungraded ? words.ungraded : words.points(a.points)} · {page.due}{" "}
                        <LocalTime iso={a.dueAt.toISOString()} timeZone={tz} lang={lang} />
                      </span>
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    {page.total}
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
                          <StatusBadge status={cell.result.status} locale={locale} />
                          <span className="whitespace-nowrap tabular-nums">
                            {cell.result.score === null ? <span className="text-fg-muted">{words.dash}</span> : scoreText(cell.result)}
                          </span>
                        </div>
                        {cell.result.effectiveDueAt.getTime() !== (g.assignments.find((a) => a.id === cell.assignmentId)?.dueAt.getTime() ?? 0) ? (
                          <span className="mt-1 block text-xs text-fg-muted">
                            {page.extendedDue} <LocalTime iso={cell.result.effectiveDueAt.toISOString()} timeZone={tz} lang={lang} />
                          </span>
                        ) : null}
                      </td>
                    ))}
                    <td className="whitespace-nowrap px-3 py-2 text-right align-top tabular-nums">
                      {row.total.possible ? words.outOf(formatPoints(row.total.earned), row.total.possible) : words.dash}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-3 text-xs text-fg-muted">
          {page.totalsNote} {words.timesIn(tz.replaceAll("_", " "))}
        </p>
      </Card>

      <Card id="needs-attention">
        <h2 className="text-lg font-semibold">{page.needsAttention}</h2>
        {g.needsAttention.length === 0 ? (
          <p className="mt-2 text-sm text-fg-muted">{page.nobodyStuck}</p>
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
                        {page.keepsMissing}
                        <strong className="text-fg">{concepts[r.concept as Concept] ?? r.concept}</strong>
                        {page.wrongOver(r.wrong, r.attempts)}
                        {r.misconception ? page.mostOften(describeMisconceptionIn(r.misconception.split(",")[0] ?? "", locale).title) : null}
                      </li>
                    ) : (
                      <li key={`a-${r.assignmentId}`}>
                        {page.noActivityOn}
                        <strong className="text-fg">
                          <UserText>{r.title}</UserText>
                        </strong>
                        {page.sinceOpened}
                        {r.status === "missing" ? page.nowMissing : ""}
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
