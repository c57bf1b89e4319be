/**
 * Who may read and change what, for every read function and Server Action of the classes,
 * assignments and gradebook area: one test per (operation, person) cell, against the real
 * database. "allowed" means the person saw or changed *this* class's data.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session.server";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session.server", () => ({
  getCurrentUser: async () => session.user,
  requireUser: async () => session.user,
  requireInstructor: async () => session.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// Joining reads the client's address for its attempt limit (the request's headers).
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.1" }) }));

const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");
const { createClassroom, createClassWithAssignment } = await import("../factories/classes");
const instructorActions = await import("@/lib/classes/instructor-actions");
const joinActions = await import("@/lib/classes/join-actions");
const exportRoute = await import("@/app/instructor/classes/[classId]/gradebook/export/route");
const { listTeachingClasses } = await import("@/lib/classes/teaching.server");
const { getClassOverview } = await import("@/lib/classes/classes.server");
const { getAssignmentForEdit } = await import("@/lib/assignments/assignments.server");
const { listStudentAssignments } = await import("@/lib/assignments/student.server");
const gradebook = await import("@/lib/gradebook/gradebook.server");
const { NotAllowedError } = await import("@/lib/classes/errors");

type Actor = "anonymous" | "student" | "otherStudent" | "instructor" | "otherInstructor";
const ACTORS: Actor[] = ["anonymous", "student", "otherStudent", "instructor", "otherInstructor"];
type Outcome = "allowed" | "refused";

async function world() {
  const tag = randomUUID().slice(0, 8);
  const [instructor, otherInstructor, coInstructor, student, otherStudent, spare] = await Promise.all([
    createUser({ role: "INSTRUCTOR", name: "Owner" }),
    createUser({ role: "INSTRUCTOR", name: "Other teacher" }),
    createUser({ role: "INSTRUCTOR", name: "Co-teacher" }),
    createUser({ name: "Student" }),
    createUser({ name: "Other student" }),
    createUser({ role: "INSTRUCTOR", name: "Colleague" }),
  ]);
  const { classroom, assignment } = await createClassWithAssignment({ ownerId: instructor.id, coInstructorId: coInstructor.id, studentIds: [student.id], name: `Class ${tag}` });
  await createClassroom({ ownerId: otherInstructor.id, name: `Other ${tag}` });
  const invitation = await db.invitation.create({ data: { classId: classroom.id, email: `invited-${tag}@example.test`, token: `inv-${tag}`, invitedById: instructor.id } });
  // A roster invitation to someone who has an account: only they may answer it.
  const ownInvitation = await db.invitation.create({ data: { classId: classroom.id, email: otherStudent.email, token: `own-${tag}`, invitedById: instructor.id } });
  const users: Record<Actor, CurrentUser | null> = { anonymous: null, student, otherStudent, instructor, otherInstructor };
  return { classroom, assignment, invitation, ownInvitation, users, coInstructor, spare, student };
}
type World = Awaited<ReturnType<typeof world>>;

/** A lib read: allowed when it returns, refused when it throws NotAllowedError. */
async function read(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return "allowed";
  } catch (error) {
    if (error instanceof NotAllowedError) return "refused";
    throw error;
  }
}

/** Lib reads take the signed-in user: a signed-out request is refused by its page or route before lib runs. */
function signedIn<T>(run: (user: CurrentUser) => Promise<T>): Promise<T> {
  if (!session.user) throw new NotAllowedError();
  return run(session.user);
}

const REFUSALS = [
  "You cannot change this class.",
  "This class is archived: restore it to make changes.",
  "Your session ended. Sign in again",
  "You teach this class, so you cannot join it as a student.",
  "No class has this code or link. Check it with your instructor.",
];

