import { mkdirSync } from "node:fs";
import path from "node:path";
import { test } from "@playwright/test";
import { DEMO, queryDatabase, signIn } from "./support";

/**
 * Screenshots of the instructor pages and the student's assignments card for people to look at,
 * at desktop and 360 px phone width in both themes, and the student's pages in Chinese. Run on
 * demand: `SCREENSHOTS=1 npx playwright test tests/e2e/instructor-screenshots.spec.ts` (written to
 * test-results/screens/, or to the folder SCREENSHOTS_DIR names).
 */
test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to take screenshots");

const OUT = process.env.SCREENSHOTS_DIR ?? path.join(process.cwd(), "test-results", "screens");

for (const [width, height, label] of [
  [1280, 900, "desktop"],
  [360, 800, "phone"],
] as const) {
  test(`instructor pages at ${label} width`, async ({ page }) => {
    test.setTimeout(120_000);
    mkdirSync(OUT, { recursive: true });
    await page.setViewportSize({ width, height });
    const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
    const base = `/instructor/classes/${demoClass?.id}`;
    const [assignment] = queryDatabase<{ id: string }>('SELECT id FROM "Assignment" WHERE classId = ? ORDER BY dueAt LIMIT 1', demoClass?.id);
    const [ben] = queryDatabase<{ id: string }>('SELECT id FROM "User" WHERE email = ?', "ben@example.com");
    await signIn(page, DEMO.instructor, "/instructor");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, url] of [
        ["instructor", "/instructor"],
        ["class", base],
        ["gradebook", `${base}/gradebook`],
        ["analytics", `${base}/analytics`],
        ["student", `${base}/students/${ben?.id}`],
        ["new-assignment", `${base}/assignments/new`],
        ["assignment", `${base}/assignments/${assignment?.id}`],
      ] as const) {
        await page.goto(url);
        if (name === "analytics") await page.getByText("Show the data as a table").click();
        await page.screenshot({ path: path.join(OUT, `${name}-${label}-${scheme}.png`), fullPage: true });
      }
    }
    // Signing out would end every session of the demo instructor, including other tests' (ADR 0010).
    await page.context().clearCookies();
    await signIn(page, DEMO.student);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const locale of ["en", "zh"] as const) {
        await page.goto(locale === "zh" ? "/zh/dashboard" : "/dashboard");
        await page.screenshot({ path: path.join(OUT, `dashboard-${locale}-${label}-${scheme}.png`), fullPage: true });
      }
    }
    await page.goto("/join");
    await page.screenshot({ path: path.join(OUT, `join-${label}.png`), fullPage: true });
  });
}
