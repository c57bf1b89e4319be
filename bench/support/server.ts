/**
 * Starts the production build on a free port with a throwaway SQLite database for benchmarks
 * that need the real server, and stops it afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type RunningServer = { baseUrl: string; databaseFile: string; stop: () => Promise<void> };

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
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("server did not become healthy in time");
}

export async function startProductionServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tcp-course-bench-"));
  const databaseFile = path.join(dir, "bench.db");
  const serverEnv = {
    ...process.env,
    DATABASE_URL: `file:${databaseFile}`,
    RATE_LIMIT_SIGNIN_PER_EMAIL: "100000",
    RATE_LIMIT_SIGNIN_PER_IP: "100000",
    RATE_LIMIT_SIGNUP_PER_IP: "100000",
    ...env,
  };
  execFileSync("node", ["scripts/prisma.mjs", "migrate", "deploy"], { env: serverEnv, stdio: "ignore" });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { env: serverEnv, stdio: "ignore" });
  const port = await freePort();
  const child = spawn("npx", ["next", "start", "--port", String(port)], { env: serverEnv, stdio: "ignore", detached: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child);
  return {
    baseUrl,
    databaseFile,
    stop: async () => {
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
