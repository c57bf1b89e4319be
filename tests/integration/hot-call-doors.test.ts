/**
 * The hot calls' two doors (ADR 1550) on the production server: scripts/serve.mjs answering
 * them itself with its bundle, and Next.js's route handler (HOT_CALLS_THROUGH_NEXT=1) answering
 * the same requests. Each request of the matrix goes to both, on databases of their own, and
 * must come back the same: status, result, the cookies set and the headers that matter. The
 * doors differ only in Next.js's Vary header, which also shows the requests reached two doors.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProductionServer, type RunningServer } from "@/bench/support/server";
import { hashPassword } from "@/lib/auth/password.server";
import { createPrismaClient } from "@/lib/db.server";
import { signIn } from "@/scripts/load/next-client";
import { isPostgres } from "../setup/per-file-database";

const QUIZ = "tcp-header-and-flags";
const LESSON = "tcp-header-and-flags";
const PASSWORD = "hot-call-doors-password";

type Door = { name: "serve.mjs" | "next"; server: RunningServer; cookie: string };
type Sent = { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean };
type Received = { status: number; headers: http.IncomingHttpHeaders; text: string };

const doors: Door[] = [];

/** One request as sent on the wire (fetch would add and normalize headers): same-origin JSON unless `headers` say otherwise. */
function send(door: Door, { method = "POST", path, headers = {}, body = "", chunked = false }: Sent): Promise<Received> {
  const url = new URL(path, door.server.baseUrl);
  const all: Record<string, string> = { "content-type": "application/json", origin: url.origin, "sec-fetch-site": "same-origin", ...headers };
  for (const [key, value] of Object.entries(all)) if (value === "") delete all[key];
  if (!chunked && method !== "GET") all["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: all }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    if (chunked) {
      // No Content-Length: the body arrives in chunks, and only its size says it is too large.
      const whole = Buffer.from(body);
      for (let at = 0; at < whole.length; at += 8192) request.write(whole.subarray(at, at + 8192));
    } else if (method !== "GET") request.write(body);
    request.end();
  });
}

const call = (name: string, args: unknown[], extra: Omit<Sent, "path"> & { locale?: string } = {}) => ({
  path: `/api/calls/${name}?locale=${extra.locale ?? "en"}`,
  body: JSON.stringify(args),
  ...extra,
});

/** What must be the same through both doors: dynamic values (times, ids, tokens, nonces) reduced to their shape. */
function comparable({ status, headers, text }: Received) {
  let json: unknown = text;
  try {
    json = JSON.parse(text, (key, value: unknown) => {
      if (["at", "token", "clientKey", "receipts", "receipt"].includes(key) || /At$/.test(key)) return typeof value;
      // Each attempt orders its questions and options its own way.
      if (key === "quiz" && typeof value === "object" && value) return { id: (value as { id: string }).id, questions: (value as { questions: unknown[] }).questions.length };
      return value;
    });
  } catch {
    // Next.js's own answers (405) are not JSON.
  }
  const kept = Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !["date", "connection", "keep-alive", "content-length", "transfer-encoding", "vary"].includes(name))
      .map(([name, value]) => [
        name,
        name === "content-security-policy"
          ? String(value).replace(/'nonce-[^']+'/, "'nonce-…'")
          : name === "set-cookie"
            ? (value as string[]).map((cookie) => cookie.replace(/=[^;]*/, "=…").replace(/Expires=[^;]*/, "Expires=…"))
            : value,
      ]),
  );
  return { status, headers: kept, json };
}

async function learnerCookie(server: RunningServer): Promise<string> {
  const db = createPrismaClient(server.databaseUrl);
  const email = `doors-${Math.random().toString(36).slice(2)}@example.com`;
  await db.user.create({ data: { email, name: "Door learner", passwordHash: await hashPassword(PASSWORD) } });
  await db.$disconnect();
  return signIn(server.baseUrl, email, PASSWORD);
}

