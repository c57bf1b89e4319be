import { stringify } from "csv-stringify/sync";
import { STATUS_LABELS, type SubmissionStatus } from "./semantics";

export type GradebookCsvInput = {
  assignments: ReadonlyArray<{ title: string; points: number }>;
  rows: ReadonlyArray<{
    name: string;
    email: string;
    cells: ReadonlyArray<{ status: SubmissionStatus; score: number | null }>;
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

/**
 * The gradebook as CSV: one row per student, a status and a score column per assignment, then
 * totals. RFC 4180 quoting by csv-stringify, CRLF line ends, and a UTF-8 byte order mark so
 * spreadsheet apps read names such as "Zoë" or "王小明" as UTF-8.
 */
export function gradebookCsv({ assignments, rows }: GradebookCsvInput): string {
  const header = ["Student", "Email"];
  for (const a of assignments) header.push(`${a.title} — status`, `${a.title} — score (of ${a.points})`);
  header.push("Total", "Possible");
  const body = rows.map((row) => {
    const cells: Array<string | number> = [neutralizeFormula(row.name), neutralizeFormula(row.email)];
    for (const cell of row.cells) cells.push(STATUS_LABELS[cell.status], cell.score ?? "");
    cells.push(row.total.earned, row.total.possible);
    return cells;
  });
  return stringify([header.map(neutralizeFormula), ...body], { bom: true, record_delimiter: "windows" });
}
