import AxeBuilder from "@axe-core/playwright";
import { expect, type Frame, type FrameLocator, type Locator, type Page } from "@playwright/test";
import quizInput from "../../content/tcp-header-and-flags/quiz";
import { parseQuiz, type Question } from "../../domain/quiz/schema";

export const LESSON_PATH = "/course/tcp-header-and-flags";
export const quiz = parseQuiz(quizInput);

export function quizSection(page: Page | Frame | FrameLocator): Locator {
  return page.locator(`section#quiz-${quiz.id}`);
}

/** Every string that must stay on the server until its question is submitted. */
export function answerSecrets(): string[] {
  const secrets = new Set<string>();
  const visit = (value: unknown, key?: string) => {
    if (typeof value === "string") {
      if (key && ["explanation", "feedback", "misconception", "missedMisconception"].includes(key)) secrets.add(value);
      return;
    }
    if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(quiz.questions);
  // Placeholder texts are filled per variant; their fixed parts are still distinctive.
  return [...secrets].map((text) => text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!.trim()).filter((text) => text.length >= 12);
}

/** The number a generated question asks for, worked out from its prompt as a learner would. */
function numberAnswer(question: Question, prompt: string): number {
  const numbers = (prompt.match(/\d+/g) ?? []).map(Number);
  switch (question.id) {
    case "synack-ack-number":
      return (numbers[0]! + 1) % 2 ** 32;
    case "data-ack-number": {
      const bytes = Number(/sends (\d+) bytes/.exec(prompt)![1]);
      const seq = Number(/seq is (\d+)/.exec(prompt)![1]);
      return (seq + bytes) % 2 ** 32;
    }
    case "fin-ack-relative":
      return Number(/FIN with seq (\d+)/.exec(prompt)![1]) + 1;
    default:
      throw new Error(`no rule for ${question.id}`);
  }
}

/** Answers the question on screen with the mouse, rightly or wrongly. Returns its definition. */
export async function answerCurrent(page: Page | Frame | FrameLocator, right: boolean): Promise<Question> {
  const section = quizSection(page);
  const heading = await section.getByRole("heading", { name: /^Question \d+ of \d+$/ }).textContent();
  const index = Number(/Question (\d+)/.exec(heading ?? "")![1]) - 1;
  const question = quiz.questions[index]!;
  const form = section.locator("form");
  switch (question.type) {
    case "single":
    case "multiple": {
      const options = right ? question.options.filter((o) => o.correct) : question.options.filter((o) => !o.correct).slice(0, 1);
      for (const option of options) await form.getByLabel(option.text, { exact: true }).check();
      break;
    }
    case "flags": {
      const flags = right ? question.expected : question.expected.includes("RST") ? ["SYN"] : ["RST"];
      // The checkbox is visually hidden inside its pill: click the pill, as a user would.
      for (const flag of flags) {
        await form.locator("label").filter({ has: page.getByRole("checkbox", { name: new RegExp(`^${flag}\\b`) }) }).click();
      }
      break;
    }
    case "number": {
      const prompt = (await form.locator("p").first().textContent()) ?? "";
      const value = numberAnswer(question, prompt);
      await form.getByRole("textbox").fill(String(right ? value : value + 7));
      break;
    }
    case "order": {
      const wanted = right ? question.items.map((i) => i.text) : [...question.items].reverse().map((i) => i.text);
      for (let target = 0; target < wanted.length; target++) {
        const current = await form.getByRole("listitem").allTextContents();
        let at = current.findIndex((text) => text.includes(wanted[target]!));
        while (at > target) {
          await form.getByRole("button", { name: `Move “${wanted[target]}” up` }).click();
          at--;
        }
      }
      break;
    }
    case "match":
      for (const pair of question.pairs) {
        const choice = right ? pair.right.text : (question.distractors[0]?.text ?? question.pairs.find((p) => p.id !== pair.id)!.right.text);
        await form.getByLabel(pair.left, { exact: true }).selectOption({ label: choice });
      }
      break;
    default:
      throw new Error(`no UI answer for ${question.type}`);
  }
  await form.getByRole("button", { name: "Check answer" }).click();
  await expect(section.getByRole("heading", { name: right ? "Correct" : "Not quite" })).toBeVisible();
  return question;
}

/** Answers every remaining question, then opens the summary. */
export async function finishQuiz(page: Page | Frame | FrameLocator, right: (index: number) => boolean) {
  const section = quizSection(page);
  for (let i = 0; i < quiz.questions.length; i++) {
    if (await section.getByRole("heading", { name: "Your result" }).isVisible()) break;
    await answerCurrent(page, right(i));
    await section.getByRole("button", { name: /Next question|See your result/ }).click();
  }
  await expect(section.getByRole("heading", { name: "Your result" })).toBeVisible();
}

export async function signUp(page: Page, email: string, callbackUrl = "/dashboard") {
  await page.goto(`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Name").fill("Quiz Taker");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("flags-and-states");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl.split(/[?#]/)[0]);
}

/** Like expectNoSeriousA11yViolations, limited to the quiz (the rest of the lesson has its own tests). */
export async function expectQuizWithoutSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include(`section#quiz-${quiz.id}`).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
