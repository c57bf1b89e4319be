/**
 * Demo data: an instructor, two students, a class with a join code and one assignment.
 * Idempotent: running it again changes nothing. `--if-empty` seeds only a database without users
 * (what the quick start does). Credentials are listed in README.md.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "../lib/auth/password.server";
import { createPrismaClient } from "../lib/db.server";
import { DEMO_ASSIGNMENT, DEMO_CLASS, DEMO_USERS } from "./demo-data";

const db = createPrismaClient(process.env.DATABASE_URL);

async function upsertUser(user: (typeof DEMO_USERS)[number]) {
  const existing = await db.user.findUnique({ where: { email: user.email } });
  if (existing) return existing;
  return db.user.create({
    data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) },
  });
}

async function seed() {
  const [instructor, ...students] = await Promise.all(DEMO_USERS.map(upsertUser));
  if (!instructor) throw new Error("demo data has no instructor");

  const classroom =
    (await db.classroom.findUnique({ where: { joinCode: DEMO_CLASS.joinCode } })) ??
    (await db.classroom.create({
      data: {
        name: DEMO_CLASS.name,
        joinCode: DEMO_CLASS.joinCode,
        inviteToken: randomBytes(18).toString("base64url"),
        timeZone: DEMO_CLASS.timeZone,
      },
    }));

  await db.classInstructor.upsert({
    where: { classId_userId: { classId: classroom.id, userId: instructor.id } },
    create: { classId: classroom.id, userId: instructor.id, isOwner: true },
    update: {},
  });
  for (const student of students) {
    await db.enrollment.upsert({
      where: { classId_userId: { classId: classroom.id, userId: student.id } },
      create: { classId: classroom.id, userId: student.id },
      update: {},
    });
  }

  const existingAssignment = await db.assignment.findFirst({ where: { classId: classroom.id, title: DEMO_ASSIGNMENT.title } });
  if (!existingAssignment) {
    const now = Date.now();
    await db.assignment.create({
      data: {
        classId: classroom.id,
        createdById: instructor.id,
        title: DEMO_ASSIGNMENT.title,
        instructions: DEMO_ASSIGNMENT.instructions,
        targetType: DEMO_ASSIGNMENT.targetType,
        targetId: DEMO_ASSIGNMENT.targetId,
        points: DEMO_ASSIGNMENT.points,
        opensAt: new Date(now - 60 * 60 * 1000),
        dueAt: new Date(now + 7 * 24 * 60 * 60 * 1000),
      },
    });
  }
}

async function main() {
  if (process.argv.includes("--if-empty") && (await db.user.count()) > 0) {
    console.log("Database already has users: not seeding.");
    return;
  }
  await seed();
  console.log(`Seeded demo data: ${DEMO_USERS.map((u) => u.email).join(", ")}; class code ${DEMO_CLASS.joinCode}.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
