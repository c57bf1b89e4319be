import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFile } from "@/lib/database-url";
import { dateOf, db, directSql, newRowId } from "@/lib/db.server";
import { isUniqueViolation } from "@/lib/db/unique-retry";
import { sessionAccount } from "@/lib/auth/sessions.server";
import { createUser } from "../factories/users";
import { isPostgres } from "../setup/per-file-database";

/** The hot statements run straight on the driver (ADR 1350) must read what Prisma reads. */
describe("direct statements", () => {
  it("read dates, booleans and numbers as Prisma does", async () => {
    const user = await createUser();
    const startedAt = new Date("2026-03-01T23:59:58.123Z");
    const attempt = await db.quizAttempt.create({
      data: { userId: user.id, quizId: "q", clientKey: `k-${user.id}`, variantSeed: 7, startedAt, score: 2.5, passed: true },
    });
    const [row] = await directSql(db).rows<{ id: string; startedAt: unknown; submittedAt: unknown; passed: unknown; score: number; variantSeed: number }>(
      `SELECT "id", "startedAt", "submittedAt", "passed", "score", "variantSeed" FROM "QuizAttempt" WHERE "userId" = ? AND "clientKey" = ?`,
      [user.id, `k-${user.id}`],
    );
    expect(row?.id).toBe(attempt.id);
    expect(dateOf(row!.startedAt).toISOString()).toBe(startedAt.toISOString());
    expect(row!.submittedAt).toBeNull();
    expect(Boolean(row!.passed)).toBe(true);
    expect(row!.score).toBe(2.5);
    expect(row!.variantSeed).toBe(7);
  });

  it("write and say how many rows changed; Prisma sees the write", async () => {
    const user = await createUser();
    const attempt = await db.quizAttempt.create({ data: { userId: user.id, quizId: "q", clientKey: `w-${user.id}`, variantSeed: 1, score: 1 } });
    const sql = directSql(db);
    expect(await sql.run(`UPDATE "QuizAttempt" SET "score" = ? WHERE "id" = ? AND "score" < ?`, [3, attempt.id, 3])).toBe(1);
    expect(await sql.run(`UPDATE "QuizAttempt" SET "score" = ? WHERE "id" = ? AND "score" < ?`, [2, attempt.id, 2])).toBe(0);
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).score).toBe(3);
  });

  it("insert dates and booleans as Prisma writes them, and report a repeated unique key as a unique violation", async () => {
    const user = await createUser();
    const attempt = await db.quizAttempt.create({ data: { userId: user.id, quizId: "q", clientKey: `i-${user.id}`, variantSeed: 1 } });
    const at = new Date("2026-05-04T03:02:01.987Z");
    const insert = (id: string) =>
      directSql(db).run(
        `INSERT INTO "QuizAnswer" ("id", "attemptId", "questionId", "concept", "response", "correct", "points", "misconception", "answeredAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, attempt.id, "q1", "flags", "{}", true, 1, null, at],
      );
    const id = newRowId();
    expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(await insert(id)).toBe(1);
    const stored = await db.quizAnswer.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ correct: true, points: 1, misconception: null });
    expect(stored.answeredAt.toISOString()).toBe(at.toISOString());
    // Prisma's own filters and ordering see the same instant.
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.id, answeredAt: { gte: at } } })).toBe(1);
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.id, answeredAt: { gt: at } } })).toBe(0);
    const repeated = await insert(newRowId()).catch((error: unknown) => error);
    expect(isUniqueViolation(repeated)).toBe(true);
  });

  it("look up the session's account as the database has it now", async () => {
    const user = await createUser();
    expect(await sessionAccount(user.id)).toMatchObject({ id: user.id, email: user.email, sessionVersion: 0 });
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 }, role: "INSTRUCTOR" } });
    expect(await sessionAccount(user.id)).toMatchObject({ sessionVersion: 1, role: "INSTRUCTOR" });
    expect(await sessionAccount("no-such-user")).toBeNull();
  });

  it.skipIf(isPostgres)("share the app's SQLite connection, which commits with synchronous = NORMAL in WAL mode", async () => {
    const rows = await directSql(db).rows<{ synchronous: number }>("PRAGMA synchronous", []);
    expect(rows).toEqual([{ synchronous: 1 }]);
    const other = new Database(databaseFile(process.env.DATABASE_URL));
    try {
      expect(other.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      other.close();
    }
  });
});
