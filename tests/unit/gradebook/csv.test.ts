import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { gradebookCsv, neutralizeFormula } from "@/domain/gradebook/csv";
import { parseRosterCsv } from "@/lib/classes/roster-csv";
import { classActionWords } from "@/lib/i18n/words/class-actions";
import { GRADEBOOK_CSV_LOCALE, submissionStatusWords } from "@/lib/i18n/words/gradebook";

const due = new Date("2026-12-10T16:00:00Z");
const extended = new Date("2026-12-14T16:00:00Z");

describe("gradebook CSV", () => {
  const csv = gradebookCsv({
    timeZone: "Europe/Berlin",
    statusLabels: submissionStatusWords(GRADEBOOK_CSV_LOCALE),
    assignments: [
      { title: 'Quiz: "flags", states', points: 10, ungraded: false },
      { title: "Practice\u202E01/01", points: 0, ungraded: true },
    ],
    rows: [
      {
        name: "Zoë Müller",
        email: "zoe@example.test",
        cells: [
          { status: "late", score: 8, effectiveDueAt: extended },
          { status: "submitted", score: null, effectiveDueAt: due },
        ],
        total: { earned: 8, possible: 10 },
      },
      {
        name: "王小明",
        email: "wang@example.test",
        cells: [
          { status: "not-started", score: null, effectiveDueAt: due },
          { status: "missing", score: null, effectiveDueAt: due },
        ],
        total: { earned: 0, possible: 0 },
      },
      {
        name: '=HYPERLINK("x")\u0000',
        email: "x@example.test",
        cells: [
          { status: "missing", score: 0, effectiveDueAt: due },
          { status: "excused", score: null, effectiveDueAt: due },
        ],
        total: { earned: 0, possible: 10 },
      },
    ],
  });

  it("starts with a UTF-8 byte order mark and quotes what needs quoting", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"Quiz: ""flags"", states — status"');
    expect(csv).toContain("\r\n");
  });

  it("round-trips through a CSV parser: Missing is 0, the effective due date per student, no control characters", () => {
    const records: string[][] = parse(csv, { bom: true });
    expect(records[0]).toEqual([
      "Student",
      "Email",
      'Quiz: "flags", states — status',
      'Quiz: "flags", states — score (of 10)',
      'Quiz: "flags", states — due (Europe/Berlin)',
      "Practice01/01 — status",
      "Practice01/01 — score (ungraded practice)",
      "Practice01/01 — due (Europe/Berlin)",
      "Total",
      "Possible",
    ]);
    expect(records[1]).toEqual(["Zoë Müller", "zoe@example.test", "Late", "8", "2026-12-14 17:00", "Submitted", "", "2026-12-10 17:00", "8", "10"]);
    expect(records[2]).toEqual(["王小明", "wang@example.test", "Not started", "", "2026-12-10 17:00", "Missing", "", "2026-12-10 17:00", "0", "0"]);
    expect(records[3]?.slice(0, 7)).toEqual(["'=HYPERLINK(\"x\")", "x@example.test", "Missing", "0", "2026-12-10 17:00", "Excused", ""]);
    expect(csv).not.toMatch(/[\u0000\u202E]/);
  });

  it("neutralizes formula prefixes only", () => {
    expect(neutralizeFormula("+1")).toBe("'+1");
    expect(neutralizeFormula("Ada")).toBe("Ada");
  });
});

describe("roster CSV", () => {
  it("reads an email column from a header anywhere", () => {
    const roster = parseRosterCsv("\uFEFFName;E-mail;Id\nAda;ADA@example.test;1\nBen;not-an-email;2\nCy;cy@example.test;3\nAda again;ada@example.test;4\n");
    expect(roster).toEqual({ emails: ["ada@example.test", "cy@example.test"], invalid: ["not-an-email"], tooLarge: false });
  });

  it("reads a bare list of addresses and skips a header without an email column", () => {
    expect(parseRosterCsv("Student\nzoe@example.test\r\nwang@example.test").emails).toEqual(["zoe@example.test", "wang@example.test"]);
    expect(parseRosterCsv("a@example.test,Name\n\nb@example.test,Other\n").emails).toEqual(["a@example.test", "b@example.test"]);
  });

  it("refuses oversized files", () => {
    expect(parseRosterCsv("x@example.test\n".repeat(2000)).tooLarge).toBe(true);
  });
  it("says in the instructor's language that a file is not CSV, or that a row is empty", () => {
    expect(parseRosterCsv('a@example.test\n"unterminated')).toEqual({ emails: [], invalid: [], tooLarge: false, unreadable: "The file could not be read as CSV." });
    expect(parseRosterCsv('a@example.test\n"unterminated', "zh").unreadable).toBe(classActionWords("zh").classes.rosterNotCsv);
    expect(classActionWords("zh").classes.rosterNotCsv).toMatch(/\p{Script=Han}/u);
    expect(parseRosterCsv('Email\na@example.test\n""\n', "zh").invalid).toEqual([classActionWords("zh").classes.rosterEmptyRow]);
    expect(parseRosterCsv('Email\na@example.test\n""\n').invalid).toEqual(["(empty row)"]);
  });
});
