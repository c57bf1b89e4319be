import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseFile } from "@/lib/database-url";
import { db } from "@/lib/db.server";
import { checkHealth } from "@/lib/health.server";
import { derivePostgresSchema } from "@/scripts/postgres-schema";
import { postgresUrl } from "../setup/global-database";
import { isPostgres, testDatabase } from "../setup/per-file-database";

const migrationFolders = (dir: string) => readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort();

/** Runs the Prisma CLI; SQLite commands get a SQLite URL even when this run uses PostgreSQL. */
function prisma(args: string[], databaseUrl = `file:${path.join(tmpdir(), "prisma-cli-unused.db")}`) {
  return execFileSync("npx", ["prisma", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

describe("the database", () => {
  it("rejects rows that point at nothing", async () => {
    await expect(db.lessonProgress.create({ data: { userId: "no-such-user", lessonSlug: "x" } })).rejects.toThrow();
  });

  it("reports healthy with the migrations applied", async () => {
    const health = await checkHealth("test");
    expect(health.status).toBe("ok");
    expect(health.database.migrationsApplied).toBe(migrationFolders("prisma/migrations").length);
  });

  it.skipIf(isPostgres)("runs SQLite in WAL mode", () => {
    const connection = new Database(databaseFile(process.env.DATABASE_URL));
    try {
      expect(connection.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      connection.close();
    }
  });
});

describe("migrations", () => {
  it("match the schema: the latest SQLite snapshot equals prisma/schema.prisma", () => {
    const latest = migrationFolders("prisma/migrations").at(-1)!;
    const snapshot = path.join("prisma/migrations", latest, "schema.prisma");
    const diff = prisma(["migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", "prisma/schema.prisma", "--script"]);
    expect(diff).not.toMatch(/^\s*(CREATE|ALTER|DROP)/im);
  });

  it("have a PostgreSQL twin for every SQLite migration, derived from the same schema", () => {
    expect(migrationFolders("prisma/postgresql/migrations")).toEqual(migrationFolders("prisma/migrations"));
    for (const folder of migrationFolders("prisma/migrations")) {
      const sqliteSnapshot = readFileSync(path.join("prisma/migrations", folder, "schema.prisma"), "utf8");
      const postgresSnapshot = readFileSync(path.join("prisma/postgresql/migrations", folder, "schema.prisma"), "utf8");
      expect(postgresSnapshot).toBe(derivePostgresSchema(sqliteSnapshot));
      expect(existsSync(path.join("prisma/postgresql/migrations", folder, "migration.sql"))).toBe(true);
    }
    expect(readFileSync("prisma/postgresql/schema.prisma", "utf8")).toBe(derivePostgresSchema(readFileSync("prisma/schema.prisma", "utf8")));
  });

  it.skipIf(isPostgres)("build the same SQLite database as the schema does", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "schema-"));
    const fromMigrations = path.join(dir, "migrations.db");
    const fromSchema = path.join(dir, "schema.db");
    prisma(["migrate", "deploy"], `file:${fromMigrations}`);
    const connection = new Database(fromSchema);
    connection.exec(prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"]));
    connection.close();
    const schemaOf = (file: string) => {
      const c = new Database(file, { readonly: true });
      const rows = c
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{ type: string; name: string; sql: string | null }>;
      c.close();
      // Same definitions, however laid out: SQLite keeps an added column on the line it was added to.
      return rows.map((row) => ({ ...row, sql: row.sql?.replace(/\s+/g, " ") ?? null }));
    };
    expect(schemaOf(fromMigrations)).toEqual(schemaOf(fromSchema));
    // Two Prisma CLI runs (each migration replayed): on a loaded 2-core machine they take longer than the default.
  }, 120_000);

  it.skipIf(!isPostgres)("build the same PostgreSQL database as the schema does", async () => {
    if (testDatabase.provider !== "postgresql") return;
    const { serverUrl } = testDatabase;
    const name = `schema_check_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const sql = prisma(
      ["migrate", "diff", "--config", "prisma.postgresql.config.ts", "--from-empty", "--to-schema-datamodel", "prisma/postgresql/schema.prisma", "--script"],
      serverUrl,
    );
    const fresh = new pg.Client({ connectionString: postgresUrl(serverUrl, name) });
    await fresh.connect();
    await fresh.query(sql);
    const describeSchema = async (client: pg.Client) =>
      (
        await client.query(
          `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
        )
      ).rows;
    const migrated = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await migrated.connect();
    expect(await describeSchema(migrated)).toEqual(await describeSchema(fresh));
    await Promise.all([fresh.end(), migrated.end()]);
  });
});
