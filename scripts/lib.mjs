// Helpers shared by the start and test scripts. Plain Node: they run before the dependencies are installed.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export function step(title) {
  console.log(`\n\x1b[1m▸ ${title}\x1b[0m`);
}

/** Runs a command in the project root, inheriting output; exits the script if it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...options.env } });
  if (result.status !== 0) {
    console.error(`\n✗ ${[command, ...args].join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

export function tryRun(command, args, env = {}) {
  return spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status === 0;
}

/** Starts a long-running command and forwards termination signals to it. */
export function exec(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

/**
 * Fails fast, before anything is installed, when `npm ci` would refuse package-lock.json: a lock
 * file out of step with package.json, or one missing another platform's optional packages
 * (written with --omit=optional or on a filtered platform), which a fresh clone elsewhere cannot
 * install. A dry run reads only the two files (about 5 s) and never touches node_modules.
 */
export function checkLockFile() {
  step("Checking that npm ci accepts package-lock.json");
  const result = spawnSync("npm", ["ci", "--dry-run", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) {
    const reasons = `${result.stdout ?? ""}${result.stderr ?? ""}`.split("\n").filter((line) => /Missing:|Invalid:|in sync|ERESOLVE|EUSAGE/.test(line));
    console.error(`\n✗ npm ci refuses package-lock.json:\n${reasons.join("\n") || result.stderr}`);
    console.error("Regenerate it with `npm install` (npm 11, no --omit or platform filters) and commit it.");
    process.exit(1);
  }
}

/**
 * Installs exactly what package-lock.json records (`npm ci`), so a fresh clone never rewrites the
 * lock file. `npm ci` empties node_modules first, so it runs only when the lock file changed since
 * the last install (its hash is kept inside node_modules).
 */
export function installDependencies() {
  const stamp = path.join(root, "node_modules", ".installed-lock-hash");
  const lockHash = createHash("sha256").update(readFileSync(path.join(root, "package-lock.json"))).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === lockHash) {
    step("Dependencies match package-lock.json");
    return;
  }
  step("Installing dependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
  writeFileSync(stamp, lockHash);
}

/** Installs a Debian package with apt-get (through sudo -n when not root); false when that fails. */
export function aptInstall(pkg) {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const apt = asRoot ? ["apt-get"] : ["sudo", "-n", "apt-get"];
  return (
    tryRun(apt[0], [...apt.slice(1), "update", "-qq"]) &&
    // Non-interactive: tshark's package would otherwise ask who may capture.
    tryRun(apt[0], [...apt.slice(1), "install", "-y", "-qq", "--no-install-recommends", pkg], { DEBIAN_FRONTEND: "noninteractive" })
  );
}

/** Whether an executable of that name is on PATH (or in the system directories). */
export function hasCommand(name) {
  return (process.env.PATH ?? "")
    .split(":")
    .concat(["/usr/sbin", "/sbin", "/usr/bin"])
    .some((dir) => dir && existsSync(path.join(dir, name)));
}

/** Hash of the sources that go into the production build; decides whether to rebuild. */
export function sourceHash() {
  const hash = createHash("sha256");
  const inputs = ["app", "components", "content", "domain", "lib", "public", "generated", "next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
  const visit = (relative) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update("\0").update(readFileSync(full)).update("\0");
    }
  };
  inputs.forEach(visit);
  return hash.digest("hex");
}
