import { describe, expect, it } from "vitest";
import { createAssignment, excuseStudent, grantExtension, withdrawExcuse } from "@/lib/assignments/assignments.server";
import { listStudentAssignments, saveTimeZone } from "@/lib/assignments/student.server";
import { addCoInstructor, createClass, getClassOverview, regenerateInviteLink, regenerateJoinCode, removeStudent } from "@/lib/classes/classes.server";
import { classActionWords } from "@/lib/i18n/words/class-actions";
import { acceptInvitation, acceptInvitationLink, declineInvitation, importRoster, joinByCode, joinByInviteLink, listPendingInvitations } from "@/lib/classes/membership.server";
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
    expect(await joinByCode(student, "NOPE1234")).toEqual({ ok: false, refusal: "not-found" });
  });

  it("regenerated codes and links replace the old ones", async () => {
    const { teacher, classroom } = await newClass();
    const code = await regenerateJoinCode(teacher, classroom.id);
    const link = await regenerateInviteLink(teacher, classroom.id);
    const student = await createUser();
    expect(await joinByCode(student, classroom.joinCode)).toEqual({ ok: false, refusal: "not-found" });
    expect(await joinByInviteLink(student, classroom.inviteToken)).toEqual({ ok: false, refusal: "not-found" });
    expect(await joinByCode(student, code.joinCode)).toMatchObject({ ok: true });
    expect(link.inviteToken).not.toBe(classroom.inviteToken);
  });

  it("instructors cannot join their own class as students", async () => {
    const { teacher, classroom } = await newClass();
    expect(await joinByCode(teacher, classroom.joinCode)).toEqual({ ok: false, refusal: "teaches-class" });
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
  it("invites everyone, with an account or not, reports counts only, and is idempotent", async () => {
    const { teacher, classroom } = await newClass();
    const [existing, member] = await Promise.all([createUser(), createUser()]);
    await joinByCode(member, classroom.joinCode);
    const newcomer = `newcomer-${classroom.id}@example.test`;
    const csv = `Name,Email\nKnown,${existing.email.toUpperCase()}\nNew,${newcomer}\nTeacher,${teacher.email}\nIn class,${member.email}\nBroken,not-an-email\n`;
    const first = await importRoster(teacher, classroom.id, csv);
    // An account and no account look the same to the instructor: two invitations.
    expect(first).toEqual({ ok: true, invited: 2, alreadyInvited: 0, alreadyInClass: 2, emailed: 0, invalid: ["not-an-email"] });
    expect(JSON.stringify(first)).not.toContain(existing.email);
    // Nobody is enrolled by the import itself.
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: existing.id } })).toBe(0);
    const second = await importRoster(teacher, classroom.id, csv);
    expect(second).toMatchObject({ ok: true, invited: 0, alreadyInvited: 2, alreadyInClass: 2 });
    expect(await db.invitation.count({ where: { classId: classroom.id } })).toBe(2);
    expect(await importRoster(teacher, classroom.id, "nothing here")).toMatchObject({ ok: false });
  });

  it("refuses a file that is not CSV, saying so in the instructor's language, and invites nobody", async () => {
    const { teacher, classroom } = await newClass();
    const notCsv = `Email\nada-${classroom.id}@example.test\n"unterminated`;
    for (const locale of ["en", "zh"] as const) {
      const result = await importRoster(teacher, classroom.id, notCsv, locale);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toContain(classActionWords(locale).classes.rosterNotCsv);
    }
    expect(classActionWords("en").classes.rosterNotCsv).toBe("The file could not be read as CSV.");
    expect(await db.invitation.count({ where: { classId: classroom.id } })).toBe(0);
  });

  it("an invitee joins only by accepting it; declining keeps them out, and a re-import does not invite again", async () => {
    const { teacher, classroom } = await newClass();
    const email = `later-${classroom.id}@example.test`;
    await importRoster(teacher, classroom.id, email);
    const invitee = await createUser({ email });
    // Signing up and opening the dashboard enrolls nobody.
    await listStudentAssignments(invitee);
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: invitee.id } })).toBe(0);
    const [pending] = await listPendingInvitations(invitee);
    expect(pending).toMatchObject({ className: "Networks" });
    // Someone else cannot answer it.
    const stranger = await createUser();
    expect(await acceptInvitation(stranger, pending!.id)).toEqual({ ok: false, refusal: "not-found" });
    expect(await declineInvitation(stranger, pending!.id)).toEqual({ ok: false });
    expect(await acceptInvitation(invitee, pending!.id)).toMatchObject({ ok: true, alreadyEnrolled: false });
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: invitee.id } })).toBe(1);
    expect(await listPendingInvitations(invitee)).toEqual([]);

    const declining = await createUser();
    await importRoster(teacher, classroom.id, declining.email);
    const [theirs] = await listPendingInvitations(declining);
    expect(await declineInvitation(declining, theirs!.id)).toEqual({ ok: true });
    expect(await listPendingInvitations(declining)).toEqual([]);
    expect(await importRoster(teacher, classroom.id, declining.email)).toMatchObject({ invited: 0, alreadyInvited: 1 });
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: declining.id } })).toBe(0);
  });

  it("an invitation link works for whoever opens it signed in and accepts", async () => {
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

  it("refuses an extension that is not later than the due date, and writes nothing", async () => {
    const { teacher, classroom } = await newClass("UTC");
    const student = await createUser();
    await joinByCode(student, classroom.joinCode);
    const created = await createAssignment(teacher, classroom.id, {
      title: "Read",
      target: "LESSON:tcp-header-and-flags",
      points: "10",
      opensAt: "2026-12-01T09:00",
      dueAt: "2026-12-10T17:00",
      latePolicy: "CLOSE",
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    for (const dueAt of ["2026-12-09T17:00", "2026-12-10T17:00", "2026-11-01T17:00"]) {
      expect(await grantExtension(teacher, created.id, { studentId: student.id, dueAt })).toEqual({
        ok: false,
        fieldErrors: { dueAt: expect.stringMatching(/^An extension must be later than the due date \(Dec 10, 2026, 5:00 PM/) },
      });
    }
    expect(await grantExtension(teacher, created.id, { studentId: student.id, dueAt: "9999-12-31T23:59" })).toMatchObject({ ok: false, fieldErrors: { dueAt: expect.stringMatching(/^Choose a date between/) } });
    expect(await db.assignmentExtension.count({ where: { assignmentId: created.id } })).toBe(0);
    expect(await grantExtension(teacher, created.id, { studentId: student.id, dueAt: "2026-12-11T17:00" })).toEqual({ ok: true });
  });

  it("refuses far dates and 0 points unless ungraded, and strips invisible characters", async () => {
    const { teacher, classroom } = await newClass("UTC");
    const base = { title: "Read", target: "LESSON:tcp-header-and-flags", points: "10", opensAt: "2026-12-01T09:00", dueAt: "2026-12-10T17:00", latePolicy: "CLOSE" };
    expect(await createAssignment(teacher, classroom.id, { ...base, dueAt: "9999-12-31T23:59" })).toMatchObject({ ok: false, fieldErrors: { dueAt: expect.stringMatching(/^Choose a date between \d{4}-\d{2}-\d{2} and/) } });
    expect(await createAssignment(teacher, classroom.id, { ...base, opensAt: "1999-01-01T00:00" })).toMatchObject({ ok: false, fieldErrors: { opensAt: expect.stringMatching(/^Choose a date between/) } });
    expect(await createAssignment(teacher, classroom.id, { ...base, points: "0" })).toMatchObject({ ok: false, fieldErrors: { points: expect.stringMatching(/at least 1 point.*Ungraded practice/) } });
    expect(await createAssignment(teacher, classroom.id, { ...base, points: "" })).toMatchObject({ ok: false, fieldErrors: { points: "Enter the points" } });
    expect(await db.assignment.count({ where: { classId: classroom.id } })).toBe(0);
    const practice = await createAssignment(teacher, classroom.id, { ...base, title: "Practice", points: "0", ungraded: "on" });
    if (!practice.ok) throw new Error(JSON.stringify(practice));
    expect(await db.assignment.findUniqueOrThrow({ where: { id: practice.id } })).toMatchObject({ ungraded: true, points: 0 });
    const sneaky = await createAssignment(teacher, classroom.id, { ...base, title: "Quiz \u202E01/02\u0000", instructions: "Read\u0000 it\r\nthen \u2066answer\u2069" });
    if (!sneaky.ok) throw new Error(JSON.stringify(sneaky));
    expect(await db.assignment.findUniqueOrThrow({ where: { id: sneaky.id } })).toMatchObject({ title: "Quiz 01/02", instructions: "Read it\nthen answer" });
    expect(await createClass(teacher, { name: "\u202E\u0000", timeZone: "UTC" })).toMatchObject({ ok: false, fieldErrors: { name: "Enter a name" } });
  });

  it("excuses a student and withdraws it", async () => {
    const { teacher, classroom } = await newClass("UTC");
    const [student, outsider] = await Promise.all([createUser(), createUser()]);
    await joinByCode(student, classroom.joinCode);
    const created = await createAssignment(teacher, classroom.id, { title: "Read", target: "LESSON:tcp-header-and-flags", points: "10", opensAt: "2026-12-01T09:00", dueAt: "2026-12-02T17:00", latePolicy: "CLOSE" });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(await excuseStudent(teacher, created.id, { studentId: outsider.id })).toMatchObject({ ok: false, fieldErrors: { studentId: "Choose a student of this class" } });
    expect(await excuseStudent(teacher, created.id, { studentId: student.id, note: "Ill \u202Eweek" })).toEqual({ ok: true });
    expect(await db.assignmentExcusal.findFirstOrThrow({ where: { assignmentId: created.id } })).toMatchObject({ note: "Ill week" });
    const [mine] = await listStudentAssignments(student);
    expect(mine).toMatchObject({ status: "excused", score: null });
    await withdrawExcuse(teacher, created.id, student.id);
    const [after] = await listStudentAssignments(student);
    expect(after?.status).toBe("missing");
  });
});
