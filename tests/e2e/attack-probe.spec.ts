/**
 * An attacker's probe of the production server, replayed on every run: the abuses that found the
 * failures of issue 14 and those tried since, each with what the server must answer and a check
 * that nothing was written. Sections: forged and revoked sessions; one account reaching another's
 * classes, students and work (pages, the CSV export, every Server Action that names a class, an
 * assignment or an invitation); answer keys before an answer; Server Actions called with arguments
 * no page sends; cross-site requests; open redirects and header injection; bodies and request
 * lines Next.js cannot read; guessing class codes and passwords; LTI launches that are replayed,
 * forged, or meant for another tool.
 *
 * It runs its own production server on a throwaway database (bench/support/server.ts) with low
 * limits, so the limits can be reached and "nothing was written" is checked on the whole database:
 * every table's rows before and after, except the counters a refused attempt is meant to bump.
 * tests/e2e/fuzz.spec.ts walks every route with malformed encodings; this file is the list of attacks.
 */
import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { decodeJwt } from "jose";
import { encode } from "next-auth/jwt";
import { startProductionServer, type RunningServer } from "../../bench/support/server";
import { ROLE, startTestPlatform, type TestPlatform } from "../support/lti-platform/platform";
import { fill, ROUTES, signedInContext, validValues } from "./app-routes";
import { quiz } from "./quiz-support";
import { DEMO } from "./support";

const LIMITS = {
  RATE_LIMIT_JOIN_PER_ACCOUNT: "4",
  RATE_LIMIT_JOIN_PER_IP: "1000",
  RATE_LIMIT_SIGNIN_PER_EMAIL: "3",
  RATE_LIMIT_SIGNIN_PER_IP: "1000",
  RATE_LIMIT_SIGNUP_PER_IP: "1000",
  WEB_CONCURRENCY: "1",
};
const SECRET = "attack-probe-secret-0123456789-abcdefghijklmnop";
const STUDENT_PASSWORD = "learn-tcp-demo";

let server: RunningServer;
let platform: TestPlatform;
/** The origin the server speaks for (NEXTAUTH_URL unset: http://localhost:PORT). */
let base = "";
let databaseFile = "";

// In order, in one worker, on one server; a failure does not stop the tests after it.
test.describe.configure({ mode: "default", timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await startProductionServer({ env: { ...LIMITS, AUTH_SECRET: SECRET } });
  base = `http://localhost:${new URL(server.baseUrl).port}`;
  databaseFile = server.databaseUrl.replace(/^file:/, "");
  // A second instructor, who teaches nothing of the demo class.
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/user-role.ts", "lars@example.com", "INSTRUCTOR"], { env: { ...process.env, DATABASE_URL: server.databaseUrl }, stdio: "pipe" });
  platform = await startTestPlatform(0);
});

test.afterAll(async () => {
  await Promise.all([server?.stop(), platform?.stop()]);
});

// ---------------------------------------------------------------------------------------------
// Helpers

function query<T>(sql: string, ...params: unknown[]): T[] {
  const connection = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return connection.prepare(sql).all(...params) as T[];
  } finally {
    connection.close();
  }
}

/** Counters a refused attempt is meant to bump, and the state every LTI login initiation stores. */
const EXPECTED_WRITES = new Set(["RateLimitBucket", "LoginThrottle", "LtiLoginState", "_prisma_migrations"]);

/** A digest of every row of every table (but those above): equal digests, nothing written. */
function databaseDigest(): Record<string, string> {
  const connection = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const tables = connection.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>;
    const digest: Record<string, string> = {};
    for (const { name } of tables) {
      if (EXPECTED_WRITES.has(name)) continue;
      const rows = connection.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
      digest[name] = `${rows.length} rows ${createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16)}`;
    }
    return digest;
  } finally {
    connection.close();
  }
}

/** Runs `attack` and fails, naming the tables, if it wrote anything. */
async function expectNoWrite<T>(what: string, attack: () => Promise<T>): Promise<T> {
  const before = databaseDigest();
  const result = await attack();
  expect(databaseDigest(), `${what} wrote to the database`).toEqual(before);
  return result;
}

async function client(account?: { email: string; password: string }): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: base, maxRedirects: 0 });
  if (account) await signedInContext(context, account);
  return context;
}

const values = () => validValues(query);
const sameOrigin = (location: string | undefined) => new URL(location ?? "x:", base).origin === base;

