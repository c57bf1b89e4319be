/**
 * Starts the production build on a free port with a throwaway database (SQLite by default, or a
 * throwaway PostgreSQL server) for benchmarks and load tests, and can kill and restart it on the
 * same database (the fault test).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error plain JavaScript module shared with the test scripts
import { startTempPostgres } from "../../scripts/postgres-temp.mjs";

export type RunningServer = {
  baseUrl: string;
  databaseUrl: string;
  /** Kills the server process group with `signal` (SIGKILL for the fault test). */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts the server again on the same port and database. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
  /** CPU seconds (user + system) the server's processes (the launcher and its workers) have used so far; null where /proc is missing. */
  cpuSeconds: () => number | null;
};

/** CPU seconds used by a process and its children (Linux /proc), or null elsewhere. */
export function processTreeCpuSeconds(pid: number): number | null {
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux
  const cpuOf = (id: number): number => {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond; // utime, stime
    } catch {
      return 0;
    }
  };
  if (!existsSync(`/proc/${pid}/task`)) return null;
  let total = cpuOf(pid);
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) total += cpuOf(Number(child));
    }
  } catch {
    return null;
  }
  return total;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("server did not become healthy in time");
}

export async function startProductionServer(options: { postgres?: boolean; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    // A production build whatever started this (vitest sets NODE_ENV=test, which next.config.js
    // would read as development and give every route the development policy).
    execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tcp-course-server-"));
  const postgres = options.postgres ? await startTempPostgres() : null;
  const databaseUrl: string = postgres ? postgres.url : `file:${path.join(dir, "app.db")}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "load-and-benchmark-secret-0123456789-abcdef",
    RATE_LIMIT_SIGNIN_PER_EMAIL: "100000",
    RATE_LIMIT_SIGNIN_PER_IP: "100000",
    RATE_LIMIT_SIGNUP_PER_IP: "100000",
    ...options.env,
  } as NodeJS.ProcessEnv;
  execFileSync("node", ["scripts/prisma.mjs", "migrate", "deploy"], { env: serverEnv, stdio: "ignore" });
  execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], { env: serverEnv, stdio: "ignore" });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess;

  const start = async () => {
    // The same launcher `npm start` uses; its own process group holds the primary and its workers.
    child = spawn(process.execPath, [path.join("scripts", "serve.mjs")], {
      env: { ...serverEnv, PORT: String(port) },
      stdio: "ignore",
      detached: true,
    });
    await waitForHealth(baseUrl, child);
  };
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, signal);
    } catch {
      return;
    }
    await exited;
  };
  await start();
  return {
    baseUrl,
    databaseUrl,
    kill,
    restart: start,
    cpuSeconds: () => (child?.pid ? processTreeCpuSeconds(child.pid) : null),
    stop: async () => {
      await kill("SIGTERM");
      postgres?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
