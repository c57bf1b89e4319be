import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const TEST_DATA_DIR = path.join(process.cwd(), "data", "test");
export const BASE_DATABASE = path.join(TEST_DATA_DIR, "base.db");

/** Migrates one base database per run; each test file works on its own copy of it. */
export default function setup() {
  rmSync(TEST_DATA_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DATA_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${BASE_DATABASE}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return () => rmSync(TEST_DATA_DIR, { recursive: true, force: true });
}
