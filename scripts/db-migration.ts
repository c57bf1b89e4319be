/**
 * Writes the next migration as SQL and applies it: `npm run db:migration -- add_something`.
 *
 * `prisma migrate dev` cannot run offline with the JavaScript schema engine (its shadow database
 * fails to replay migrations), so each migration folder keeps a snapshot of the schema it was
 * generated from; the next migration is the datamodel diff from the latest snapshot to
 * prisma/schema.prisma, applied with `prisma migrate deploy`. See docs/database.md.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const MIGRATIONS_DIR = "prisma/migrations";
const SCHEMA = "prisma/schema.prisma";
const name = process.argv[2];

if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name in snake_case, e.g. add_late_policy>");
  process.exit(2);
}

function prisma(args: string[]): string {
  return execFileSync("npx", ["prisma", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function latestSnapshot(dir = MIGRATIONS_DIR): string | null {
  const folders = readdirSync(dir).filter((entry) => /^\d{14}_/.test(entry)).sort();
  const last = folders.at(-1);
  if (!last) return null;
  const snapshot = path.join(dir, last, "schema.prisma");
  if (!existsSync(snapshot)) throw new Error(`${snapshot} is missing: every migration keeps its schema snapshot`);
  return snapshot;
}

const snapshot = latestSnapshot();
const from = snapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script"]);

if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE|DELETE)/im.test(sql)) {
  console.log("The schema matches the latest migration: nothing to write.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
copyFileSync(SCHEMA, path.join(folder, "schema.prisma"));
console.log(`Wrote ${folder}/migration.sql`);

prisma(["migrate", "deploy"]);
console.log("Applied to", process.env.DATABASE_URL ?? "the default database");
