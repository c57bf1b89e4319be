import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./support";

test("visitors are sent to sign in before the instructor area", async ({ page }) => {
  await page.goto("/instructor");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Finstructor$/);
});

test("a student is refused the instructor area", async ({ page }) => {
  await signIn(page, DEMO.student);
  await expect(page.getByRole("link", { name: "Teach" })).toHaveCount(0);
  const response = await page.goto("/instructor");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This area is for instructors" })).toBeVisible();
  await expect(page.getByText("SYNACK42")).toHaveCount(0);
});

test("the instructor sees their class and its join code", async ({ page }) => {
  await signIn(page, DEMO.instructor);
  await page.getByRole("link", { name: "Teach" }).click();
  await expect(page.getByRole("heading", { name: "Computer Networks — Demo Class" })).toBeVisible();
  await expect(page.getByText("SYNACK42")).toBeVisible();
  await expect(page.getByText("Read: The TCP header and its flags")).toBeVisible();
});

test("the health endpoint reports the app and the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { status: "ok" } });
  expect(body.database.migrationsApplied).toBeGreaterThanOrEqual(1);
});
