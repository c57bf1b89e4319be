import { randomUUID } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

// Runs before each test file's imports: the app's `db` then opens this file's private copy of
// the migrated database, so files run in parallel without seeing each other's rows.
export const testDatabaseDir = inject("testDatabaseDir");
export const baseDatabase = path.join(testDatabaseDir, "base.db");
const file = path.join(testDatabaseDir, `file-${randomUUID()}.db`);
copyFileSync(baseDatabase, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.AUTH_SECRET ??= "integration-tests-secret-that-is-long-enough-000";

afterAll(async () => {
  const { db } = await import("@/lib/db.server");
  await db.$disconnect();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
