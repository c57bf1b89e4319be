import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Locator, type Page } from "@playwright/test";
import { quizFiles } from "../../content/quizzes";
import { parseQuiz, type Question } from "../../domain/quiz/schema";
import { E2E_DATABASE } from "./support";

/** Screenshots of the review pages, looked at by hand (not compared). */
export const SHOTS = path.join(tmpdir(), "review-shots");
mkdirSync(SHOTS, { recursive: true });

const questions: Question[] = quizFiles.flatMap((file) => parseQuiz(file.quiz, file.source).questions);

/** The English definition of the question whose prompt is on screen (generated prompts match around their placeholders). */
function definitionFor(prompt: string): Question | null {
  const text = prompt.replace(/\s+/g, " ").trim();
  return (
    questions.find((q) => {
      const pattern = new RegExp(`^${q.prompt.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/`/g, "")).join(".*")}$`);
      return pattern.test(text.replace(/`/g, ""));
    }) ?? null
  );
}

/**
 * Answers the review item or diagnostic question in `form`: rightly when the question's key is
 * known from its definition and `right` is asked (choices, flags, matches), otherwise with a
 * plausible answer (the first state offered, a number, the order shown).
 */
export async function answerItem(page: Page, form: Locator, right: boolean) {
  const prompt = (await form.locator('[id$="-prompt"]').textContent()) ?? "";
  const question = definitionFor(prompt);
  if (question && (question.type === "single" || question.type === "multiple")) {
    const options = right ? question.options.filter((o) => o.correct) : question.options.filter((o) => !o.correct).slice(0, 1);
    for (const option of options) await form.getByLabel(option.text, { exact: true }).check();
  } else if (question?.type === "flags") {
    const flags = right ? question.expected : question.expected.includes("RST") ? ["SYN"] : ["RST"];
    for (const flag of flags) await form.locator("label").filter({ has: page.getByRole("checkbox", { name: new RegExp(`^${flag}\\b`) }) }).click();
  } else if (question?.type === "match") {
    for (const pair of question.pairs) {
      const choice = right ? pair.right.text : (question.distractors[0]?.text ?? question.pairs.find((p) => p.id !== pair.id)!.right.text);
      await form.getByLabel(pair.left, { exact: true }).selectOption({ label: choice });
    }
  } else if ((await form.getByRole("radio").count()) > 0) {
    await form.getByRole("radio").first().check();
  } else if ((await form.getByRole("combobox").count()) > 0) {
    for (const select of await form.getByRole("combobox").all()) await select.selectOption({ index: 1 });
  } else if ((await form.getByRole("textbox").count()) > 0) {
    await form.getByRole("textbox").first().fill("1");
  }
}

function shiftValue(value: unknown, ms: number): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "number") return value - ms;
  const text = String(value);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return value;
  // Keep the stored spelling ("…+00:00" as Prisma writes it), so text comparisons in SQL still order.
  const shifted = new Date(date.getTime() - ms).toISOString();
  return text.endsWith("+00:00") ? shifted.replace(/Z$/, "+00:00") : shifted;
}

/** Moves rows' times `days` into the past, as if that much time had gone by since they were written. */
export function travelBack(days: number, targets: Array<{ table: string; columns: string[]; where: string; params: unknown[] }>) {
  const ms = days * 86_400_000;
  const db = new Database(E2E_DATABASE, { fileMustExist: true });
  try {
    for (const { table, columns, where, params } of targets) {
      const rows = db.prepare(`SELECT "id", ${columns.map((c) => `"${c}"`).join(", ")} FROM "${table}" WHERE ${where}`).all(...params) as Array<Record<string, unknown>>;
      const update = db.prepare(`UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(", ")} WHERE "id" = ?`);
      for (const row of rows) update.run(...columns.map((c) => shiftValue(row[c], ms)), row.id);
    }
  } finally {
    db.close();
  }
}

/** A signed-in learner's queue and answers, `days` older. */
export function learnerTravelsBack(email: string, days: number) {
  const byUser = `"userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`;
  travelBack(days, [
    { table: "ReviewCard", columns: ["due", "lastReview"], where: byUser, params: [email] },
    { table: "ReviewEvent", columns: ["reviewedAt"], where: byUser, params: [email] },
    { table: "QuizAnswer", columns: ["answeredAt"], where: `"attemptId" IN (SELECT "id" FROM "QuizAttempt" WHERE ${byUser})`, params: [email] },
  ]);
}

/** A visitor's answers in the attempts `clientKeys` name, `days` older. */
export function visitorTravelsBack(clientKeys: string[], days: number) {
  travelBack(days, [{ table: "VisitorQuizAnswer", columns: ["answeredAt"], where: `"clientKey" IN (${clientKeys.map(() => "?").join(", ")})`, params: clientKeys }]);
}

/** The page does not scroll sideways. */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "page scrolls sideways").toBeLessThanOrEqual(0);
}

/** The page's main content fits the viewport's width (wide tables scroll inside their own regions). */
export async function expectMainFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => {
    const main = document.querySelector("main")!;
    return Math.max(main.scrollWidth - main.clientWidth, main.getBoundingClientRect().right - document.documentElement.clientWidth);
  });
  expect(overflow, "the main content is wider than the screen").toBeLessThanOrEqual(0);
}
