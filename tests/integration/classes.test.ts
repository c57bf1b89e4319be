import { describe, expect, it } from "vitest";
import { createAssignment, grantExtension } from "@/lib/assignments/assignments.server";
import { listStudentAssignments, saveTimeZone } from "@/lib/assignments/student.server";
import { addCoInstructor, createClass, getClassOverview, regenerateInviteLink, regenerateJoinCode, removeStudent } from "@/lib/classes/classes.server";
import { acceptInvitationLink, importRoster, joinByCode, joinByInviteLink } from "@/lib/classes/membership.server";
import { db } from "@/lib/db.server";
import { createUser } from "../factories/users";

async function newClass(timeZone = "Europe/Berlin") {
  const teacher = await createUser({ role: "INSTRUCTOR" });
  const created = await createClass(teacher, { name: "Networks", timeZone });
  if (!created.ok) throw new Error("class not created");
  const classroom = await db.classroom.findUniqueOrThrow({ where: { id: created.id } });
  return { teacher, classroom };
}

describe("classes", () => {
  it("creates a class owned by its creator with a readable join code", async () => {
    const { teacher, classroom } = await newClass();
    expect(classroom.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const overview = await getClassOverview(teacher, classroom.id);
    expect(overview.isOwner).toBe(true);
    expect(overview.instructors).toEqual([expect.objectContaining({ isOwner: true })]);
  });

  it("takes a repeated create (double submit, retry) for the same one", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const [a, b] = [await createClass(teacher, { name: "Twice", timeZone: "UTC" }), await createClass(teacher, { name: "Twice", timeZone: "UTC" })];
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    const input = { title: "Read", target: "LESSON:tcp-header-and-flags", points: "10", opensAt: "2026-01-01T00:00", dueAt: "2026-01-08T00:00", latePolicy: "CLOSE" };
    const classId = (a as { id: string }).id;
    const [x, y] = [await createAssignment(teacher, classId, input), await createAssignment(teacher, classId, input)];
    expect(y).toEqual(x);
    expect(await db.assignment.count({ where: { classId } })).toBe(1);
    expect(await createAssignment(teacher, classId, { ...input, title: "Another" })).not.toEqual(x);
  });

  it("validates names and time zones", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR" });
    expect(await createClass(teacher, { name: " ", timeZone: "Mars/Base" })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Enter a name", timeZone: "Choose a time zone" },
    });
  });

  it("joins by code in any case and spacing, by link, and idempotently", async () => {
    const { classroom } = await newClass();
    const student = await createUser();
    const code = classroom.joinCode.toLowerCase().replace(/(....)/, "$1 -");
    expect(await joinByCode(student, code)).toMatchObject({ ok: true, alreadyEnrolled: false });
    expect(await joinByInviteLink(student, classroom.inviteToken)).toMatchObject({ ok: true, alreadyEnrolled: true });
    expect(await db.enrollment.count({ where: { classId: classroom.id } })).toBe(1);
    expect(await joinByCode(student, "NOPE1234")).toEqual({ ok: false, error: "not-found" });
  });

  it("regenerated codes and links replace the old ones", async () => {
    const { teacher, classroom } = await newClass();
    const code = await regenerateJoinCode(teacher, classroom.id);
    const link = await regenerateInviteLink(teacher, classroom.id);
    const student = await createUser();
    expect(await joinByCode(student, classroom.joinCode)).toEqual({ ok: false, error: "not-found" });
    expect(await joinByInviteLink(student, classroom.inviteToken)).toEqual({ ok: false, error: "not-found" });
    expect(await joinByCode(student, code.joinCode)).toMatchObject({ ok: true });
    expect(link.inviteToken).not.toBe(classroom.inviteToken);
  });

  it("instructors cannot join their own class as students", async () => {
    const { teacher, classroom } = await newClass();
    expect(await joinByCode(teacher, classroom.joinCode)).toEqual({ ok: false, error: "teaches-class" });
  });

  it("removing a student keeps their work and drops their extensions", async () => {
    const { teacher, classroom } = await newClass("UTC");
    const student = await createUser();
    await joinByCode(student, classroom.joinCode);
    const created = await createAssignment(teacher, classroom.id, {
      title: "Read",
      target: "LESSON:tcp-header-and-flags",
      points: "10",
      opensAt: "2026-01-01T00:00",
      dueAt: "2026-01-08T00:00",
      latePolicy: "CLOSE",
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(await grantExtension(teacher, created.id, { studentId: student.id, dueAt: "2026-01-10T12:00" })).toEqual({ ok: true });
    await db.lessonProgress.create({ data: { userId: student.id, lessonSlug: "tcp-header-and-flags" } });
    await removeStudent(teacher, classroom.id, student.id);
    expect(await db.enrollment.count({ where: { classId: classroom.id } })).toBe(0);
    expect(await db.assignmentExtension.count({ where: { userId: student.id } })).toBe(0);
    expect(await db.lessonProgress.count({ where: { userId: student.id } })).toBe(1);
  });

  it("adds only instructors as co-instructors, and a co-instructor enrolled as a student stops being one", async () => {
    const { teacher, classroom } = await newClass();
    const [colleague, student] = await Promise.all([createUser({ role: "INSTRUCTOR" }), createUser()]);
    await joinByCode(colleague, classroom.joinCode);
    expect(await addCoInstructor(teacher, classroom.id, student.email)).toMatchObject({ ok: false });
    expect(await addCoInstructor(teacher, classroom.id, colleague.email.toUpperCase())).toEqual({ ok: true });
    expect(await db.enrollment.count({ where: { classId: classroom.id } })).toBe(0);
    expect((await getClassOverview(colleague, classroom.id)).isOwner).toBe(false);
  });
});