beforeAll(async () => {
  for (const name of ["serve.mjs", "next"] as const) {
    const server = await startProductionServer({ postgres: isPostgres, env: { WEB_CONCURRENCY: "1", ...(name === "next" ? { HOT_CALLS_THROUGH_NEXT: "1" } : {}) } });
    doors.push({ name, server, cookie: await learnerCookie(server) });
  }
}, 240_000);

afterAll(async () => {
  for (const door of doors) await door.server.stop();
});

/**
 * Sends `request(door)` to both doors and answers the production server's reply after checking
 * the two match. What is not a POST of a hot call's name goes on to Next.js through both.
 */
async function same(request: (door: Door) => Sent, { toNext = false } = {}): Promise<Received> {
  const [fast, next] = [await send(doors[0]!, request(doors[0]!)), await send(doors[1]!, request(doors[1]!))];
  expect(comparable(fast)).toEqual(comparable(next));
  // Next.js's Vary (which no cache uses on a no-store answer) tells the doors apart.
  if (next.status !== 405) expect(next.headers.vary).toContain("rsc");
  if (toNext) expect(fast.headers.vary).toBe(next.headers.vary);
  else expect(fast.headers.vary).toBeUndefined();
  return fast;
}

const result = (received: Received) => JSON.parse(received.text) as Record<string, unknown>;

type PublicQuestion = { id: string; type: string; options?: { id: string }[] };

/** The same answer in every attempt, whatever its order: the first single-choice question's option first by id. */
function anAnswer(started: Received) {
  const question = (result(started).quiz as { questions: PublicQuestion[] }).questions.filter((q) => q.type === "single").sort((a, b) => a.id.localeCompare(b.id))[0]!;
  return { questionId: question.id, response: { type: "single", optionId: question.options!.map((option) => option.id).sort()[0]! } };
}