/** What no answer may contain: a password hash, a stack frame, a path on the server, a database error, the signing secret. */
function leaks(body: string): string[] {
  const patterns: Array<[string, RegExp]> = [
    ["a password hash", /\$argon2(?:id|i|d)\$|\$2[aby]\$\d\d\$/],
    ["a stack frame", /\bat [\w$.<>[\] ]+ \((?:\/|file:|node:)[^)]*:\d+:\d+\)/],
    ["a server path", new RegExp(`${process.cwd().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}|node_modules/|/\\.next/server`)],
    ["a database error", /PrismaClient|Invalid `prisma|SQLITE_[A-Z]+|violates (?:unique|foreign key) constraint/],
  ];
  const found = patterns.filter(([, pattern]) => pattern.test(body)).map(([what]) => what);
  if (body.includes(SECRET)) found.push("the signing secret");
  return found;
}

type Sent = { label: string; send: () => Promise<APIResponse> };

/** Sends a few at a time; lists every answer that was a 5xx or gave something away. */
async function probe(requests: Sent[]) {
  const failures: string[] = [];
  for (let i = 0; i < requests.length; i += 6) {
    await Promise.all(
      requests.slice(i, i + 6).map(async ({ label, send }) => {
        const response = await send();
        const body = await response.text().catch(() => "");
        if (response.status() >= 500) failures.push(`${response.status()} ${label}`);
        for (const what of leaks(body)) failures.push(`${label} gave away ${what}`);
        await response.dispose();
      }),
    );
  }
  return failures;
}

type ServerAction = { id: string; file: string; name: string; page: string };

/** Every Server Action of the build and a page that calls it (app/join/page → /join). */
function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  const filled = values();
  // A function only the hot calls' route handler imports (ADR 1490) has no page, so no Server Action to call.
  return Object.entries(manifest.node).flatMap(([id, action]) => {
    const worker = Object.keys(action.workers)
      .filter((name) => name.endsWith("/page"))
      .sort((a, b) => Number(a.includes("/zh/")) - Number(b.includes("/zh/")))[0];
    if (!worker) return [];
    const pattern = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
    return [{ id, file: action.filename, name: action.exportedName, page: fill(pattern, filled) }];
  });
}

function action(name: string): ServerAction {
  const found = serverActions().find((a) => a.name === name);
  if (!found) throw new Error(`no Server Action ${name} in the build`);
  return found;
}

/**
 * Calls a Server Action as React's client does: arguments as JSON, a FormData argument as
 * multipart fields `_<n>_<name>` referenced by "$K<n>" (as React 19 names them). Returns the status and the RSC answer.
 */
async function callAction(http: APIRequestContext, name: string, args: unknown[], options: { origin?: string; form?: Record<string, string> } = {}) {
  const target = action(name);
  const headers = { "next-action": target.id, origin: options.origin ?? base, accept: "text/x-component" };
  let response: APIResponse;
  if (options.form) {
    // The form's fields first: Next.js decodes the parts as they stream in, and "0" refers to them.
    const body = new FormData();
    for (const [field, value] of Object.entries(options.form)) body.append(`_1_${field}`, value);
    body.append("0", JSON.stringify(args.map((arg) => (arg === FORM ? "$K1" : arg))));
    response = await http.post(target.page, { headers, multipart: body });
  } else {
    response = await http.post(target.page, { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, data: JSON.stringify(args) });
  }
  const text = await response.text();
  return { status: response.status(), text };
}
/** Calls one of the learner's hot calls (app/api/calls/[name], ADR 1490) as the app's pages do: the arguments as a JSON array. */
async function callHot(http: APIRequestContext, name: string, args: unknown[], options: { origin?: string; contentType?: string } = {}) {
  const response = await http.post(`/api/calls/${name}`, { headers: { origin: options.origin ?? base, "content-type": options.contentType ?? "application/json" }, data: JSON.stringify(args) });
  return { status: response.status(), text: await response.text() };
}

/** Stands for the FormData argument in `callAction`'s argument list. */
const FORM = Symbol("form");

function multipart(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

// ---------------------------------------------------------------------------------------------

test("the findings of the first probe stay fixed: 500s on malformed input, Host-derived URLs, inline scripts the policy allows", async () => {
  const visitor = await client();
  const student = await client({ email: "lars@example.com", password: STUDENT_PASSWORD });
  expect((await visitor.get("/course/%ff")).status()).toBe(400);
  for (const target of ["/%E4%B8%AD", "/%0d%0aSet-Cookie:%20injected=1", "/%09/evil.example"]) {
    const response = await student.get(`/signin?callbackUrl=${target}`);
    expect(response.status(), target).toBe(307);
    expect(sameOrigin(response.headers().location), target).toBe(true);
  }
  expect(await (await visitor.get("/api/auth/providers", { headers: { "x-forwarded-host": "evil.example", host: "evil.example" } })).text()).not.toContain("evil.example");
  // Every page, as an instructor (so pages that need an account render): no inline script the policy does not name.
  const filled = values();
  const instructor = await client(DEMO.instructor);
  for (const route of ROUTES.filter((r) => r.kind === "page")) {
    const url = fill(route.pattern, filled);
    const response = await instructor.get(url);
    if (!(response.headers()["content-type"] ?? "").includes("text/html")) continue;
    const policy = response.headers()["content-security-policy"] ?? "";
    const scriptSources = policy.split("; ").find((directive) => directive.startsWith("script-src ")) ?? "";
    expect(scriptSources, url).toMatch(/^script-src 'self' /);
    expect(scriptSources, url).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(scriptSources)?.[1];
    const hashes = new Set([...scriptSources.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]));
    const html = await response.text();
    for (const [, attributes, body] of html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (/type="application\/(?:ld\+)?json"/.test(attributes!)) continue;
      if (nonce && attributes!.includes(`nonce="${nonce}"`)) continue;
      expect(hashes.has(createHash("sha256").update(body!).digest("base64")), `${url}: an inline script neither carries the nonce nor is hashed: ${body!.slice(0, 80)}`).toBe(true);
    }
  }
  await Promise.all([visitor.dispose(), student.dispose(), instructor.dispose()]);
});

test("forged, foreign and revoked session cookies are a visitor's, and a visitor reaches nothing that needs an account", async () => {
  const { classId, assignmentId, studentId } = values();
  const guarded = [
    "/dashboard",
    "/account",
    "/instructor",
    `/instructor/classes/${classId}`,
    `/instructor/classes/${classId}/gradebook`,
    `/instructor/classes/${classId}/analytics`,
    `/instructor/classes/${classId}/students/${studentId}`,
    `/instructor/classes/${classId}/assignments/${assignmentId}`,
    `/instructor/classes/${classId}/assignments/new`,
    `/instructor/classes/${classId}/lti`,
    "/admin/lti",
  ];
  const [ada] = query<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, DEMO.student.email);
  const [iris] = query<{ id: string; sessionVersion: number }>(`SELECT id, sessionVersion FROM "User" WHERE email = ?`, DEMO.instructor.email);
  // Tokens an attacker can make: unsigned, encrypted with a guessed secret, or a copy of a real one edited.
  const claims = { sub: iris!.id, id: iris!.id, role: "ADMIN" as const, sessionVersion: iris!.sessionVersion, email: DEMO.instructor.email };
  const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
  const guessedSecret = await encode({ token: claims, secret: "changeme" });
  const student = await client(DEMO.student);
  const real = (await student.storageState()).cookies.find((c) => c.name.endsWith("session-token"))!.value;
  const edited = real.slice(0, -6) + (real.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");

  await expectNoWrite("requests with forged session cookies", async () => {
    for (const cookie of [null, unsigned, guessedSecret, edited, "%ff%00", "a".repeat(5000)]) {
      const visitor = await client();
      const headers: Record<string, string> = cookie === null ? {} : { cookie: `next-auth.session-token=${cookie}` };
      expect(await (await visitor.get("/api/auth/session", { headers })).json(), `session with ${String(cookie).slice(0, 20)}`).toEqual({});
      expect(await (await visitor.get("/api/lti/session", { headers })).json()).toEqual({ userId: null });
      for (const url of guarded) {
        const response = await visitor.get(url, { headers });
        expect(response.status(), url).toBe(307);
        expect(response.headers().location, url).toMatch(/^\/signin\?callbackUrl=%2F/);
      }
      const csv = await visitor.get(`/instructor/classes/${classId}/gradebook/export`, { headers });
      expect([401, 403, 404], "the gradebook export").toContain(csv.status());
      expect(await csv.text()).not.toContain("ada@example.com");
      await visitor.dispose();
    }
  });

  // The real cookie after its owner signs out: refused like the forged ones (ADR 0010).
  const copy = await student.storageState();
  const { csrfToken } = (await (await student.get("/api/auth/csrf")).json()) as { csrfToken: string };
  expect((await student.post("/api/auth/signout", { form: { csrfToken, json: "true" } })).status()).toBe(200);
  const replayed = await request.newContext({ baseURL: base, maxRedirects: 0, storageState: copy });
  expect(await (await replayed.get("/api/auth/session")).json()).toEqual({});
  expect((await replayed.get("/dashboard")).headers().location).toBe("/signin?callbackUrl=%2Fdashboard");
  const progress = await callAction(replayed, "markLessonDoneAction", [{ slug: "tcp-header-and-flags" }]);
  expect(progress.text).not.toMatch(/"ok":true/);
  expect(progress.text).toMatch(/"ok":false,"sessionEnded":true/);
  expect(query(`SELECT id FROM "LessonProgress" WHERE userId = ? AND lessonSlug = ? AND markedDoneAt IS NOT NULL`, ada!.id, "tcp-header-and-flags")).toEqual([]);
  await Promise.all([student.dispose(), replayed.dispose()]);
});

test("no account reads or changes another's classes, students or work", async () => {
  const { classId, assignmentId, studentId, token } = values();
  const [invitation] = query<{ id: string }>(`SELECT id FROM "Invitation" LIMIT 1`);
  const [ben] = query<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, "ben@example.com");
  const [iris] = query<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, DEMO.instructor.email);
  const otherInstructor = await client({ email: "lars@example.com", password: STUDENT_PASSWORD });
  const student = await client(DEMO.student);

  await expectNoWrite("another instructor's and a student's requests for the demo class", async () => {
    for (const [who, http] of [
      ["an instructor of another class", otherInstructor],
      ["a student of the class", student],
    ] as const) {
      for (const url of [
        `/instructor/classes/${classId}`,
        `/instructor/classes/${classId}/gradebook`,
        `/instructor/classes/${classId}/gradebook/export`,
        `/instructor/classes/${classId}/analytics`,
        `/instructor/classes/${classId}/students/${studentId}`,
        `/instructor/classes/${classId}/assignments/${assignmentId}`,
        `/instructor/classes/${classId}/assignments/new`,
        `/instructor/classes/${classId}/lti`,
        "/admin/lti",
      ]) {
        const response = await http.get(url);
        expect([403, 404], `${who}: ${url}`).toContain(response.status());
        const body = await response.text();
        expect(body, `${who}: ${url}`).not.toContain("ben@example.com");
        expect(body, `${who}: ${url}`).not.toContain("SYNACK42");
      }
      const refused: Array<[string, unknown[], Record<string, string>?]> = [
        ["updateClassAction", [classId, null, FORM], { name: "Taken over", timeZone: "UTC" }],
        ["setArchivedAction", [classId, true, null]],
        ["regenerateJoinCodeAction", [classId, null]],
        ["regenerateInviteLinkAction", [classId, null]],
        ["removeStudentAction", [classId, ben!.id, null]],
        ["addCoInstructorAction", [classId, null, FORM], { email: who.includes("instructor") ? "lars@example.com" : DEMO.student.email }],
        ["removeCoInstructorAction", [classId, iris!.id, null]],
        ["revokeInvitationAction", [classId, invitation?.id ?? "x", null]],
        ["importRosterAction", [classId, null, FORM], { emails: "mallory@example.test" }],
        ["createAssignmentAction", [classId, null, FORM], { kind: "lesson", target: "three-way-handshake", opensAt: "", dueAt: "", points: "10" }],
        ["updateAssignmentAction", [assignmentId, null, FORM], { points: "0" }],
        ["deleteAssignmentAction", [assignmentId, null]],
        ["grantExtensionAction", [assignmentId, null, FORM], { studentId: ben!.id, dueAt: "2099-01-01T00:00" }],
        ["removeExtensionAction", [assignmentId, ben!.id, null]],
        ["excuseStudentAction", [assignmentId, null, FORM], { studentId: ben!.id, reason: "x" }],
        ["withdrawExcuseAction", [assignmentId, ben!.id, null]],
        ["resendClassScoresAction", [classId]],
        ["syncRosterAction", [classId]],
        ["removePlatformAction", ["any-platform"]],
        ["issueRegistrationLinkAction", ["7d"]],
        ["addPlatformAction", [{ issuer: "https://evil.example", clientId: "x", deploymentIds: "d", authUrl: "https://evil.example/a", tokenUrl: "https://evil.example/t", jwksUrl: "https://evil.example/j", name: "Evil" }]],
      ];
      for (const [name, args, form] of refused) {
        const { status, text } = await callAction(http, name, args, form ? { form } : {});
        expect(status, `${who}: ${name}`).toBe(200);
        // Refused for who is asking (not for a malformed form): the one refusal with its reason and its message (ADR 1310),
        // the class pages' (the class's LMS actions too) or the LMS administration's.
        expect(text, `${who}: ${name}`).toMatch(/"ok":false,"refusal":"not-allowed","message":"(You cannot change this class|Only administrators can [^"]+)\."/);
        expect(leaks(text), `${who}: ${name}`).toEqual([]);
      }
    }
    // A student accepting an invitation meant for someone else, by its token or its id.
    expect((await callAction(student, "acceptInvitationAction", [token, null])).text).toMatch(/"ok":false/);
    if (invitation) expect((await callAction(student, "acceptMyInvitationAction", [invitation.id, null])).text).toMatch(/"ok":false/);
  });

  // Control: the class's own instructor makes the same kind of call with the same encoding, and it works.
  const owner = await client(DEMO.instructor);
  const [demo] = query<{ name: string; timeZone: string }>(`SELECT name, timeZone FROM "Classroom" WHERE id = ?`, classId);
  const saved = await callAction(owner, "updateClassAction", [classId, null, FORM], { form: { name: demo!.name, timeZone: demo!.timeZone } });
  expect(saved.text).toMatch(/"ok":true/);
  await owner.dispose();

  // A visitor's quiz attempt is bound to its own cookie: another visitor holding the token cannot answer in it.
  const first = await client();
  const second = await client();
  const started = await callHot(first, "quiz-start", [{ quizId: quiz.id, clientKey: "probe-first-visitor" }]);
  const attemptToken = /"token":"([^"]+)"/.exec(started.text)?.[1];
  expect(attemptToken).toBeTruthy();
  const question = quiz.questions[0]!;
  await expectNoWrite("answering in another visitor's attempt", async () => {
    const stolen = await callHot(second, "quiz-answer", [
      { quizId: quiz.id, clientKey: "probe-first-visitor", token: attemptToken, questionId: question.id, response: { type: "single", optionId: "connection-request" } },
    ]);
    expect(stolen.text).toMatch(/"ok":false/);
  });
  await Promise.all([otherInstructor.dispose(), student.dispose(), first.dispose(), second.dispose()]);
});

test("answer keys stay on the server until their question is answered", async () => {
  /** The explanation, feedback and misconception texts of a list of questions (quiz-support's answerSecrets, per question). */
  const secretsOf = (questions: unknown[]): string[] => {
    const secrets = new Set<string>();
    const visit = (value: unknown, key?: string) => {
      if (typeof value === "string") {
        if (key && ["explanation", "feedback", "misconception", "missedMisconception"].includes(key)) secrets.add(value);
      } else if (Array.isArray(value)) value.forEach((item) => visit(item));
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, k);
    };
    visit(questions);
    return [...secrets].map((text) => text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!.trim()).filter((text) => text.length >= 12);
  };
  const all = secretsOf(quiz.questions);
  expect(all.length).toBeGreaterThan(10);
  const visitor = await client();
  const found = (text: string, secrets: string[]) => secrets.filter((secret) => text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1)));

  for (const url of ["/course/tcp-header-and-flags", "/zh/course/tcp-header-and-flags", `/lti/quiz/${quiz.id}`]) {
    for (const headers of [{}, { rsc: "1" }] as Array<Record<string, string>>) {
      const response = await visitor.get(url, { headers });
      expect(found(await response.text(), all), `${url} ${JSON.stringify(headers)}`).toEqual([]);
    }
  }
  const started = await callHot(visitor, "quiz-start", [{ quizId: quiz.id, clientKey: "probe-answer-keys" }]);
  expect(started.text).toMatch(/"ok":true/);
  expect(found(started.text, all)).toEqual([]);
  const token = /"token":"([^"]+)"/.exec(started.text)![1];
  // Answering one question reveals that question's key, and no other's.
  const [first, ...rest] = quiz.questions;
  const option = (first as { options?: Array<{ id: string }> }).options?.[0]?.id ?? "connection-request";
  const answered = await callHot(visitor, "quiz-answer", [{ quizId: quiz.id, clientKey: "probe-answer-keys", token, questionId: first!.id, response: { type: "single", optionId: option } }]);
  expect(answered.text).toMatch(/"ok":true/);
  const others = secretsOf(rest).filter((secret) => !secretsOf([first]).includes(secret));
  expect(found(answered.text, others)).toEqual([]);
  await visitor.dispose();
});

test("every Server Action, called with arguments no page sends, with and without a script, answers without a 5xx or a leak", async () => {
  // Actions that end the caller's sessions go last, so the others run signed in.
  const actions = serverActions().sort((a, b) => Number(/SignOut|signOut/.test(a.name)) - Number(/SignOut|signOut/.test(b.name)));
  expect(actions.length).toBeGreaterThan(40);
  const failures: string[] = [];
  for (const identity of ["visitor", "student", "instructor"] as const) {
    const http = await client(identity === "visitor" ? undefined : identity === "student" ? { email: "zoe@example.com", password: STUDENT_PASSWORD } : { email: "lars@example.com", password: STUDENT_PASSWORD });
    const sends: Sent[] = [];
    for (const target of actions) {
      const fetchCall = (label: string, data: string | FormData) => ({
        label: `${identity} ${target.file}#${target.name} ${label}`,
        send: () =>
          http.post(target.page, {
            headers: { "next-action": target.id, origin: base, accept: "text/x-component", ...(typeof data === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}) },
            ...(typeof data === "string" ? { data } : { multipart: data }),
          }),
      });
      const formPost = (label: string, fields: Record<string, string>) => ({
        label: `${identity} ${target.file}#${target.name} ${label}`,
        send: () => http.post(target.page, { headers: { origin: base }, multipart: multipart(fields) }),
      });
      // Called by a script: argument lists of the wrong shape and type.
      for (const args of ["[]", "[null]", '["x"]', "[{}]", "[1,2,3,4,5]", '["x","x","x"]', '[{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}]', `["${"a".repeat(100_000)}"]`]) {
        sends.push(fetchCall(`fetch ${args.slice(0, 40)}`, args));
      }
      // Form data where a page sends none, and none where it sends some.
      sends.push(fetchCall("fetch form data", multipart({ "0": '["$K1"]', "1_code": "x", "1_email": "x" })));
      sends.push(fetchCall("fetch id and form data", multipart({ "0": '["x",null,"$K1"]', "1_text": "a@b.c" })));
      // Posted as a form, as before the page's script runs: unbound, and bound to odd arguments.
      sends.push(formPost("form $ACTION_ID", { [`$ACTION_ID_${target.id}`]: "", code: "x", email: "x", text: "x" }));
      for (const bound of ['["x"]', "[]", "[1,2,3,4]", "[null,null]"]) {
        sends.push(formPost(`form bound ${bound}`, { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id: target.id, bound: "$@1" }), "$ACTION_1:1": bound, $ACTION_KEY: "k0", code: "x" }));
      }
    }
    failures.push(...(await probe(sends)));
    await http.dispose();
  }
  expect(failures).toEqual([]);
});

