/**
 * Every exported Server Action, called as a crafted request can call it: each parameter in turn
 * replaced by an argument of the wrong shape (a plain object or a string where FormData belongs,
 * null, nothing, FormData with the wrong fields...) while the others stay valid. Each call must
 * answer a refusal (ok: false), never throw (a thrown error is a 500), and write nothing: the
 * whole database is compared before and after. The table below must name every exported action
 * of every "use server" module, so a new action cannot skip this test.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session.server";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session.server", () => ({
  getCurrentUser: async () => session.user,
  requireUser: async () => session.user,
  requireInstructor: async () => session.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirected to ${url}`);
  },
}));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  return {
    headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7", host: "localhost:3000" }),
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => void jar.set(name, value),
    }),
  };
});

const { db } = await import("@/lib/db.server");
const { Prisma } = await import("@/generated/prisma/client");
const { createUser } = await import("../factories/users");
const { createClassWithAssignment } = await import("../factories/classes");

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every module under app/, components/ and lib/ that starts with "use server". */
function serverActionModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.(ts|tsx)$/.test(entry.name) && /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(readFileSync(path.join(ROOT, relative), "utf8"))) found.push(relative);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  return found.sort();
}

/**
 * What each parameter is: "id" a bound id or token, "form" the FormData a form posts, "input" an
 * object the client builds, "bool", "locale" (optional), "string", "state" the previous state
 * React passes to a form action (never read, so not tried), "language" the FormData React passes
 * to a bound one-button form, read only for its `locale` field (anything else answers in
 * English, so not tried).
 */
type Kind = "id" | "form" | "input" | "bool" | "locale" | "string" | "state" | "language";

type World = Awaited<ReturnType<typeof world>>;
type Entry = { kinds: Kind[]; valid: (w: World) => unknown[] };

/** A wall-clock time in the class's zone (UTC), `days` from now, as the form's date fields send it. */
const wallTime = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

