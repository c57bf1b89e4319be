/**
 * The install is reproducible only if `npm ci` accepts the committed lock file on every machine:
 * the lock must agree with package.json and record every platform's optional packages (npm 11
 * drops them when the lock is written with --omit=optional or --os/--cpu filters, and `npm ci`
 * then refuses the lock on any machine). `npm test` also runs `npm ci --dry-run` first
 * (scripts/lib.mjs, checkLockFile); this test explains which entry is missing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

type LockEntry = {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const root = path.resolve(__dirname, "../../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as LockEntry;
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { lockfileVersion: number; packages: Record<string, LockEntry> };

/** Where Node would find `name` from the package installed at `from` (its own node_modules, then each parent's). */
function resolves(from: string, name: string): boolean {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent === -1 ? "" : base.slice(0, parent);
  }
}

describe("package-lock.json", () => {
  it("is a lockfile v3 whose root entry matches package.json", () => {
    expect(lock.lockfileVersion).toBe(3);
    const rootEntry = lock.packages[""]!;
    expect(rootEntry.dependencies).toEqual(pkg.dependencies);
    expect(rootEntry.devDependencies).toEqual(pkg.devDependencies);
  });

  it("records every dependency of every package, including each platform's optional packages", () => {
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(lock.packages)) {
      const wanted = { ...entry.dependencies, ...entry.optionalDependencies, ...(at === "" ? entry.devDependencies : {}) };
      for (const name of Object.keys(wanted)) if (!resolves(at, name)) missing.push(`${name} (needed by ${at || "package.json"})`);
    }
    expect(missing).toEqual([]);
  });
});
