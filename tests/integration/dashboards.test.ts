import { describe, expect, it } from "vitest";
import { NotAllowedError } from "@/lib/classes/errors";
import { listTeachingClasses } from "@/lib/classes/teaching.server";
import { getLearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";
import { db } from "@/lib/db.server";
import { markLessonRead } from "@/lib/progress/lesson-progress.server";
import { createAssignment, createClassroom } from "../factories/classes";
import { createUser } from "../factories/users";

const HOUR = 60 * 60 * 1000;

const createClass = (ownerId: string, overrides: { archivedAt?: Date } = {}) => createClassroom({ ownerId, ...overrides });

const assign = (classId: string, createdById: string, title: string, opensInHours: number) =>
  createAssignment({ classId, createdById, title, opensAt: new Date(Date.now() + opensInHours * HOUR), dueAt: new Date(Date.now() + (opensInHours + 48) * HOUR) });

describe("learner dashboard", () => {
  it("counts completed lessons and recommends the next one", async () => {
    const student = await createUser();
    const before = await getLearnerDashboard(student);
    expect(before.completed).toBe(0);
    expect(before.total).toBeGreaterThanOrEqual(1);
    expect(before.nextLesson?.slug).toBe(before.lessons[0]?.slug);

    await markLessonRead(student, "tcp-header-and-flags");
    const readOnly = await getLearnerDashboard(student);
    expect(readOnly.completed).toBe(0);
    await db.quizAttempt.create({
      data: { userId: student.id, quizId: "tcp-header-and-flags", clientKey: "passed", variantSeed: 1, score: 1, maxScore: 1, passed: true, submittedAt: new Date() },
    });
    await markLessonRead(student, "tcp-header-and-flags");
    const after = await getLearnerDashboard(student);
    expect(after.completed).toBe(1);
    expect(after.lessons.find((lesson) => lesson.slug === "tcp-header-and-flags")?.status).toBe("complete");
  });

  it("shows open assignments from the student's active classes only", async () => {
    const [teacher, student, outsider] = await Promise.all([createUser({ role: "INSTRUCTOR" }), createUser(), createUser()]);
    const active = await createClass(teacher.id);
    const archived = await createClass(teacher.id, { archivedAt: new Date() });
    const other = await createClass(teacher.id);
    for (const classroom of [active, archived]) {
      await db.enrollment.create({ data: { classId: classroom.id, userId: student.id } });
    }
    await db.enrollment.create({ data: { classId: other.id, userId: outsider.id } });
    await assign(active.id, teacher.id, "Open now", -1);
    await assign(active.id, teacher.id, "Opens tomorrow", 24);
    await assign(archived.id, teacher.id, "In an archived class", -1);
    await assign(other.id, teacher.id, "Someone else's class", -1);

    const titles = (await getLearnerDashboard(student)).assignments.map((a) => a.title);
    expect(titles).toEqual(["Open now"]);
    // The assigned lesson opens in the dashboard's language; the title stays as the instructor wrote it.
    expect((await getLearnerDashboard(student)).assignments[0]?.href).toBe("/course/tcp-header-and-flags");
    expect((await getLearnerDashboard(student, "zh")).assignments[0]).toMatchObject({ title: "Open now", href: "/zh/course/tcp-header-and-flags" });
  });
});

describe("teaching classes", () => {
  it("lists only the classes the instructor teaches", async () => {
    const [mine, theirs] = await Promise.all([createUser({ role: "INSTRUCTOR" }), createUser({ role: "INSTRUCTOR" })]);
    const own = await createClass(mine.id);
    await createClass(theirs.id);
    const classes = await listTeachingClasses(mine);
    expect(classes.map((c) => c.id)).toEqual([own.id]);
  });

  it("refuses students", async () => {
    const student = await createUser();
    await expect(listTeachingClasses(student)).rejects.toBeInstanceOf(NotAllowedError);
  });
});