test("a request from another site, or without next-auth's CSRF token, changes nothing", async () => {
  const instructor = await client(DEMO.instructor);
  const { classId } = values();
  const joinCode = () => query<{ joinCode: string }>(`SELECT joinCode FROM "Classroom" WHERE id = ?`, classId)[0]!.joinCode;
  const regenerate = action("regenerateJoinCodeAction");
  await expectNoWrite("cross-site Server Actions with the instructor's cookie", async () => {
    for (const origin of ["https://evil.example", "null", `http://localhost.evil.example:${new URL(base).port}`, "http://127.0.0.1.nip.io"]) {
      expect((await callAction(instructor, "regenerateJoinCodeAction", [classId, null], { origin })).status, origin).toBe(403);
      // The same, posted by a form on the other site (no script needed).
      const form = await instructor.post(regenerate.page, { headers: { origin }, multipart: multipart({ $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id: regenerate.id, bound: "$@1" }), "$ACTION_1:1": JSON.stringify([classId]), $ACTION_KEY: "k0" }) });
      expect(form.status(), `form from ${origin}`).toBe(403);
      // A learner's hot call is refused the same way, and a form's body type is never taken.
      expect((await callHot(instructor, "reading-position", [{ slug: "tcp-header-and-flags", position: "summary" }], { origin })).status, `hot call from ${origin}`).toBe(403);
    }
    expect((await callHot(instructor, "reading-position", [{ slug: "tcp-header-and-flags", position: "summary" }], { contentType: "text/plain;charset=UTF-8" })).status).toBe(415);
    // Signing out or in without the CSRF cookie's token.
    const signOut = await instructor.post("/api/auth/signout", { form: { json: "true" } });
    expect(signOut.status()).toBeLessThan(500);
    expect(((await (await instructor.get("/api/auth/session")).json()) as { user?: unknown }).user).toBeTruthy();
    const visitor = await client();
    const login = await visitor.post("/api/auth/callback/credentials", { headers: { origin: "https://evil.example" }, form: { email: DEMO.student.email, password: DEMO.student.password, json: "true" } });
    expect(login.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && /session-token=[^;]/.test(h.value))).toEqual([]);
    expect(await (await visitor.get("/api/auth/session")).json()).toEqual({});
    await visitor.dispose();
  });
  // Control: the same Server Action from the site itself works, so the refusals above are the origin check.
  const before = joinCode();
  expect((await callAction(instructor, "regenerateJoinCodeAction", [classId, null])).status).toBe(200);
  expect(joinCode()).not.toBe(before);
  await instructor.dispose();
});