function formWith(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const ACTIONS: Record<string, Record<string, Entry>> = {
  "lib/auth/account-actions.ts": {
    changePasswordAction: { kinds: ["input", "locale"], valid: () => [{ currentPassword: "correct horse battery", newPassword: "another long password" }, "en"] },
    changePasswordFormAction: { kinds: ["state", "form"], valid: () => [null, formWith({ currentPassword: "correct horse battery", newPassword: "another long password", locale: "en" })] },
    signOutEverywhereAction: { kinds: ["locale"], valid: () => ["en"] },
    resendVerificationAction: { kinds: ["locale"], valid: () => ["en"] },
  },
  "lib/lti/admin-actions.ts": {
    addPlatformAction: { kinds: ["input", "locale"], valid: () => [{ name: "LMS" }, "en"] },
    removePlatformAction: { kinds: ["id", "locale"], valid: () => ["platform-id", "en"] },
    issueRegistrationLinkAction: { kinds: ["string", "locale"], valid: () => ["24h", "en"] },
  },
  "lib/capture-challenges/actions.ts": {
    captureValuesAction: { kinds: ["input", "locale"], valid: () => [{ challengeId: "capture-half-close" }, "en"] },
    reissueCaptureValuesAction: { kinds: ["input", "locale"], valid: () => [{ challengeId: "capture-half-close" }, "en"] },
    deleteKeptCaptureAction: { kinds: ["input", "locale"], valid: () => [{ evidenceId: "evidence-id" }, "en"] },
  },
  "lib/challenges/actions.ts": {
    submitChallengeAction: { kinds: ["input", "locale"], valid: () => [{ challengeId: "x", log: [] }, "en"] },
    challengeStatusAction: { kinds: ["input", "locale"], valid: () => [{ ids: [] }, "en"] },
  },
  "lib/progress/lesson-actions.ts": {
    startLessonAction: { kinds: ["input", "locale"], valid: () => [{ slug: "tcp-header-and-flags" }, "en"] },
    saveLessonPositionAction: { kinds: ["input", "locale"], valid: () => [{ slug: "tcp-header-and-flags", position: "flags" }, "en"] },
    markLessonReadAction: { kinds: ["input", "locale"], valid: () => [{ slug: "tcp-header-and-flags" }, "en"] },
    markLessonDoneAction: { kinds: ["input", "locale"], valid: () => [{ slug: "tcp-header-and-flags" }, "en"] },
  },
  "lib/learning/diagnostic-actions.ts": {
    diagnosticStatusAction: { kinds: ["input", "locale"], valid: () => [{ slug: "time-wait" }, "en"] },
    startDiagnosticAction: { kinds: ["input", "locale"], valid: () => [{ slug: "time-wait", phase: "pre" }, "en"] },
    submitDiagnosticAction: { kinds: ["input", "locale"], valid: () => [{ slug: "time-wait", phase: "pre", index: 0, response: { type: "single", optionId: "a" } }, "en"] },
  },
  "lib/classes/instructor-actions.ts": {
    createClassAction: { kinds: ["state", "form"], valid: () => [null, formWith({ name: "A new class", timeZone: "UTC" })] },
    updateClassAction: { kinds: ["id", "state", "form"], valid: (w) => [w.classId, null, formWith({ name: "Renamed", timeZone: "UTC" })] },
    setArchivedAction: { kinds: ["id", "bool", "state", "language"], valid: (w) => [w.classId, true, null] },
    regenerateJoinCodeAction: { kinds: ["id", "state", "language"], valid: (w) => [w.classId, null] },
    regenerateInviteLinkAction: { kinds: ["id", "state", "language"], valid: (w) => [w.classId, null] },
    removeStudentAction: { kinds: ["id", "id", "state", "language"], valid: (w) => [w.classId, w.studentId, null] },
    addCoInstructorAction: { kinds: ["id", "state", "form"], valid: (w) => [w.classId, null, formWith({ email: w.colleagueEmail })] },
    removeCoInstructorAction: { kinds: ["id", "id", "state", "language"], valid: (w) => [w.classId, w.coInstructorId, null] },
    revokeInvitationAction: { kinds: ["id", "id", "state", "language"], valid: (w) => [w.classId, w.invitationId, null] },
    importRosterAction: { kinds: ["id", "state", "form"], valid: (w) => [w.classId, null, formWith({ text: "new-person@example.test" })] },
    createAssignmentAction: {
      kinds: ["id", "state", "form"],
      valid: (w) => [w.classId, null, formWith({ target: "LESSON:tcp-header-and-flags", title: "Read", points: "5", opensAt: wallTime(0), dueAt: wallTime(7), latePolicy: "CLOSE" })],
    },
    updateAssignmentAction: {
      kinds: ["id", "state", "form"],
      valid: (w) => [w.assignmentId, null, formWith({ target: "LESSON:tcp-header-and-flags", title: "Renamed", points: "5", opensAt: wallTime(0), dueAt: wallTime(7), latePolicy: "CLOSE" })],
    },
    deleteAssignmentAction: { kinds: ["id", "state", "language"], valid: (w) => [w.assignmentId, null] },
    grantExtensionAction: { kinds: ["id", "state", "form"], valid: (w) => [w.assignmentId, null, formWith({ studentId: w.studentId, dueAt: "2030-01-01T12:00" })] },
    removeExtensionAction: { kinds: ["id", "id", "state", "language"], valid: (w) => [w.assignmentId, w.studentId, null] },
    excuseStudentAction: { kinds: ["id", "state", "form"], valid: (w) => [w.assignmentId, null, formWith({ studentId: w.studentId, note: "Away" })] },
    withdrawExcuseAction: { kinds: ["id", "id", "state", "language"], valid: (w) => [w.assignmentId, w.excusedId, null] },
  },
  "lib/classes/join-actions.ts": {
    joinByCodeAction: { kinds: ["state", "form"], valid: (w) => [null, formWith({ code: w.joinCode })] },
    joinByLinkAction: { kinds: ["id", "state", "language"], valid: (w) => [w.inviteToken, null] },
    acceptInvitationAction: { kinds: ["id", "state", "language"], valid: (w) => [w.invitationToken, null] },
    answerInvitationAction: { kinds: ["state", "form"], valid: (w) => [null, formWith({ invitationId: w.invitationId, answer: "accept" })] },
    acceptMyInvitationAction: { kinds: ["id", "state", "language"], valid: (w) => [w.invitationId, null] },
    declineMyInvitationAction: { kinds: ["id", "state", "language"], valid: (w) => [w.invitationId, null] },
    saveTimeZoneAction: { kinds: ["string"], valid: () => ["Europe/Berlin"] },
  },
  "lib/lti/actions.ts": {
    resendScoreAction: { kinds: ["id", "locale"], valid: () => ["job-id", "en"] },
    resendClassScoresAction: { kinds: ["id", "locale"], valid: (w) => [w.classId, "en"] },
    syncRosterAction: { kinds: ["id", "locale"], valid: (w) => [w.classId, "en"] },
    answerDeepLinkAction: { kinds: ["input", "locale"], valid: () => [{ requestId: "request-id", items: [] }, "en"] },
    cancelDeepLinkAction: { kinds: ["id", "locale"], valid: () => ["request-id", "en"] },
    linkAccountAction: { kinds: ["id", "locale"], valid: () => ["link-token", "en"] },
  },
  "lib/practice/actions.ts": {
    predictStepAction: { kinds: ["input"], valid: () => [{}] },
    predictLabAction: { kinds: ["input"], valid: () => [{}] },
  },
  "lib/progress/visitor-actions.ts": {
    recordAnonymousLessonAction: { kinds: ["input"], valid: () => [{ slug: "tcp-header-and-flags", milestone: "read" }] },
    mergeAnonymousProgressAction: { kinds: ["input"], valid: () => [{ receipts: [], challenges: [] }] },
  },
  "lib/quiz/actions.ts": {
    startQuizAttemptAction: { kinds: ["input"], valid: () => [{ quizId: "x", clientKey: "abcdefgh12" }] },
    submitQuizAnswerAction: { kinds: ["input"], valid: () => [{ quizId: "x", clientKey: "abcdefgh12", questionId: "q", response: { type: "single", optionId: "a" } }] },
  },
  "lib/review/actions.ts": {
    reviewStatusAction: { kinds: ["input"], valid: () => [{ locale: "en" }] },
    startReviewAction: { kinds: ["input"], valid: () => [{ clientKey: "abcdefgh12", locale: "en" }] },
    submitReviewAction: { kinds: ["input"], valid: () => [{ clientKey: "abcdefgh12", index: 0, response: { type: "single", optionId: "a" }, locale: "en" }] },
  },
  "lib/auth/signup-actions.ts": {
    signUpAction: { kinds: ["input", "locale"], valid: () => [{ name: "New", email: `new-${randomUUID()}@example.test`, password: "a-good-long-password" }, "en"] },
    signUpFormAction: { kinds: ["state", "form"], valid: () => [null, formWith({ name: "New", email: `new-${randomUUID()}@example.test`, password: "a-good-long-password", locale: "en" })] },
  },
  "lib/auth/signin-actions.ts": {
    signInFormAction: { kinds: ["state", "form"], valid: (w) => [null, formWith({ email: w.instructor.email, password: "correct horse battery", locale: "en" })] },
  },
};

/** A FormData with none of the fields any form expects, and a file where text belongs. */
function wrongFields(): FormData {
  const form = new FormData();
  form.append("unexpected", "1");
  for (const name of ["name", "title", "email", "code", "text", "studentId", "invitationId"]) form.append(name, new File(["x"], "x.txt"));
  return form;
}

const COMMON: Array<[string, () => unknown]> = [
  ["a plain object", () => ({ name: "x", title: "x", email: "someone@example.test", code: "ABCD1234", text: "a@example.test" })],
  ["a string", () => "x"],
  ["null", () => null],
  ["nothing", () => undefined],
  ["a number", () => 42],
  ["an array", () => ["x"]],
  ["FormData with the wrong fields", wrongFields],
];

function badShapes(kind: Kind): Array<[string, () => unknown]> {
  switch (kind) {
    case "state":
    case "language":
      return [];
    case "id":
    case "string":
      return [...COMMON.filter(([label]) => label !== "a string"), ["an empty string", () => ""], ["a string too long for an id", () => "x".repeat(65)]];
    case "locale":
      return [...COMMON.filter(([label]) => label !== "nothing"), ["an unknown language", () => "fr"]];
    case "input":
      return [...COMMON, ["an object with unknown fields", () => ({ unexpected: true, userId: "someone" })]];
    default:
      return COMMON;
  }
}

/** The whole database as sorted JSON, table by table. */
async function snapshot(): Promise<string> {
  const tables: Record<string, string[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany: () => Promise<unknown[]> }>)[model.charAt(0).toLowerCase() + model.slice(1)];
    const rows = await delegate!.findMany();
    tables[model] = rows.map((row) => JSON.stringify(row, (_, value) => (typeof value === "bigint" ? value.toString() : value))).sort();
  }
  return JSON.stringify(tables);
}

