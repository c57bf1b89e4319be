/**
 * Writes the next migration for SQLite and its PostgreSQL twin, and applies the SQLite one:
 * `npm run db:migration -- add_something`. Without a name it only creates missing PostgreSQL
 * twins of existing SQLite migrations.
 *
 * `prisma migrate dev` cannot run offline with the JavaScript schema engine (its shadow database
 * fails to replay migrations), so each migration folder keeps a snapshot of the schema it was
 * generated from; the next migration is the datamodel diff from the latest snapshot to the
 * schema, applied with `prisma migrate deploy`. See docs/database.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./postgres-schema";
// @ts-expect-error plain JavaScript module shared with the start and test scripts
import { startTempPostgres } from "./postgres-temp.mjs";

const SQLITE_MIGRATIONS = "prisma/migrations";
const POSTGRES_MIGRATIONS = "prisma/postgresql/migrations";
const POSTGRES_CONFIG = "prisma.postgresql.config.ts";

const name = process.argv[2];
if (name !== undefined && !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name in snake_case, e.g. add_late_policy>");
  process.exit(2);
}

function prisma(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync("npx", ["prisma", ...args], { encoding: "utf8", env, stdio: ["ignore", "pipe", "inherit"] });
}

function migrationFolders(dir: string): string[] {
  return readdirSync(dir).filter((entry) => /^\d{14}_[a-z0-9_]+$/.test(entry)).sort();
}

const hasStatements = (sql: string) => /^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|PRAGMA)/im.test(sql);

function writeMigration(dir: string, folder: string, sql: string, snapshot: string) {
  mkdirSync(path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, folder, "migration.sql"), sql);
  writeFileSync(path.join(dir, folder, "schema.prisma"), snapshot);
  console.log(`Wrote ${dir}/${folder}/migration.sql`);
}

function createSqliteMigration(migrationName: string) {
  const last = migrationFolders(SQLITE_MIGRATIONS).at(-1);
  const from = last ? ["--from-schema-datamodel", path.join(SQLITE_MIGRATIONS, last, "schema.prisma")] : ["--from-empty"];
  const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", SQLITE_SCHEMA, "--script"]);
  if (!hasStatements(sql)) {
    console.log("The schema matches the latest migration: no SQLite migration to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  writeMigration(SQLITE_MIGRATIONS, `${stamp}_${migrationName}`, sql, readFileSync(SQLITE_SCHEMA, "utf8"));
  prisma(["migrate", "deploy"]);
  console.log("Applied to", process.env.DATABASE_URL ?? "the default SQLite database");
}

/** Every SQLite migration gets a PostgreSQL twin with the same folder name. */
async function syncPostgresMigrations() {
  writeFileSync(POSTGRES_SCHEMA, derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  const missing = migrationFolders(SQLITE_MIGRATIONS).filter((folder) => !existsSync(path.join(POSTGRES_MIGRATIONS, folder)));
  if (missing.length === 0) return;
  // `migrate diff` with the PostgreSQL adapter connects to a server even between two datamodels.
  const server = await startTempPostgres();
  try {
    const env = { ...process.env, DATABASE_URL: server.url };
    for (const folder of missing) {
      const all = migrationFolders(SQLITE_MIGRATIONS);
      const previous = all[all.indexOf(folder) - 1];
      const target = path.join(POSTGRES_MIGRATIONS, folder, "schema.prisma");
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, derivePostgresSchema(readFileSync(path.join(SQLITE_MIGRATIONS, folder, "schema.prisma"), "utf8")));
      const from = previous ? ["--from-schema-datamodel", path.join(POSTGRES_MIGRATIONS, previous, "schema.prisma")] : ["--from-empty"];
      const sql = prisma(["migrate", "diff", "--config", POSTGRES_CONFIG, ...from, "--to-schema-datamodel", target, "--script"], env);
      writeFileSync(path.join(POSTGRES_MIGRATIONS, folder, "migration.sql"), sql);
      console.log(`Wrote ${POSTGRES_MIGRATIONS}/${folder}/migration.sql`);
    }
  } finally {
    server.stop();
  }
}

if (name) createSqliteMigration(name);
await syncPostgresMigrations();
