/**
 * What the session-version check (ADR 0010) costs a signed-in request. The session is read by
 * next-auth's own handler (`GET /api/auth/session`: decrypt the cookie, run the callbacks, seal
 * the refreshed cookie), in process, with the app's auth options: once as shipped, whose `jwt`
 * callback looks the account up and compares its session version, and once with next-auth's
 * default `jwt` callback, which trusts the cookie (the code before ADR 0010). Both alternate in
 * rounds on the same database, on SQLite and on a throwaway PostgreSQL server.
 * Pages and Server Actions compare the version in the lookup of the account they already made for
 * the role (lib/auth/session.server.ts); that lookup is measured against the query it replaced.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AuthOptions } from "next-auth";
import { getServerSession } from "next-auth/next";
// @ts-expect-error plain JavaScript module shared with the test scripts
import { startTempPostgres } from "../scripts/postgres-temp.mjs";
import { median } from "./support/tools";
import type { BenchFigure, BenchSuite } from "./types";

const ROUNDS = 7;
const CALLS_PER_ROUND = 300;

const requireApp = createRequire(import.meta.url);
const appModule = <T>(file: string): T => requireApp(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", file)) as T;

/** Microseconds per call of each variant, median over alternating rounds (a busy machine weighs on both alike). */
async function measure(variants: Array<() => Promise<unknown>>): Promise<number[]> {
  // Warm up first: the first calls compile code paths and fill caches.
  for (const call of variants) for (let i = 0; i < CALLS_PER_ROUND / 3; i++) await call();
  const rounds: number[][] = variants.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, call] of variants.entries()) {
      const started = performance.now();
      for (let i = 0; i < CALLS_PER_ROUND; i++) await call();
      rounds[index]!.push(((performance.now() - started) * 1000) / CALLS_PER_ROUND);
    }
  }
  return rounds.map(median);
}

/** next-auth's session read (its handler's "session" action) of a request with these cookies; the refreshed cookie is discarded. */
function sessionRead(options: AuthOptions, cookies: Record<string, string>) {
  const response = { getHeader: () => undefined, setHeader: () => undefined, setCookie: () => undefined };
  return () => getServerSession({ headers: {}, cookies } as never, response as never, options);
}

async function figuresFor(database: "SQLite" | "PostgreSQL", databaseUrl: string): Promise<BenchFigure[]> {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  execFileSync("node", ["scripts/prisma.mjs", "migrate", "deploy"], { env, stdio: "ignore" });
  process.env.DATABASE_URL = databaseUrl;
  // Loaded after DATABASE_URL is set, so the app's client opens this benchmark's database; and
  // through require, whose transform honours the default exports of next-auth's CommonJS
  // providers as Next.js does (Node's own ESM loader would not).
  const { db } = appModule<typeof import("../lib/db.server")>("lib/db.server.ts");
  const { authOptions } = appModule<typeof import("../lib/auth/options.server")>("lib/auth/options.server.ts");
  const { newSessionClaims, sessionAccount } = appModule<typeof import("../lib/auth/sessions.server")>("lib/auth/sessions.server.ts");
  const { encodeSessionToken, sessionCookieName } = appModule<typeof import("../lib/auth/jwt.server")>("lib/auth/jwt.server.ts");
  const { authSecret } = appModule<typeof import("../lib/auth/secret.server")>("lib/auth/secret.server.ts");
  try {
    const user = await db.user.create({ data: { email: `bench-session-${Date.now()}@example.test`, name: "Bench" } });
    const token = await encodeSessionToken({ token: (await newSessionClaims(user.id))!, secret: authSecret() });
    const shipped = authOptions();
    const trusting: AuthOptions = { ...shipped, callbacks: { ...shipped.callbacks, jwt: ({ token: claims }) => claims } };
    const cookies = { [sessionCookieName()]: token };
    // Both must see a signed-in user, or the comparison would be of different work.
    for (const options of [shipped, trusting]) if (!(await sessionRead(options, cookies)())?.user) throw new Error("the session was not read");
    const [checked, unchecked] = await measure([sessionRead(shipped, cookies), sessionRead(trusting, cookies)]);
    // A page's or Server Action's lookup of the signed-in account (getSession) against the query it
    // made before ADR 0010 (commit 3baaf48's getCurrentUser), the same row without the version.
    const [withVersion, withoutVersion] = await measure([
      () => sessionAccount(user.id),
      () => db.$queryRaw`SELECT "id", "email", "name", "role" FROM "User" WHERE "id" = ${user.id}`,
    ]);
    const rounds = `median of ${ROUNDS} alternating rounds of ${CALLS_PER_ROUND} calls`;
    return [
      {
        id: `session.read${database}`,
        label: `Signed-in session read (next-auth's handler, as GET /api/auth/session runs it) with the session-version check, ${database}`,
        unit: "µs",
        value: checked!,
        baseline: { label: "the same read without the check (next-auth's default jwt callback)", value: unchecked! },
        ratio: checked! / unchecked!,
        note: `the check adds ${Math.round(checked! - unchecked!)} µs per read (one primary-key lookup); lower is better; ${rounds}`,
      },
      {
        id: `session.pageLookup${database}`,
        label: `Signed-in page's account lookup with the session version (getSession), ${database}`,
        unit: "µs",
        value: withVersion!,
        baseline: { label: "the lookup pages made before the check (same row, without the version)", value: withoutVersion! },
        ratio: withVersion! / withoutVersion!,
        note: `pages and Server Actions read this row anyway (for the role); the version is one more column of it (${Math.round(withVersion! - withoutVersion!)} µs apart); lower is better; ${rounds}`,
      },
    ];
  } finally {
    await db.$disconnect();
  }
}

/** Run as a script with BENCH_SESSION_DATABASE_URL: prints that database's figures as JSON (the app's database client is fixed per process). */
const isChild = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

function prepareEnvironment() {
  // As the production server runs it (next-auth and the origin settings read it).
  Object.assign(process.env, { NODE_ENV: "production" });
  process.env.AUTH_SECRET ??= "session-benchmark-secret-0123456789-abcdef";
}

const suite: BenchSuite = {
  name: "session",
  command: "npm run bench -- session",
  async run() {
    prepareEnvironment();
    const dir = mkdtempSync(path.join(tmpdir(), "tcp-course-bench-session-"));
    const postgres = await startTempPostgres();
    try {
      const sqlite = await figuresFor("SQLite", `file:${path.join(dir, "bench.db")}`);
      const output = execFileSync("npx", ["tsx", "--conditions=react-server", fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_SESSION_DATABASE_URL: postgres.url },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      return [...sqlite, ...(JSON.parse(output.trim().split("\n").at(-1)!) as BenchFigure[])];
    } finally {
      postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (isChild && process.env.BENCH_SESSION_DATABASE_URL) {
  prepareEnvironment();
  const figures = await figuresFor("PostgreSQL", process.env.BENCH_SESSION_DATABASE_URL);
  console.log(JSON.stringify(figures));
}

export default suite;
