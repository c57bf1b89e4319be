import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db.server";
import { DEMO_CLASS, DEMO_USERS } from "@/prisma/demo-data";
import { authorizeWithPassword } from "@/lib/auth/options.server";

function seed(...args: string[]) {
  return execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", ...args], { env: process.env, encoding: "utf8" });
}

async function counts() {
  const [users, classes, enrollments, assignments, instructors, quizAttempts, lessonProgress] = await Promise.all([
    db.user.count(),
    db.classroom.count(),
    db.enrollment.count(),
    db.assignment.count(),
    db.classInstructor.count(),
    db.quizAttempt.count(),
    db.lessonProgress.count(),
  ]);
  return { users, classes, enrollments, assignments, instructors, quizAttempts, lessonProgress };
}

describe("demo seed", () => {
  // Runs the seed three times in child processes: slow on a busy machine.
  it("creates the demo course people and is idempotent", { timeout: 120_000 }, async () => {
    seed();
    const first = await counts();
    expect(first).toEqual({ users: 9, classes: 1, enrollments: 8, assignments: 4, instructors: 1, quizAttempts: 17, lessonProgress: 10 });
    seed();
    expect(await counts()).toEqual(first);
    expect(seed("--if-empty")).toMatch(/not seeding/);
  });

  it("lets the README's demo accounts sign in with their roles", async () => {
    for (const user of DEMO_USERS) {
      const signedIn = await authorizeWithPassword({ email: user.email, password: user.password });
      expect(signedIn?.role).toBe(user.role);
    }
    const classroom = await db.classroom.findUniqueOrThrow({ where: { joinCode: DEMO_CLASS.joinCode } });
    expect(classroom.timeZone).toBe(DEMO_CLASS.timeZone);
  });
});

describe("demo progress follows the completion rule", () => {
  it("has a passed quiz attempt for every completed lesson that carries a quiz", async () => {
    const { quizzesForLesson } = await import("@/lib/quiz/registry.server");
    const completed = await db.lessonProgress.findMany({ where: { completedAt: { not: null } }, select: { userId: true, lessonSlug: true } });
    expect(completed.length).toBeGreaterThan(0);
    for (const { userId, lessonSlug } of completed) {
      for (const quiz of quizzesForLesson(lessonSlug)) {
        const passed = await db.quizAttempt.count({ where: { userId, quizId: quiz.id, passed: true } });
        expect(passed, `${lessonSlug} completed without passing ${quiz.id}`).toBeGreaterThan(0);
      }
    }
  });
});

describe("demo gradebook", () => {
  it("shows every status and someone who needs attention", async () => {
    const { getGradebook } = await import("@/lib/gradebook/gradebook.server");
    const instructor = await db.user.findUniqueOrThrow({ where: { email: "instructor@example.com" }, select: { id: true, email: true, name: true, role: true } });
    const classroom = await db.classroom.findUniqueOrThrow({ where: { joinCode: DEMO_CLASS.joinCode } });
    const gradebook = await getGradebook(instructor, classroom.id);
    const statuses = new Set(gradebook.rows.flatMap((row) => row.cells.map((cell) => cell.result.status)));
    expect([...statuses].sort()).toEqual(["excused", "in-progress", "late", "missing", "not-started", "submitted"]);
    const byName = new Map(gradebook.rows.map((row) => [row.student.name, row]));
    const column = (title: string) => gradebook.assignments.findIndex((a) => a.title.startsWith(title));
    expect(byName.get("Ben Okafor")?.cells[column("Quiz")]?.result).toMatchObject({ status: "late", score: 14.22 });
    expect(byName.get("Sofía García")?.cells[column("Quiz")]?.result).toMatchObject({ status: "missing", score: 0 });
    expect(byName.get("Sofía García")?.cells[column("Read: The three-way")]?.result).toMatchObject({ status: "excused", score: null });
    expect(byName.get("Lars Øberg")?.cells[column("Quiz")]?.result).toMatchObject({ status: "submitted" });
    const chidi = byName.get("Chidi Okeke")?.cells[column("Read: The four-way")];
    expect(chidi?.result.effectiveDueAt.getTime()).toBeGreaterThan(gradebook.assignments[column("Read: The four-way")]!.dueAt.getTime());
    expect(gradebook.needsAttention.map((n) => n.student.name)).toEqual(expect.arrayContaining(["王小明", "Sofía García"]));
  });
});