/** A Server Action: refused when it answers with a refusal, allowed when it succeeds or redirects. */
async function act(run: () => Promise<{ ok: boolean; message?: string } | null>): Promise<Outcome> {
  try {
    const state = await run();
    if (state?.ok) return "allowed";
    if (state && REFUSALS.includes(state.message ?? "")) return "refused";
    throw new Error(`unexpected action result ${JSON.stringify(state)}`);
  } catch (error) {
    if (error instanceof Error && "digest" in error && String(error.digest).startsWith("NEXT_REDIRECT")) return "allowed";
    throw error;
  }
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const wall = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(0, 16);

const INSTRUCTOR_ONLY: Actor[] = ["instructor"];
const ANY_INSTRUCTOR: Actor[] = ["instructor", "otherInstructor"];
const SIGNED_IN_NOT_TEACHING: Actor[] = ["student", "otherStudent", "otherInstructor"];

type Operation = { name: string; allowed: Actor[]; run: (w: World) => Promise<Outcome> };

const OPERATIONS: Operation[] = [
  // Reads
  {
    name: "read: listTeachingClasses shows the class",
    allowed: INSTRUCTOR_ONLY,
    run: async (w) => {
      try {
        const classes = await signedIn((user) => listTeachingClasses(user));
        return classes.some((c) => c.id === w.classroom.id) ? "allowed" : "refused";
      } catch (error) {
        if (error instanceof NotAllowedError) return "refused";
        throw error;
      }
    },
  },
  { name: "read: getClassOverview", allowed: INSTRUCTOR_ONLY, run: (w) => read(() => signedIn((user) => getClassOverview(user, w.classroom.id))) },
  { name: "read: getAssignmentForEdit", allowed: INSTRUCTOR_ONLY, run: (w) => read(() => signedIn((user) => getAssignmentForEdit(user, w.assignment.id))) },
  { name: "read: getGradebook", allowed: INSTRUCTOR_ONLY, run: (w) => read(() => signedIn((user) => gradebook.getGradebook(user, w.classroom.id))) },
  { name: "read: getStudentDrilldown", allowed: INSTRUCTOR_ONLY, run: (w) => read(() => signedIn((user) => gradebook.getStudentDrilldown(user, w.classroom.id, w.student.id))) },
  { name: "read: getQuestionAnalytics", allowed: INSTRUCTOR_ONLY, run: (w) => read(() => signedIn((user) => gradebook.getQuestionAnalytics(user, w.classroom.id))) },
  { name: "read: exportGradebookCsv", allowed: INSTRUCTOR_ONLY, run: (w) => read(() => signedIn((user) => gradebook.exportGradebookCsv(user, w.classroom.id))) },
  {
    name: "route: GET gradebook/export",
    allowed: INSTRUCTOR_ONLY,
    run: async (w) => {
      const response = await exportRoute.GET(new Request("http://localhost/x"), { params: Promise.resolve({ classId: w.classroom.id }) });
      return response.status === 200 ? "allowed" : "refused";
    },
  },
  {
    name: "read: listStudentAssignments shows the assignment",
    allowed: ["student"],
    run: async (w) => {
      try {
        const list = await signedIn((user) => listStudentAssignments(user));
        return list.some((a) => a.id === w.assignment.id) ? "allowed" : "refused";
      } catch (error) {
        if (error instanceof NotAllowedError) return "refused";
        throw error;
      }
    },
  },
  // Class actions
  { name: "action: createClass", allowed: ANY_INSTRUCTOR, run: () => act(() => instructorActions.createClassAction(null, form({ name: "New", timeZone: "UTC" }))) },
  { name: "action: updateClass", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.updateClassAction(w.classroom.id, null, form({ name: "Renamed", timeZone: "Europe/Berlin" }))) },
  { name: "action: setArchived", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.setArchivedAction(w.classroom.id, true, null)) },
  { name: "action: regenerateJoinCode", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.regenerateJoinCodeAction(w.classroom.id, null)) },
  { name: "action: regenerateInviteLink", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.regenerateInviteLinkAction(w.classroom.id, null)) },
  { name: "action: removeStudent", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.removeStudentAction(w.classroom.id, w.student.id, null)) },
  { name: "action: importRoster", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.importRosterAction(w.classroom.id, null, form({ text: `new-${w.classroom.id}@example.test` }))) },
  { name: "action: revokeInvitation", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.revokeInvitationAction(w.classroom.id, w.invitation.id, null)) },
  { name: "action: addCoInstructor", allowed: INSTRUCTOR_ONLY, run: (w) => act(async () => instructorActions.addCoInstructorAction(w.classroom.id, null, form({ email: (await db.user.findUniqueOrThrow({ where: { id: w.spare.id } })).email }))) },
  { name: "action: removeCoInstructor", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.removeCoInstructorAction(w.classroom.id, w.coInstructor.id, null)) },
  // Assignment actions
  {
    name: "action: createAssignment",
    allowed: INSTRUCTOR_ONLY,
    run: (w) =>
      act(() =>
        instructorActions.createAssignmentAction(
          w.classroom.id,
          null,
          form({ title: "New", target: "LESSON:tcp-header-and-flags", points: "5", opensAt: wall(0), dueAt: wall(86_400_000), latePolicy: "CLOSE" }),
        ),
      ),
  },
  {
    name: "action: updateAssignment",
    allowed: INSTRUCTOR_ONLY,
    run: (w) =>
      act(() =>
        instructorActions.updateAssignmentAction(
          w.assignment.id,
          null,
          form({ title: "Changed", target: "LESSON:tcp-header-and-flags", points: "5", opensAt: wall(0), dueAt: wall(86_400_000), latePolicy: "ACCEPT_WITH_PENALTY", latePenaltyPercent: "10" }),
        ),
      ),
  },
  { name: "action: deleteAssignment", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.deleteAssignmentAction(w.assignment.id, null)) },
  { name: "action: grantExtension", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.grantExtensionAction(w.assignment.id, null, form({ studentId: w.student.id, dueAt: wall(5 * 86_400_000) }))) },
  { name: "action: removeExtension", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.removeExtensionAction(w.assignment.id, w.student.id, null)) },
  { name: "action: excuseStudent", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.excuseStudentAction(w.assignment.id, null, form({ studentId: w.student.id, note: "Ill" }))) },
  { name: "action: withdrawExcuse", allowed: INSTRUCTOR_ONLY, run: (w) => act(() => instructorActions.withdrawExcuseAction(w.assignment.id, w.student.id, null)) },
  // Student actions: any account may join as a student, except the class's own instructors.
  { name: "action: joinByCode", allowed: SIGNED_IN_NOT_TEACHING, run: (w) => act(() => joinActions.joinByCodeAction(null, form({ code: w.classroom.joinCode.toLowerCase() }))) },
  { name: "action: joinByLink", allowed: SIGNED_IN_NOT_TEACHING, run: (w) => act(() => joinActions.joinByLinkAction(w.classroom.inviteToken, null)) },
  { name: "action: acceptInvitation", allowed: SIGNED_IN_NOT_TEACHING, run: (w) => act(() => joinActions.acceptInvitationAction(w.invitation.token, null)) },
  // A roster invitation answered from the dashboard: its invitee only (the email of their account).
  { name: "action: acceptMyInvitation", allowed: ["otherStudent"], run: (w) => act(() => joinActions.acceptMyInvitationAction(w.ownInvitation.id, null)) },
  { name: "action: declineMyInvitation", allowed: ["otherStudent"], run: (w) => act(() => joinActions.declineMyInvitationAction(w.ownInvitation.id, null)) },
  {
    name: "action: saveTimeZone (own account)",
    allowed: ["student", "otherStudent", "instructor", "otherInstructor"],
    run: async () => ((await joinActions.saveTimeZoneAction("Asia/Tokyo")).ok ? "allowed" : "refused"),
  },
];

