import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseDir: string;
  }
}

/**
 * Migrates one base database per run (in a folder of its own, so concurrent runs never touch
 * each other's files); each test file works on its own copy of it.
 */
export default function setup(project: TestProject) {
  const dir = path.join(process.cwd(), "data", "test", `run-${process.pid}-${randomUUID().slice(0, 8)}`);
  mkdirSync(dir, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "base.db")}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("testDatabaseDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
