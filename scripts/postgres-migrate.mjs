// Applies prisma/postgresql/migrations to DATABASE_URL. `prisma migrate deploy` cannot do it with
// the PostgreSQL driver adapter (prisma/orm#27403: the Wasm schema engine fails to read columns
// of type `name`), so this runner does what it would: apply each pending migration.sql in its own
// transaction and record it in Prisma's `_prisma_migrations` table (same layout and checksum), under
// an advisory lock so several instances starting at once apply each migration exactly once.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { root } from "./lib.mjs";

const MIGRATIONS = path.join(root, "prisma", "postgresql", "migrations");
const LOCK_KEY = 7_270_736_901; // any constant shared by every instance of this app

export async function deployPostgresMigrations(connectionString, log = console.log) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const folders = readdirSync(MIGRATIONS).filter((entry) => /^\d{14}_/.test(entry)).sort();
    let count = 0;
    for (const folder of folders) {
      const sql = readFileSync(path.join(MIGRATIONS, folder, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (applied.has(folder)) {
        if (applied.get(folder) !== checksum) throw new Error(`migration ${folder} was modified after it was applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, folder],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${folder} failed: ${error instanceof Error ? error.message : error}`);
      }
      count++;
      log(`Applied ${folder}`);
    }
    log(count ? `${count} migration(s) applied.` : "No pending migrations to apply.");
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, "scripts", "postgres-migrate.mjs")) {
  deployPostgresMigrations(process.env.DATABASE_URL).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
