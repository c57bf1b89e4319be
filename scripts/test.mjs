// `npm test`: install what the tests need (npm packages, Debian's Chromium when missing) and run
// every test: lint, types, unit, integration (real SQLite), end-to-end (real Chromium).
import { existsSync } from "node:fs";
import { installDependencies, run, step, tryRun } from "./lib.mjs";

const started = Date.now();

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  step("Installing Chromium from Debian's packages (apt-get install chromium)");
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const apt = asRoot ? ["apt-get"] : ["sudo", "-n", "apt-get"];
  const ok =
    tryRun(apt[0], [...apt.slice(1), "update", "-qq"]) &&
    tryRun(apt[0], [...apt.slice(1), "install", "-y", "-qq", "--no-install-recommends", "chromium"]);
  if (!ok || !existsSync(path)) {
    console.error(`\n✗ Chromium is needed at ${path} for the end-to-end tests. Install Debian's "chromium" package or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

installDependencies();
ensureChromium();

step("Generating the Prisma client");
run("npx", ["prisma", "generate"]);

step("Lint");
run("npm", ["run", "--silent", "lint"]);

step("Type check");
run("npm", ["run", "--silent", "typecheck"]);

step("Unit and integration tests (vitest)");
run("npx", ["vitest", "run"]);

step("Production build");
run("npm", ["run", "--silent", "build"]);

step("End-to-end tests (Playwright, headless Chromium)");
run("npx", ["playwright", "test"]);

console.log(`\n✓ All tests passed in ${Math.round((Date.now() - started) / 1000)}s.`);
