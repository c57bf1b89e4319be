import { stringify } from "csv-stringify/sync";
import type { AssignmentResult, SubmissionStatus } from "@/domain/gradebook/semantics";
import { cleanText } from "@/domain/gradebook/text";
import { instantToWallTime } from "@/domain/gradebook/zoned-time";

export type GradebookCsvInput = {
  /** The class's zone: due dates are written in it, as the gradebook page shows them. */
  timeZone: string;
  /** The name of each status in the file's language (lib/i18n/words/gradebook.ts; ADR 1330: fixed, English). */
  statusLabels: Readonly<Record<SubmissionStatus, string>>;
  assignments: ReadonlyArray<{ title: string; points: number; ungraded: boolean }>;
  rows: ReadonlyArray<{
    name: string;
    email: string;
    cells: ReadonlyArray<Pick<AssignmentResult, "status" | "score" | "effectiveDueAt">>;
    total: { earned: number; possible: number };
  }>;
};

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe:
 * student names are typed by students (OWASP "CSV injection").
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Text typed by people, as a cell: no control or direction-override characters, no formula. */
const textCell = (value: string) => neutralizeFormula(cleanText(value));

/**
 * The gradebook as CSV: one row per student; per assignment its status, score and the student's
 * own (effective) due date; then totals. Missing work is 0 here as on the page; excused work and
 * ungraded practice have no score. RFC 4180 quoting by csv-stringify, CRLF line ends, and a UTF-8
 * byte order mark so spreadsheet apps read names such as "Zoë" or "王小明" as UTF-8.
 */
export function gradebookCsv({ timeZone, statusLabels, assignments, rows }: GradebookCsvInput): string {
  const header = ["Student", "Email"];
  for (const a of assignments) {
    const title = cleanText(a.title);
    header.push(`${title} — status`, a.ungraded ? `${title} — score (ungraded practice)` : `${title} — score (of ${a.points})`, `${title} — due (${timeZone})`);
  }
  header.push("Total", "Possible");
  const body = rows.map((row) => {
    const cells: Array<string | number> = [textCell(row.name), textCell(row.email)];
    for (const cell of row.cells) cells.push(statusLabels[cell.status], cell.score ?? "", instantToWallTime(cell.effectiveDueAt, timeZone).replace("T", " "));
    cells.push(row.total.earned, row.total.possible);
    return cells;
  });
  return stringify([header.map(neutralizeFormula), ...body], { bom: true, record_delimiter: "windows" });
}
