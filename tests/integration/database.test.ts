import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFile } from "@/lib/database-url";
import { db } from "@/lib/db.server";
import { checkHealth } from "@/lib/health.server";
import { baseDatabase } from "../setup/per-file-database";

function prisma(args: string[]) {
  return execFileSync("npx", ["prisma", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Tables and indexes as SQLite stores them, ignoring Prisma's own bookkeeping table. */
function schemaOf(file: string) {
  const connection = new Database(file, { readonly: true });
  try {
    return connection
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all();
  } finally {
    connection.close();
  }
}

describe("the SQLite database", () => {
  it("runs in WAL mode with foreign keys enforced", () => {
    const connection = new Database(databaseFile(process.env.DATABASE_URL));
    try {
      expect(connection.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      connection.close();
    }
  });

  it("rejects rows that point at nothing", async () => {
    await expect(db.lessonProgress.create({ data: { userId: "no-such-user", lessonSlug: "x" } })).rejects.toThrow();
  });

  it("reports healthy with the migrations applied", async () => {
    const health = await checkHealth("test");
    expect(health.status).toBe("ok");
    expect(health.database.migrationsApplied).toBe(readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).length);
  });
});

describe("migrations", () => {
  it("match the schema: the latest snapshot equals prisma/schema.prisma", () => {
    const latest = readdirSync("prisma/migrations").filter((d) => /^\d{14}_/.test(d)).sort().at(-1)!;
    const snapshot = path.join("prisma/migrations", latest, "schema.prisma");
    const diff = prisma(["migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", "prisma/schema.prisma", "--script"]);
    expect(diff).not.toMatch(/^\s*(CREATE|ALTER|DROP)/im);
  });

  it("build the same database as the schema does", () => {
    const fromSchema = path.join(path.dirname(baseDatabase), `from-schema-${process.pid}.db`);
    const sql = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"]);
    const connection = new Database(fromSchema);
    connection.exec(sql);
    connection.close();
    expect(schemaOf(baseDatabase)).toEqual(schemaOf(fromSchema));
  });
});
