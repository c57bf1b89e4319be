import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFile } from "@/lib/database-url";
import { createPrismaClient, dateOf, db, directSql, newRowId } from "@/lib/db.server";
import { isUniqueViolation } from "@/lib/db/unique-retry";
import { sessionAccount } from "@/lib/auth/sessions.server";
import { applyReviewEvent } from "@/lib/review/queue.server";
import { replayCard } from "@/domain/review/schedule";
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

  it("move a review card Prisma wrote, conditionally on the card read, to what replaying its events gives", async () => {
    const user = await createUser();
    const key = "q:some-quiz:q1";
    const first = new Date("2026-04-01T08:00:00.250Z");
    const second = new Date("2026-04-05T09:30:00.750Z");
    const event = (at: Date, rating: "again" | "good", sourceId: string) => ({ key, concept: "flags" as const, rating, at, sourceId, source: "quiz" as const });
    // The first event's card as Prisma writes it (as a merge does), then one applied by the direct update.
    await db.reviewEvent.create({ data: { userId: user.id, itemKey: key, concept: "flags", rating: "again", source: "quiz", sourceId: "a1", reviewedAt: first } });
    await db.reviewCard.create({ data: { userId: user.id, itemKey: key, concept: "flags", ...replayCard([{ at: first, rating: "again" }])! } });
    await applyReviewEvent(user.id, event(second, "good", "a2"));
    const expected = replayCard([
      { at: first, rating: "again" },
      { at: second, rating: "good" },
    ])!;
    const card = await db.reviewCard.findUniqueOrThrow({ where: { userId_itemKey: { userId: user.id, itemKey: key } } });
    expect({ ...card, due: card.due.toISOString(), lastReview: card.lastReview?.toISOString() }).toMatchObject({
      ...expected,
      due: expected.due.toISOString(),
      lastReview: second.toISOString(),
    });
    expect(card.updatedAt.getTime()).toBeGreaterThanOrEqual(card.createdAt.getTime());
    // A new item's card is inserted directly; the same event again changes nothing.
    const other = { ...event(first, "again", "a3"), key: "q:some-quiz:q2" };
    await applyReviewEvent(user.id, other);
    await applyReviewEvent(user.id, other);
    const inserted = await db.reviewCard.findUniqueOrThrow({ where: { userId_itemKey: { userId: user.id, itemKey: other.key } } });
    expect(inserted).toMatchObject({ reps: 1, concept: "flags", lastReview: first });
    expect(inserted.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(await db.reviewEvent.count({ where: { userId: user.id } })).toBe(3);
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

  it.skipIf(isPostgres)("wait for a write lock another process holds without freezing the event loop, then write", async () => {
    const user = await createUser();
    const attempt = await db.quizAttempt.create({ data: { userId: user.id, quizId: "q", clientKey: `l-${user.id}`, variantSeed: 1, score: 0 } });
    const other = new Database(databaseFile(process.env.DATABASE_URL));
    const settled: string[] = [];
    try {
      other.exec("BEGIN IMMEDIATE");
      const write = directSql(db).run(`UPDATE "QuizAttempt" SET "score" = ? WHERE "id" = ?`, [4, attempt.id]);
      void write.then(() => settled.push("write"));
      // Waiting inside SQLite's busy handler would hold this timer back until the write gave up.
      await new Promise((resolve) => setTimeout(resolve, 50));
      settled.push("timer");
      expect(settled).toEqual(["timer"]);
      other.exec("COMMIT");
      expect(await write).toBe(1);
      expect(settled).toEqual(["timer", "write"]);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
    }
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).score).toBe(4);
    // Prisma's own statements on the shared connection still wait in SQLite.
    const [timeout] = await db.$queryRawUnsafe<{ timeout: number | bigint }[]>("PRAGMA busy_timeout");
    expect(Number(timeout!.timeout)).toBe(10_000);
  });

  it.skipIf(isPostgres)("give up on a write lock held past the deadline with SQLite's busy error", async () => {
    const client = createPrismaClient(process.env.DATABASE_URL, { sqliteLockWaitMs: 100 });
    const user = await createUser();
    const other = new Database(databaseFile(process.env.DATABASE_URL));
    try {
      other.exec("BEGIN IMMEDIATE");
      const started = performance.now();
      const failure = await directSql(client)
        .run(`UPDATE "User" SET "name" = ? WHERE "id" = ?`, ["locked out", user.id])
        .catch((error: unknown) => error);
      const waited = performance.now() - started;
      expect(failure).toMatchObject({ code: "SQLITE_BUSY" });
      expect(isUniqueViolation(failure)).toBe(false);
      expect(waited).toBeGreaterThanOrEqual(100);
      expect(waited).toBeLessThan(5_000);
    } finally {
      other.exec("ROLLBACK");
      other.close();
      await client.$disconnect();
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).not.toBe("locked out");
  });
});
