import { parse } from "csv-parse/sync";
import type { Locale } from "@/domain/locale";
import { emailField } from "../auth/credentials";
import { classActionWords } from "../i18n/words/class-actions";

export const ROSTER_MAX_ROWS = 1000;
export const ROSTER_MAX_BYTES = 256 * 1024;

export type ParsedRoster = {
  emails: string[];
  invalid: string[];
  tooLarge: boolean;
  /** Why the file could not be read at all (not CSV), in the instructor's language. */
  unreadable?: string;
};

/**
 * Emails from a roster CSV as spreadsheets and LMSs export them: with or without a header, with
 * an "Email"/"E-mail" column anywhere or a single column of addresses, comma, semicolon or tab
 * separated, with or without a BOM. Emails are lowercased and deduplicated; rows whose cell is
 * not an email are reported (a header row without an email column is skipped silently).
 * What it says itself (a file that is not CSV, an empty row) is in `locale`.
 */
export function parseRosterCsv(text: string, locale: Locale = "en"): ParsedRoster {
  const words = classActionWords(locale).classes;
  if (Buffer.byteLength(text, "utf8") > ROSTER_MAX_BYTES) return { emails: [], invalid: [], tooLarge: true };
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]?.d ?? ",";
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true });
  } catch {
    return { emails: [], invalid: [], tooLarge: false, unreadable: words.rosterNotCsv };
  }
  if (records.length > ROSTER_MAX_ROWS + 1) return { emails: [], invalid: [], tooLarge: true };

  let column = -1;
  const header = records[0] ?? [];
  const headerColumn = header.findIndex((cell) => /^e-?mail( address)?$/i.test(cell));
  if (headerColumn >= 0) {
    column = headerColumn;
    records = records.slice(1);
  }

  const emails = new Set<string>();
  const invalid: string[] = [];
  records.forEach((row, index) => {
    const cell = column >= 0 ? row[column] : row.find((c) => c.includes("@"));
    if (cell === undefined || cell === "") {
      // A header row of some other export ("Name,Student ID") is not an error.
      if (index === 0 && column < 0) return;
      invalid.push(row.join(", ") || words.rosterEmptyRow);
      return;
    }
    const parsed = emailField.safeParse(cell);
    if (parsed.success) emails.add(parsed.data);
    else invalid.push(cell);
  });
  return { emails: [...emails], invalid, tooLarge: false };
}