test("redirect targets and header values an attacker writes stay on the site and in their header", async () => {
  const student = await client({ email: "priya@example.com", password: STUDENT_PASSWORD });
  const visitor = await client();
  const targets = ["/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%5Cevil.example", "javascript:alert(1)", "http:evil.example", "/%2F%2Fevil.example", "\t//evil.example", "/.//evil.example", "%2F%2Fevil.example", "https:/\\evil.example"];
  for (const target of targets) {
    const page = await student.get(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    expect(page.status(), target).toBe(307);
    expect(sameOrigin(page.headers().location), `${target} → ${page.headers().location}`).toBe(true);
    const signup = await student.get(`/signup?callbackUrl=${encodeURIComponent(target)}`);
    expect(sameOrigin(signup.headers().location), `sign-up ${target}`).toBe(true);
    // next-auth's own sign-in answer.
    const { csrfToken } = (await (await visitor.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signedIn = await visitor.post("/api/auth/callback/credentials", { form: { csrfToken, email: "priya@example.com", password: STUDENT_PASSWORD, callbackUrl: target, json: "true" } });
    // Refused outright (400), or answered with a URL on this site.
    if (signedIn.status() !== 400) expect(sameOrigin(((await signedIn.json()) as { url: string }).url), `next-auth ${target}`).toBe(true);
    expect(signedIn.status(), `next-auth ${target}`).toBeLessThan(500);
    // The sign-in form posted before its script ran.
    const signIn = action("signInFormAction");
    const form = await client();
    const noScript = await form.post(signIn.page, {
      headers: { origin: base },
      multipart: multipart({ [`$ACTION_ID_${signIn.id}`]: "", email: "priya@example.com", password: STUDENT_PASSWORD, callbackUrl: target, locale: "en" }),
    });
    expect(noScript.status(), `no-script sign-in ${target}`).toBeLessThan(400);
    if (noScript.headers().location) expect(sameOrigin(noScript.headers().location), `no-script sign-in ${target}`).toBe(true);
    const redirectHeader = noScript.headers()["x-action-redirect"];
    if (redirectHeader) expect(sameOrigin(redirectHeader.split(";")[0]), `no-script sign-in ${target}`).toBe(true);
    await form.dispose();
  }
  // CR/LF in a value that ends up in a header: no header of the attacker's, no 500.
  for (const url of ["/signin?callbackUrl=/%0d%0aSet-Cookie:%20injected=1", "/signin?callbackUrl=/%E4%B8%AD%0aX-Injected:%201", "/api/auth/signin?callbackUrl=%0d%0aSet-Cookie:%20injected=1", "/api/lti/login?iss=%0d%0aSet-Cookie:%20injected=1&login_hint=x&target_link_uri=x"]) {
    for (const http of [student, visitor]) {
      const response = await http.get(url);
      expect(response.status(), url).toBeLessThan(500);
      const names = response.headersArray().map((h) => h.name.toLowerCase());
      expect(names, url).not.toContain("x-injected");
      expect(response.headersArray().filter((h) => h.value.includes("injected")), url).toEqual([]);
    }
  }
  // A header value with a bare CR or LF is refused by the HTTP parser itself.
  const { hostname, port } = new URL(server.baseUrl);
  const answer = await rawRequest(hostname, Number(port), `GET /signin HTTP/1.1\r\nHost: localhost\r\nX-Test: a\rSet-Cookie: injected=1\r\nConnection: close\r\n\r\n`);
  expect(answer).toMatch(/^HTTP\/1\.1 400/);
  await Promise.all([student.dispose(), visitor.dispose()]);
});

function rawRequest(host: string, port: number, text: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, host, () => socket.write(text));
    let data = "";
    socket.on("data", (chunk) => (data += chunk));
    socket.on("close", () => resolve(data));
    socket.on("error", reject);
  });
}

