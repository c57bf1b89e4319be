import { expect, test, type Page } from "@playwright/test";
import { LESSON_PATH, quiz, quizSection } from "./quiz-support";
import { approach } from "./support";

type Focused = { role: string; name: string; type: string };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { role: "", name: "", type: "" };
    const label = el.getAttribute("aria-label") ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.closest("label")?.textContent ?? el.textContent ?? "";
    return { role: el.tagName.toLowerCase(), name: label.trim(), type: (el as HTMLInputElement).type ?? "" };
  });
}

/** Presses Tab (then Shift+Tab) until the focused element matches, within a bounded number of presses. */
async function tabTo(page: Page, matches: (info: Focused) => boolean) {
  for (const [key, limit] of [["Tab", 30], ["Shift+Tab", 60]] as const) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press(key);
      const info = await focused(page);
      if (matches(info)) return info;
    }
  }
  throw new Error("focus never reached the expected control");
}

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement?.closest("label")?.textContent ?? "").trim());

test("a quiz can be completed with the keyboard alone", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(LESSON_PATH);
  const section = quizSection(page);
  // The quiz loads when the reader comes near it (ADR 0950).
  await approach(section);
  await expect(section.getByRole("button", { name: "Check answer" })).toBeVisible();
  // Start from the quiz's heading, as a keyboard user arriving at it would.
  await section.getByRole("heading", { name: /^Question 1 of/ }).focus();

  for (const [index, question] of quiz.questions.entries()) {
    await expect(section.getByRole("heading", { name: `Question ${index + 1} of ${quiz.questions.length}` })).toBeFocused();
    switch (question.type) {
      case "single": {
        const target = question.options.find((o) => o.correct)!.text;
        await tabTo(page, (f) => f.type === "radio");
        for (let i = 0; i < question.options.length && !(await focusedName(page)).startsWith(target); i++) await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Space");
        break;
      }
      case "multiple":
        for (const option of question.options.filter((o) => o.correct)) {
          await tabTo(page, (f) => f.type === "checkbox" && f.name.startsWith(option.text));
          await page.keyboard.press("Space");
        }
        break;
      case "flags":
        for (const flag of question.expected) {
          await tabTo(page, (f) => f.type === "checkbox" && f.name.startsWith(flag));
          await page.keyboard.press("Space");
        }
        break;
      case "number": {
        const prompt = (await section.locator("form p").first().textContent()) ?? "";
        const n = (re: RegExp) => Number(re.exec(prompt)![1]);
        const value =
          question.id === "synack-ack-number" ? n(/seq (\d+)/) + 1 : question.id === "data-ack-number" ? n(/seq is (\d+)/) + n(/sends (\d+) bytes/) : n(/FIN with seq (\d+)/) + 1;
        await tabTo(page, (f) => f.role === "input" && f.type === "text");
        await page.keyboard.type(String(value % 2 ** 32));
        break;
      }
      case "order": {
        const wanted = question.items.map((item) => item.text);
        for (let target = 0; target < wanted.length; target++) {
          const texts = await section.getByRole("listitem").allTextContents();
          let at = texts.findIndex((text) => text.includes(wanted[target]!));
          if (at === target) continue;
          await tabTo(page, (f) => f.name === `Move “${wanted[target]}” up`);
          for (; at > target; at--) await page.keyboard.press("Enter");
        }
        break;
      }
      case "match":
        for (const pair of question.pairs) {
          await tabTo(page, (f) => f.role === "select" && f.name === pair.left);
          const options = await section.getByLabel(pair.left, { exact: true }).locator("option").allTextContents();
          const steps = options.indexOf(pair.right.text);
          for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
        }
        break;
      default:
        throw new Error(`no keyboard path for ${question.type}`);
    }
    await tabTo(page, (f) => f.name === "Check answer");
    await page.keyboard.press("Enter");
    await expect(section.getByRole("heading", { name: "Correct" })).toBeFocused();
    await tabTo(page, (f) => /Next question|See your result/.test(f.name));
    await page.keyboard.press("Enter");
  }
  await expect(section.getByRole("heading", { name: "Your result" })).toBeFocused();
  await expect(section.getByText(`${quiz.questions.length} of ${quiz.questions.length} correct`)).toBeVisible();
});