async function world() {
  const tag = randomUUID().slice(0, 8);
  const [instructor, coInstructor, colleague, student, excused, invited] = await Promise.all([
    createUser({ role: "ADMIN", name: "Owner" }),
    createUser({ role: "INSTRUCTOR", name: "Co-teacher" }),
    createUser({ role: "INSTRUCTOR", name: "Colleague" }),
    createUser({ name: "Student" }),
    createUser({ name: "Excused" }),
    createUser({ name: "Invited" }),
  ]);
  const { classroom, assignment } = await createClassWithAssignment({ ownerId: instructor.id, coInstructorId: coInstructor.id, studentIds: [student.id, excused.id], name: `Class ${tag}` });
  await db.assignmentExcusal.create({ data: { assignmentId: assignment.id, userId: excused.id, excusedById: instructor.id } });
  const invitation = await db.invitation.create({ data: { classId: classroom.id, email: invited.email, token: `inv-${tag}`, invitedById: instructor.id } });
  return {
    instructor,
    classId: classroom.id,
    joinCode: classroom.joinCode,
    inviteToken: classroom.inviteToken,
    assignmentId: assignment.id,
    studentId: student.id,
    excusedId: excused.id,
    coInstructorId: coInstructor.id,
    colleagueEmail: colleague.email,
    invitationId: invitation.id,
    invitationToken: invitation.token,
  };
}