test("bodies Next.js cannot read, oversized bodies and odd request lines get a 4xx before Next.js", async () => {
  const http = await client({ email: "chidi@example.com", password: STUDENT_PASSWORD });
  const join = action("joinByCodeAction");
  const call = (data: string | FormData, headers: Record<string, string> = {}) =>
    http.post(join.page, {
      headers: { "next-action": join.id, origin: base, ...(typeof data === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}), ...headers },
      ...(typeof data === "string" ? { data } : { multipart: data }),
    });
  await expectNoWrite("unreadable and oversized bodies", async () => {
    for (const body of ['["$nabc"]', '["$Q1"]', "[1,2", '"$@0"', '[{"a":"$0:a:b"}]']) expect((await call(body)).status(), body).toBe(400);
    expect((await call(multipart({ "0": '["$Q1","$Q1"]', "1": "[[1,2]]" }))).status()).toBe(400);
    const big = "a".repeat(1024 * 1024 + 1);
    expect((await call(`["${big}"]`)).status()).toBe(413);
    // Every other body too, with a length or in chunks: route handlers would read it all into memory.
    for (const target of ["/api/auth/callback/credentials", "/api/lti/launch", "/api/lti/login", "/api/lti/identity", "/signin", "/api/health"]) {
      expect((await http.post(target, { form: { id_token: big } })).status(), target).toBe(413);
    }
    const chunk = "a".repeat(64 * 1024);
    const chunked = `POST /api/lti/launch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(20)}0\r\n\r\n`;
    expect(await rawRequest(new URL(server.baseUrl).hostname, Number(new URL(server.baseUrl).port), chunked)).toMatch(/^HTTP\/1\.1 413/);
  });
  const { hostname, port } = new URL(server.baseUrl);
  const statusOf = async (text: string) => {
    const answer = await rawRequest(hostname, Number(port), text);
    return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), location: /\r\nlocation: ([^\r]*)/i.exec(answer)?.[1] };
  };
  const close = "Host: localhost\r\nConnection: close\r\n\r\n";
  // A whole URL as the target: its host is not where the redirect goes.
  const absolute = await statusOf(`GET http://evil.example/dashboard HTTP/1.1\r\n${close}`);
  expect(absolute.status).toBe(307);
  expect(absolute.location).toMatch(/^\/signin/);
  expect((await statusOf(`OPTIONS * HTTP/1.1\r\n${close}`)).status).toBe(400);
  for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE", "PATCH"]) {
    const { status } = await statusOf(`${method} / HTTP/1.1\r\n${close}`);
    expect(status, method).toBeGreaterThanOrEqual(400);
    expect(status, method).toBeLessThan(500);
  }
  expect((await statusOf(`GET / HTTP/1.1\r\nCookie: ${"a".repeat(40_000)}\r\n${close}`)).status).toBe(431);
  expect((await statusOf(`POST /signin HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n${close}0\r\n\r\n`)).status).toBe(400);
  await http.dispose();
});

