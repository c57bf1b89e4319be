import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db.server";
import { DEMO_CLASS, DEMO_USERS } from "@/prisma/demo-data";
import { authorizeWithPassword } from "@/lib/auth/options.server";

function seed(...args: string[]) {
  return execFileSync("npx", ["tsx", "prisma/seed.ts", ...args], { env: process.env, encoding: "utf8" });
}

async function counts() {
  const [users, classes, enrollments, assignments, instructors] = await Promise.all([
    db.user.count(),
    db.classroom.count(),
    db.enrollment.count(),
    db.assignment.count(),
    db.classInstructor.count(),
  ]);
  return { users, classes, enrollments, assignments, instructors };
}

describe("demo seed", () => {
  it("creates the demo course people and is idempotent", async () => {
    seed();
    const first = await counts();
    expect(first).toEqual({ users: 3, classes: 1, enrollments: 2, assignments: 1, instructors: 1 });
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