let w: World;
beforeAll(async () => {
  w = await world();
});

describe("Server Action arguments", () => {
  it("the table names every exported action of every \"use server\" module", async () => {
    const modules = serverActionModules();
    expect(modules).toEqual(Object.keys(ACTIONS).sort());
    for (const file of modules) {
      const exported = await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`);
      const actions = Object.keys(exported).filter((name) => typeof exported[name] === "function");
      expect(actions.sort(), file).toEqual(Object.keys(ACTIONS[file] ?? {}).sort());
      for (const name of actions) expect(exported[name].length, `${file} ${name}: its parameters in the table`).toBeLessThanOrEqual(ACTIONS[file]![name]!.kinds.length);
    }
  });

  const cases = Object.entries(ACTIONS).flatMap(([file, actions]) => Object.entries(actions).map(([name, entry]) => ({ file, name, entry })));
  it.each(cases.filter(({ entry }) => entry.kinds.some((kind) => kind !== "state")))("$name refuses arguments of the wrong shape and writes nothing", async ({ file, name, entry }) => {
    const action = (await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`))[name] as (...args: unknown[]) => Promise<unknown>;
    const before = await snapshot();
    let calls = 0;
    for (const [position, kind] of entry.kinds.entries()) {
      for (const [label, make] of badShapes(kind)) {
        for (const user of [w.instructor, null]) {
          session.user = user;
          const args = entry.valid(w);
          args[position] = make();
          const what = `${name} with ${label} as argument ${position + 1} (${user ? "signed in" : "signed out"})`;
          let result: unknown;
          await expect(
            (async () => {
              result = await action(...args);
            })(),
            what,
          ).resolves.toBeUndefined();
          expect(result, what).toMatchObject({ ok: false });
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(0);
    expect(await snapshot(), `${name} wrote something`).toBe(before);
  });
});

describe("the valid arguments in the table", () => {
  // Each instructor action does its work with them: the refusals above come from the one wrong argument.
  const instructorActions = Object.entries(ACTIONS["lib/classes/instructor-actions.ts"]!);
  it.each(instructorActions.map(([name, entry]) => ({ name, entry })))("$name succeeds with them", async ({ name, entry }) => {
    const fresh = await world();
    session.user = fresh.instructor;
    const action = (await import("@/lib/classes/instructor-actions"))[name as keyof typeof import("@/lib/classes/instructor-actions")] as (...args: unknown[]) => Promise<unknown>;
    const outcome = await action(...entry.valid(fresh)).then(
      (result) => result,
      (error: unknown) => (String(error).includes("redirected to") ? { ok: true } : { thrown: String(error) }),
    );
    expect(outcome).toMatchObject({ ok: true });
  });
});
