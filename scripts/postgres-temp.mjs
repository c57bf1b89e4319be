// Starts a throwaway PostgreSQL cluster on 127.0.0.1 in a temporary directory (initdb + pg_ctl),
// for tests and for generating PostgreSQL migrations. Plain Node, no dependencies.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function findBinary(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort().reverse()) {
      const candidate = path.join(debian, version, "bin", name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`${name} not found: install Debian's "postgresql" package (PostgreSQL server binaries)`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root; run the server as the `postgres` user (or `nobody`). */
function serverUser() {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    const result = spawnSync("id", ["-u", name], { encoding: "utf8" });
    if (result.status === 0) {
      const gid = spawnSync("id", ["-g", name], { encoding: "utf8" }).stdout.trim();
      return { name, uid: Number(result.stdout.trim()), gid: Number(gid) };
    }
  }
  throw new Error("running as root and neither a postgres nor a nobody user exists to run PostgreSQL");
}

export async function startTempPostgres() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tcp-course-pg-"));
  const data = path.join(dir, "data");
  const user = serverUser();
  if (user) {
    chmodSync(dir, 0o755);
    chownSync(dir, user.uid, user.gid);
  }
  const asServer = (binary, args) =>
    user ? execFileSync("runuser", ["-u", user.name, "--", binary, ...args], { stdio: "pipe" }) : execFileSync(binary, args, { stdio: "pipe" });

  asServer(findBinary("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  asServer(findBinary("pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asServer(findBinary("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url, port, stop };
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