describe("roster import and invitations", () => {
  it("enrolls people with accounts, invites the others, and is idempotent", async () => {
    const { teacher, classroom } = await newClass();
    const existing = await createUser();
    const newcomer = `newcomer-${classroom.id}@example.test`;
    const csv = `Name,Email\nKnown,${existing.email.toUpperCase()}\nNew,${newcomer}\nTeacher,${teacher.email}\nBroken,not-an-email\n`;
    const first = await importRoster(teacher, classroom.id, csv);
    expect(first).toMatchObject({ ok: true, enrolled: [existing.email], invited: [newcomer], skipped: [teacher.email], invalid: ["not-an-email"] });
    const second = await importRoster(teacher, classroom.id, csv);
    expect(second).toMatchObject({ ok: true, enrolled: [], alreadyEnrolled: [existing.email], invited: [], alreadyInvited: [newcomer] });
    expect(await db.invitation.count({ where: { classId: classroom.id } })).toBe(1);
    expect(await importRoster(teacher, classroom.id, "nothing here")).toMatchObject({ ok: false });
  });

  it("an invitation is accepted when the invitee signs up with that email and opens the dashboard", async () => {
    const { teacher, classroom } = await newClass();
    const email = `later-${classroom.id}@example.test`;
    await importRoster(teacher, classroom.id, email);
    const invitee = await createUser({ email });
    await listStudentAssignments(invitee);
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: invitee.id } })).toBe(1);
    expect((await db.invitation.findFirstOrThrow({ where: { classId: classroom.id } })).acceptedAt).not.toBeNull();
  });

  it("an invitation link works for whoever opens it signed in", async () => {
    const { teacher, classroom } = await newClass();
    await importRoster(teacher, classroom.id, "someone-else@example.test");
    const invitation = await db.invitation.findFirstOrThrow({ where: { classId: classroom.id } });
    const student = await createUser();
    expect(await acceptInvitationLink(student, invitation.token)).toMatchObject({ ok: true });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).not.toBeNull();
  });
});

describe("assignments", () => {
  it("reads opening and due times in the class's zone and validates the target against the catalog", async () => {
    const { teacher, classroom } = await newClass("America/New_York");
    const base = { title: "Read", points: "10", opensAt: "2026-07-01T09:00", dueAt: "2026-07-08T17:00", latePolicy: "ACCEPT_WITH_PENALTY", latePenaltyPercent: "15" };
    expect(await createAssignment(teacher, classroom.id, { ...base, target: "LESSON:no-such-lesson" })).toMatchObject({
      ok: false,
      fieldErrors: { target: expect.any(String) },
    });
    expect(await createAssignment(teacher, classroom.id, { ...base, target: "LESSON:tcp-header-and-flags", dueAt: "2026-06-01T00:00" })).toMatchObject({
      ok: false,
      fieldErrors: { dueAt: expect.any(String) },
    });
    const created = await createAssignment(teacher, classroom.id, { ...base, target: "QUIZ:tcp-header-and-flags" });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const row = await db.assignment.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.dueAt.toISOString()).toBe("2026-07-08T21:00:00.000Z");
    expect(row).toMatchObject({ targetType: "QUIZ", targetId: "tcp-header-and-flags", latePenaltyPercent: 15 });
  });

  it("shows the student their own status, extension and stored time zone", async () => {
    const { teacher, classroom } = await newClass("UTC");
    const [student, classmate] = await Promise.all([createUser(), createUser()]);
    await joinByCode(student, classroom.joinCode);
    await joinByCode(classmate, classroom.joinCode);
    const past = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 16);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
    const created = await createAssignment(teacher, classroom.id, {
      title: "Overdue",
      target: "LESSON:tcp-header-and-flags",
      points: "10",
      opensAt: past,
      dueAt: yesterday,
      latePolicy: "ACCEPT_WITH_PENALTY",
      latePenaltyPercent: "20",
    });
    if (!created.ok) throw new Error("not created");
    await grantExtension(teacher, created.id, { studentId: classmate.id, dueAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16) });
    expect(await saveTimeZone(student, "Asia/Tokyo")).toEqual({ ok: true, changed: true });
    expect(await saveTimeZone(student, "Asia/Tokyo")).toEqual({ ok: true, changed: false });
    expect(await saveTimeZone(student, "Not/AZone")).toEqual({ ok: false, changed: false });

    const [mine] = await listStudentAssignments(student);
    expect(mine).toMatchObject({ title: "Overdue", status: "missing", score: 0, extended: false, timeZone: "Asia/Tokyo", href: "/course/tcp-header-and-flags" });
    const [theirs] = await listStudentAssignments(classmate);
    expect(theirs).toMatchObject({ status: "not-started", extended: true, timeZone: null });
  });
});