describe.each(OPERATIONS)("$name", (operation) => {
  it.each(ACTORS)("%s", async (actor) => {
    // Each cell gets its own world: a write in one cell must not change what the next one sees.
    const w = await world();
    session.user = w.users[actor];
    const expected: Outcome = operation.allowed.includes(actor) ? "allowed" : "refused";
    expect(await operation.run(w)).toBe(expected);
  });
});

describe("co-instructors: everything but the owner's powers", () => {
  const OWNER_ONLY = new Set(["action: setArchived", "action: addCoInstructor", "action: removeCoInstructor"]);
  const classOps = OPERATIONS.filter((op) => op.allowed.join() === INSTRUCTOR_ONLY.join());
  it.each(classOps.map((op) => [op.name, op] as const))("%s", async (name, operation) => {
    const w = await world();
    session.user = w.coInstructor;
    expect(await operation.run(w)).toBe(OWNER_ONLY.has(name) ? "refused" : "allowed");
  });
});

describe("archived classes are read-only", () => {
  const classOps = OPERATIONS.filter((op) => op.allowed.join() === INSTRUCTOR_ONLY.join());
  it.each(classOps.map((op) => [op.name, op] as const))("%s by the owner", async (name, operation) => {
    const w = await world();
    await db.classroom.update({ where: { id: w.classroom.id }, data: { archivedAt: new Date() } });
    session.user = w.users.instructor;
    // Reads stay open; archiving again is a no-op the owner may do (restoring is checked below).
    const expected = name.startsWith("read:") || name.startsWith("route:") || name === "action: setArchived" ? "allowed" : "refused";
    expect(await operation.run(w)).toBe(expected);
  });

  it("the owner can restore it; students cannot join it meanwhile", async () => {
    const w = await world();
    await db.classroom.update({ where: { id: w.classroom.id }, data: { archivedAt: new Date() } });
    session.user = w.users.otherStudent;
    const joined = await joinActions.joinByCodeAction(null, form({ code: w.classroom.joinCode }));
    expect(joined).toMatchObject({ ok: false, message: expect.stringMatching(/archived/) });
    session.user = w.users.instructor;
    expect(await instructorActions.setArchivedAction(w.classroom.id, false, null)).toMatchObject({ ok: true });
    expect((await db.classroom.findUniqueOrThrow({ where: { id: w.classroom.id } })).archivedAt).toBeNull();
  });
});
