import { randomUUID } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { postgresUrl } from "./global-database";

// Runs before each test file's imports: the app's `db` then opens this file's private copy of
// the migrated database, so files run in parallel without seeing each other's rows.
export const testDatabase = inject("testDatabase");
export const isPostgres = testDatabase.provider === "postgresql";
const id = randomUUID().replace(/-/g, "").slice(0, 12);

async function clonePostgresTemplate(serverUrl: string, template: string, name: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Concurrent clones of one template can collide ("being accessed by other users"): retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 50 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
}

let cleanup: () => void | Promise<void>;
if (testDatabase.provider === "postgresql") {
  const name = `${testDatabase.template}_${id}`;
  await clonePostgresTemplate(testDatabase.serverUrl, testDatabase.template, name);
  process.env.DATABASE_URL = postgresUrl(testDatabase.serverUrl, name);
  cleanup = () => {}; // the global teardown drops every database of the run
} else {
  const file = path.join(testDatabase.dir, `file-${id}.db`);
  copyFileSync(path.join(testDatabase.dir, "base.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
  cleanup = () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
}
process.env.AUTH_SECRET ??= "integration-tests-secret-that-is-long-enough-000";

afterAll(async () => {
  const { db } = await import("@/lib/db.server");
  await db.$disconnect();
  await cleanup();
});