describe("the hot calls through both doors of the production server", () => {
  it("start, grade and save the position of a signed-in learner alike, with the headers every answer gets", async () => {
    const clientKey = "doors-signed-in-1";
    const started = await same((door) => call("quiz-start", [{ quizId: QUIZ, clientKey }], { headers: { cookie: door.cookie } }));
    expect(started.status).toBe(200);
    expect(result(started)).toMatchObject({ ok: true, mode: "account", answered: [] });
    expect(started.headers).toMatchObject({
      "cache-control": "no-store",
      "content-type": "application/json",
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "content-security-policy": expect.stringContaining("frame-ancestors 'none'"),
    });
    expect(started.headers["content-encoding"]).toBeUndefined();
    expect(started.headers["set-cookie"]).toBeUndefined();
    const answer = anAnswer(started);
    const graded = await same((door) => call("quiz-answer", [{ quizId: QUIZ, clientKey, ...answer }], { headers: { cookie: door.cookie, "accept-encoding": "gzip, br" } }));
    expect(result(graded)).toMatchObject({ ok: true, mode: "account", alreadyAnswered: false, progress: { answered: 1 } });
    expect(graded.headers["content-encoding"]).toBeUndefined();
    const saved = await same((door) => call("reading-position", [{ slug: LESSON, position: "summary" }, "zh"], { headers: { cookie: door.cookie } }));
    expect(result(saved)).toMatchObject({ ok: true, progress: expect.any(Object) });
  });

  it("serve a visitor alike: the visitor cookie is set once, and the attempt's token carries on", async () => {
    const clientKey = "doors-visitor-1";
    const started = await same(() => call("quiz-start", [{ quizId: QUIZ, clientKey }]));
    expect(result(started)).toMatchObject({ ok: true, mode: "anonymous", token: expect.any(String) });
    const visitorCookie = started.headers["set-cookie"]?.[0] ?? "";
    expect(visitorCookie).toMatch(/^syn-to-fin\.visitor=[\w-]{32}; Path=\/; Expires=[^;]+; Max-Age=31536000; HttpOnly; SameSite=lax$/);
    // Each door's own visitor, token and question.
    const visitors = new Map<Door, { cookie: string; token: string; answer: ReturnType<typeof anAnswer> }>();
    for (const door of doors) {
      const first = await send(door, call("quiz-start", [{ quizId: QUIZ, clientKey }]));
      visitors.set(door, { cookie: first.headers["set-cookie"]![0]!.split(";")[0]!, token: result(first).token as string, answer: anAnswer(first) });
    }
    const graded = await same((door) => {
      const visitor = visitors.get(door)!;
      return call("quiz-answer", [{ quizId: QUIZ, clientKey, token: visitor.token, ...visitor.answer }], { headers: { cookie: visitor.cookie } });
    });
    expect(result(graded)).toMatchObject({ ok: true, mode: "anonymous", receipt: expect.any(String) });
    expect(graded.headers["set-cookie"]).toBeUndefined();
    // Reading positions are kept for accounts only.
    expect(result(await same(() => call("reading-position", [{ slug: LESSON, position: "summary" }, "zh"])))).toMatchObject({ ok: false, sessionEnded: true });
  });

  it("tell a learner whose session cookie expired or was tampered with that the session ended", async () => {
    const tampered = (door: Door) => door.cookie.replace(/(session-token=)([^;]{10})/, "$1AAAAAAAAAA");
    for (const cookie of [tampered, () => "next-auth.session-token=expired.or.garbage"]) {
      const answer = await same((door) => call("quiz-start", [{ quizId: QUIZ, clientKey: "doors-ended-1", account: true, locale: "zh" }], { headers: { cookie: cookie(door) } }));
      expect(result(answer)).toMatchObject({ ok: false, sessionEnded: true });
      expect(result(await same((door) => call("reading-position", [{ slug: LESSON, position: "summary" }], { headers: { cookie: cookie(door) } })))).toMatchObject({ ok: false, sessionEnded: true });
    }
  });

  it("refuse alike what is not a same-site JSON array of a few arguments, before anything runs", async () => {
    const start = [{ quizId: QUIZ, clientKey: "doors-refused-1" }];
    const refusals: [Sent | ((door: Door) => Sent), number][] = [
      [call("quiz-start", start, { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } }), 403],
      [call("quiz-start", start, { headers: { origin: "https://evil.example" }, locale: "zh" }), 403],
      [call("reading-position", [{ slug: LESSON, position: "summary" }], { headers: { "sec-fetch-site": "same-site" } }), 403],
      [call("quiz-start", start, { headers: { "content-type": "text/plain;charset=UTF-8" } }), 415],
      [call("quiz-start", start, { headers: { "content-type": "" } }), 415],
      [{ ...call("quiz-start", []), body: JSON.stringify([{ quizId: QUIZ, padding: "x".repeat(70_000) }]) }, 413],
      [{ ...call("quiz-start", []), body: JSON.stringify([{ quizId: QUIZ, padding: "x".repeat(200_000) }]), chunked: true }, 413],
      [{ ...call("quiz-start", [], { locale: "zh" }), body: "{not json" }, 400],
      [{ ...call("quiz-start", []), body: JSON.stringify({ quizId: QUIZ }) }, 400],
      [call("quiz-start", [1, 2, 3, 4, 5]), 400],
      [call("grade-everything", [{}], { locale: "zh" }), 404],
      [{ ...call("quiz-start", start), method: "GET" }, 405],
    ];
    for (const [request, status] of refusals) {
      const answer = await same((door) => (typeof request === "function" ? request(door) : request), { toNext: status === 404 || status === 405 });
      expect(answer.status).toBe(status);
      if (status !== 405) expect(result(answer)).toMatchObject({ ok: false, message: expect.any(String) });
    }
    expect(comparable(await send(doors[0]!, call("quiz-start", start, { headers: { origin: "https://evil.example" }, locale: "zh" }))).json).not.toEqual(
      comparable(await send(doors[0]!, call("quiz-start", start, { headers: { origin: "https://evil.example" } }))).json,
    );
    // Nothing refused was stored.
    for (const door of doors) {
      const db = createPrismaClient(door.server.databaseUrl);
      expect(await db.quizAttempt.count({ where: { clientKey: "doors-refused-1" } })).toBe(0);
      await db.$disconnect();
    }
  });
});