test("guessing class codes and passwords is slowed down, and the owner of a targeted account still signs in", async () => {
  const guesser = await client({ email: "sofia@example.com", password: STUDENT_PASSWORD });
  const [sofia] = query<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, "sofia@example.com");
  const enrollments = () => query(`SELECT id FROM "Enrollment" WHERE userId = ?`, sofia!.id).length;
  const enrolledBefore = enrollments();
  const answers: string[] = [];
  for (let i = 0; i < Number(LIMITS.RATE_LIMIT_JOIN_PER_ACCOUNT) + 1; i++) {
    const { text } = await callAction(guesser, "joinByCodeAction", [null, FORM], { form: { code: `GUESS${String(i).padStart(3, "0")}` } });
    answers.push(/Too many attempts|No class has this code/.exec(text)?.[0] ?? text.slice(0, 200));
  }
  expect(answers).toEqual([...Array(Number(LIMITS.RATE_LIMIT_JOIN_PER_ACCOUNT)).fill("No class has this code"), "Too many attempts"]);
  // Once limited, even a right code is not tried (so a guess cannot be confirmed): nothing is written.
  const [other] = query<{ joinCode: string }>(`SELECT joinCode FROM "Classroom" WHERE id NOT IN (SELECT classId FROM "Enrollment" WHERE userId = ?) LIMIT 1`, sofia!.id);
  if (other) expect((await callAction(guesser, "joinByCodeAction", [null, FORM], { form: { code: other.joinCode } })).text).toContain("Too many attempts");
  expect(enrollments()).toBe(enrolledBefore);
  await guesser.dispose();

  // The owner signed in before on this browser (the trusted-device cookie); an attacker then fails against the account.
  const owner = await client({ email: "wang@example.com", password: STUDENT_PASSWORD });
  const ownerCookies = await owner.storageState();
  const attacker = await client();
  const attempt = async (http: APIRequestContext, password: string) => {
    const { csrfToken } = (await (await http.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await http.post("/api/auth/callback/credentials", { form: { csrfToken, email: "wang@example.com", password, json: "true" } });
    return new URL(((await response.json()) as { url: string }).url).searchParams.get("error");
  };
  const errors: Array<string | null> = [];
  for (let i = 0; i < 8 && !errors.some((e) => e?.startsWith("RateLimited")); i++) errors.push(await attempt(attacker, `guess-${i}`));
  expect(errors.slice(0, Number(LIMITS.RATE_LIMIT_SIGNIN_PER_EMAIL))).toEqual(Array(Number(LIMITS.RATE_LIMIT_SIGNIN_PER_EMAIL)).fill("CredentialsSignin"));
  expect(errors.at(-1)).toMatch(/^RateLimited:\d+$/);
  // Even the right password is refused to the attacker now, who cannot tell it was right.
  expect(await attempt(attacker, STUDENT_PASSWORD)).toMatch(/^RateLimited:\d+$/);
  // The owner, on the browser they used before, is not locked out.
  const ownerAgain = await request.newContext({ baseURL: base, maxRedirects: 0, storageState: { cookies: ownerCookies.cookies.filter((c) => !c.name.includes("session-token")), origins: [] } });
  expect(await attempt(ownerAgain, STUDENT_PASSWORD)).toBeNull();
  expect(((await (await ownerAgain.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email).toBe("wang@example.com");
  await Promise.all([owner.dispose(), attacker.dispose(), ownerAgain.dispose()]);
});

test("LTI launches that are forged, replayed, meant for another tool or another login are refused and write nothing", async () => {
  const courseId = "probe-course";
  const learner = platform.addUser({ id: "probe-learner", name: "Probe Learner", email: "probe.learner@lms.test" });
  platform.addCourse({ id: courseId, title: "Probe course", label: "PROBE", members: [{ userId: learner.id, roles: [ROLE.learner] }] });
  platform.registerTool({
    clientId: "probe-tool",
    deploymentId: "probe-deployment",
    loginUrl: `${base}/api/lti/login`,
    redirectUris: [`${base}/api/lti/launch`],
    jwks: `${base}/api/lti/jwks`,
    grantedScopes: [],
    offeredAgsScopes: [],
    deepLinkingUrl: `${base}/lti/deep-link`,
  });
  const link = platform.addResourceLink({ id: "probe-link", courseId, title: "Probe quiz", targetLinkUri: `${base}/lti/quiz/${quiz.id}` });
  execFileSync(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/lti.ts", "platform", "add", "--issuer", platform.issuer, "--client-id", "probe-tool", "--deployment-id", "probe-deployment",
      "--auth-url", platform.urls.auth, "--token-url", platform.urls.token, "--jwks-url", platform.urls.jwks, "--name", "Probe LMS", "--tool-url", base],
    { env: { ...process.env, DATABASE_URL: server.databaseUrl }, stdio: "pipe" },
  );
  const strangerKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  type Claims = Record<string, unknown>;

  /** Login → its state cookie → the LMS's authorization: the form the LMS would post, and the browser's cookie. */
  async function loginForm(): Promise<{ form: Record<string, string>; cookie: string }> {
    const http = await client();
    const login = await http.get(`/api/lti/login?${new URLSearchParams(platform.loginParameters({ userId: learner.id, resourceLinkId: link.id }))}`);
    expect(login.status()).toBe(303);
    const cookie = login.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value.split(";")[0]).join("; ");
    const continued = await http.get(new URL(login.headers().location!, base).toString(), { headers: { cookie } });
    await http.dispose();
    const authorized = await platform.authorize(continued.headers().location!, learner.id);
    if (!authorized.ok) throw new Error(authorized.error);
    return { form: { id_token: authorized.idToken, state: authorized.state }, cookie };
  }
  async function launch(form: Record<string, string>, cookie: string | null) {
    const http = await client();
    const response = await http.post("/api/lti/launch", { form, headers: { origin: platform.origin, "sec-fetch-site": "cross-site", ...(cookie ? { cookie } : {}) } });
    const answer = { status: response.status(), text: await response.text(), sessions: response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("session-token")) };
    await http.dispose();
    return answer;
  }
  const refused = (answer: Awaited<ReturnType<typeof launch>>, code: string) => {
    expect(answer.status, code).toBe(400);
    expect(answer.text, code).toContain(`<code data-problem-code>${code}</code>`);
    expect(answer.sessions, code).toEqual([]);
  };

  await expectNoWrite("refused LTI launches", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, (claims: Claims) => Promise<string>]> = [
      ["bad-signature", (c) => platform.signIdToken(c, { key: strangerKey })],
      ["wrong-audience", (c) => platform.signIdToken({ ...c, aud: "another-tool", azp: undefined })],
      ["wrong-azp", (c) => platform.signIdToken({ ...c, aud: [c.aud as string, "another-tool"], azp: "another-tool" })],
      ["wrong-issuer", (c) => platform.signIdToken({ ...c, iss: "https://lms.elsewhere.test" })],
      ["expired", (c) => platform.signIdToken({ ...c, iat: now - 400, exp: now - 120 })],
      ["nonce-mismatch", (c) => platform.signIdToken({ ...c, nonce: "a-nonce-of-another-login" })],
    ];
    for (const [code, tamper] of cases) {
      const { form, cookie } = await loginForm();
      refused(await launch({ ...form, id_token: await tamper(decodeJwt(form.id_token!) as Claims) }, cookie), code);
    }
    // An unsigned token ("alg": "none") and one that is not a token at all.
    const { form, cookie } = await loginForm();
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(decodeJwt(form.id_token!))).toString("base64url")}.`;
    for (const idToken of [unsigned, "not.a.token", ""]) {
      const answer = await launch({ ...form, id_token: idToken }, cookie);
      expect(answer.status, idToken.slice(0, 20)).toBe(400);
      expect(answer.sessions).toEqual([]);
    }
    // Another login's id_token with this login's state: its nonce is the other login's.
    const mine = await loginForm();
    const theirs = await loginForm();
    refused(await launch({ id_token: theirs.form.id_token!, state: mine.form.state! }, mine.cookie), "nonce-mismatch");
    // A state taken from another browser's login.
    refused(await launch(theirs.form, null), "state-not-bound");
    refused(await launch(theirs.form, "lti-state-stolen=1"), "state-not-bound");
    // Login initiations for an issuer or a client nobody registered, or a target on another site.
    const visitor = await client();
    for (const params of [
      { ...platform.loginParameters({ userId: learner.id, resourceLinkId: link.id }), iss: "https://unregistered.example" },
      { ...platform.loginParameters({ userId: learner.id, resourceLinkId: link.id }), client_id: "someone-else" },
      { ...platform.loginParameters({ userId: learner.id, resourceLinkId: link.id }), target_link_uri: "https://evil.example/lti" },
    ]) {
      const response = await visitor.get(`/api/lti/login?${new URLSearchParams(params)}`);
      expect(response.status(), JSON.stringify(params).slice(0, 120)).toBe(400);
      expect(response.headers().location).toBeUndefined();
    }
    // Tokens of the later steps, guessed.
    expect((await visitor.get("/api/lti/handoff?token=guessed-handoff-token")).status()).toBe(400);
    expect((await visitor.post("/api/lti/identity", { form: { token: "guessed-identity-token", action: "separate" }, headers: { origin: base } })).status()).toBe(400);
    expect((await visitor.get("/api/lti/login/continue?state=guessed-state")).status()).toBe(400);
    await visitor.dispose();
  });

  // A launch works once: the same form posted again finds its state used.
  const { form, cookie } = await loginForm();
  const first = await launch(form, cookie);
  expect(first.status).toBeLessThan(400);
  expect(first.sessions).toHaveLength(1);
  await expectNoWrite("a replayed launch", async () => refused(await launch(form, cookie), "state-unknown"));
});
