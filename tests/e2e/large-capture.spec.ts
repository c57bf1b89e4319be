import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { generateCapture } from "../../bench/pcap";
import { approach, waitForHydration } from "./support";

/**
 * A capture too large to read whole (over 64 MB) is streamed in a worker: progress, cancel, a
 * connection list that draws only the rows in view, and the opened connection read again for its
 * segments. The file is generated like the benchmark's (repetitions of a real conversation).
 */
const directory = mkdtempSync(path.join(os.tmpdir(), "large-capture-"));
const file = path.join(directory, "large.pcap");
let connections = 0;

test.beforeAll(() => {
  connections = generateCapture(file, 80_000).connections;
});
test.afterAll(() => rmSync(directory, { recursive: true, force: true }));

test.describe.configure({ timeout: 180_000 });

test("a large capture streams into a virtual connection list, and an opened connection shows its segments", async ({ page }) => {
  await page.goto("/playground");
  await waitForHydration(page);
  const viewer = page.getByRole("region", { name: "Capture viewer" });
  // The playground loads a part when the reader comes near it (ADR 0950).
  await approach(viewer);
  await viewer.getByLabel("Open a capture file (.pcap, .pcapng)").setInputFiles(file);
  await expect(viewer).toContainText("is read as a stream");

  const list = viewer.getByRole("listbox", { name: /Connections \(80,000\)/ });
  await expect(list).toBeVisible({ timeout: 150_000 });
  // Only the rows in view (and a few around them) are in the page.
  expect(await list.getByRole("option").count()).toBeLessThan(40);
  await expect(list.getByRole("option").first()).toHaveAttribute("aria-setsize", String(connections));

  // Keyboard: End jumps to the last connection, Enter opens it.
  await list.focus();
  await page.keyboard.press("End");
  await expect(list.getByRole("option", { name: /^80000\. / })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(list.getByRole("option", { name: /^80000\. / })).toHaveAttribute("aria-selected", "true");
  await expect(viewer.getByRole("table")).toContainText("[FIN, ACK]", { timeout: 150_000 });
  await expect(viewer).toContainText("CLOSED → SYN-SENT → ESTABLISHED → FIN-WAIT-1");
  await expect(viewer.getByRole("img", { name: "Sequence diagram" })).toBeVisible();
});

test("reading a large capture can be cancelled", async ({ page }) => {
  await page.goto("/playground");
  await waitForHydration(page);
  const viewer = page.getByRole("region", { name: "Capture viewer" });
  // The playground loads a part when the reader comes near it (ADR 0950).
  await approach(viewer);
  await viewer.getByLabel("Open a capture file (.pcap, .pcapng)").setInputFiles(file);
  const progress = viewer.getByRole("progressbar");
  await expect(progress).toBeVisible();
  await viewer.getByRole("button", { name: "Cancel" }).click();
  await expect(viewer).toContainText("Stopped reading large.pcap.");
  await expect(progress).toHaveCount(0);
  await expect(viewer.getByRole("listbox")).toHaveCount(0);
});
