/**
 * The instructor's grade views in both languages (lib/i18n/words/gradebook.ts): the same keys,
 * Chinese for every text, one table of statuses that the gradebook, a student's page, the
 * learner's dashboard and the CSV export all read, and the CSV export's fixed language (ADR 1330).
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { gradebookCsv } from "@/domain/gradebook/csv";
import { SUBMISSION_STATUSES, type SubmissionStatus } from "@/domain/gradebook/semantics";
import { LOCALES } from "@/domain/locale";
import { findCatalogItem } from "@/lib/catalog.server";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { GRADEBOOK_CSV_LOCALE, gradebookWords, submissionStatusWords, targetTypeWords } from "@/lib/i18n/words/gradebook";

const HAN = /\p{Script=Han}/u;
const SAMPLE_ARGS = ["7", 3, 5, 7, 9];

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") out.set(prefix, String((value as (...args: unknown[]) => unknown)(...SAMPLE_ARGS)));
  else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) for (const [path, text] of leaves(inner, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
  } else out.set(prefix, String(value));
  return out;
}

/** Texts with no words of their own: a dash for "no score", "8 / 10", the colon before an excusal's note. */
const NOT_WORDS = ["dash", "outOf", "student.excusedNote"];

describe("gradebook words", () => {
  const en = leaves(gradebookWords("en"));
  const zh = leaves(gradebookWords("zh"));

  it("has the same keys in both languages", () => {
    expect([...zh.keys()]).toEqual([...en.keys()]);
  });

  it("has Chinese for every text of the Chinese pages, different from the English", () => {
    const problems: string[] = [];
    for (const [path, english] of en) {
      if (NOT_WORDS.includes(path)) continue;
      const chinese = zh.get(path) ?? "";
      if (chinese.trim() === "") problems.push(`${path}: empty`);
      else if (!HAN.test(chinese)) problems.push(`${path}: no Chinese in “${chinese}”`);
      else if (chinese === english) problems.push(`${path}: same as the English`);
      if (english.trim() === "") problems.push(`${path}: empty in English`);
      if (/undefined|NaN|\[object/.test(chinese + english)) problems.push(`${path}: a missing argument`);
    }
    expect(problems).toEqual([]);
  });

  it("names every submission status in both languages, each one differently", () => {
    const expected: Record<(typeof LOCALES)[number], Record<SubmissionStatus, string>> = {
      en: { "not-started": "Not started", "in-progress": "In progress", submitted: "Submitted", late: "Late", missing: "Missing", excused: "Excused" },
      zh: { "not-started": "未开始", "in-progress": "进行中", submitted: "已提交", late: "迟交", missing: "缺交", excused: "已免做" },
    };
    for (const locale of LOCALES) {
      const names = submissionStatusWords(locale);
      expect(Object.keys(names).sort()).toEqual([...SUBMISSION_STATUSES].sort());
      expect(names).toEqual(expected[locale]);
      expect(new Set(Object.values(names)).size).toBe(SUBMISSION_STATUSES.length);
    }
  });

  it("is the one table of statuses: the learner's dashboard and the gradebook read the same names", () => {
    for (const locale of LOCALES) {
      expect(dashboardWords(locale).assignments.status).toBe(submissionStatusWords(locale));
      expect(gradebookWords(locale).status).toEqual(submissionStatusWords(locale));
      expect(gradebookWords(locale).targetTypes).toEqual(targetTypeWords(locale));
    }
  });

  it("names each kind of assignment once, as the assignment catalog does", () => {
    expect(targetTypeWords("en")).toEqual({ LESSON: "Lesson", QUIZ: "Quiz", CHALLENGE: "Challenge", REVIEW: "Review until mastered", DIAGNOSTIC: "Lesson diagnostic" });
    expect(findCatalogItem("REVIEW", "flags+time-wait", "zh")?.title.startsWith(`${targetTypeWords("zh").REVIEW}：`)).toBe(true);
    expect(findCatalogItem("DIAGNOSTIC", "time-wait", "zh")?.title.startsWith(`${targetTypeWords("zh").DIAGNOSTIC}：`)).toBe(true);
  });

  it("explains both refusals of a piece of work and a counted score in Chinese", () => {
    const verdict = gradebookWords("zh").verdict;
    expect(verdict.beforeWindow).toBe("在计入时间之前完成：不计入");
    expect(verdict.closed).toBe("截止之后提交：不接受");
    expect(verdict.scoreFrom("8.5")).toBe("得分来自这一次：8.5");
    expect(gradebookWords("zh").student.latePenalty(20)).toBe("接受，扣 20%");
  });
});

describe("the gradebook CSV's language (ADR 1330)", () => {
  const cells = SUBMISSION_STATUSES.map((status) => ({ status, score: status === "missing" ? 0 : null, effectiveDueAt: new Date("2026-12-10T16:00:00Z") }));
  const csv = gradebookCsv({
    timeZone: "Asia/Shanghai",
    statusLabels: submissionStatusWords(GRADEBOOK_CSV_LOCALE),
    assignments: SUBMISSION_STATUSES.map((status, i) => ({ title: `作业 ${i + 1} ${status}`, points: 10, ungraded: false })),
    rows: [{ name: "王小明", email: "wang@example.test", cells, total: { earned: 0, possible: 10 } }],
  });
  const [header, row] = parse(csv, { bom: true }) as string[][];

  it("is English, fixed for spreadsheets and LMS imports, whichever page it is downloaded from", () => {
    expect(GRADEBOOK_CSV_LOCALE).toBe("en");
    expect(header?.slice(0, 2)).toEqual(["Student", "Email"]);
    expect(header?.at(-2)).toBe("Total");
    const statuses = SUBMISSION_STATUSES.map((_, i) => row?.[2 + i * 3]);
    expect(statuses).toEqual(["Not started", "In progress", "Submitted", "Late", "Missing", "Excused"]);
    expect(statuses.some((s) => HAN.test(s ?? ""))).toBe(false);
  });

  it("keeps what people typed as they typed it: Chinese names and titles stay", () => {
    expect(row?.[0]).toBe("王小明");
    expect(header?.[2]).toBe("作业 1 not-started — status");
  });
});
