// `npm test`: install what the tests need (npm packages, Debian's Chromium when missing) and run
// every test: lint, types, unit, integration (real SQLite, then real PostgreSQL), the engine against
// the real kernel (network namespaces, as root; skipped with a reason elsewhere), end-to-end (real Chromium).
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { aptInstall, checkLockFile, hasCommand, installDependencies, run, step } from "./lib.mjs";

const started = Date.now();

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  step("Installing Chromium from Debian's packages (apt-get install chromium)");
  if (!aptInstall("chromium") || !existsSync(path)) {
    console.error(`\n✗ Chromium is needed at ${path} for the end-to-end tests. Install Debian's "chromium" package or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

function hasPostgresServer() {
  const inPath = (process.env.PATH ?? "").split(":").some((dir) => dir && existsSync(`${dir}/initdb`));
  const debian = existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
  return inPath || debian;
}

function ensurePostgres() {
  if (hasPostgresServer()) return;
  step("Installing the PostgreSQL server from Debian's packages (apt-get install postgresql)");
  if (!aptInstall("postgresql") || !hasPostgresServer()) {
    console.error(`\n✗ The PostgreSQL server binaries (initdb, pg_ctl) are needed for the PostgreSQL integration tests.`);
    process.exit(1);
  }
}

/** What the kernel differential test drives the kernel with; without them it is skipped and says why. */
function ensureKernelTools() {
  const missing = [
    ["tcpdump", "tcpdump"],
    ["ip", "iproute2"],
    ["python3", "python3"],
    // The "Run it yourself" commands lose segments with nftables rules.
    ["nft", "nftables"],
  ].filter(([tool]) => !(process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/sbin"]).some((dir) => dir && existsSync(`${dir}/${tool}`)));
  for (const [, pkg] of missing) {
    step(`Installing ${pkg} from Debian's packages for the kernel differential test (apt-get install ${pkg})`);
    if (!aptInstall(pkg)) console.warn(`⚠ Could not install ${pkg}: the kernel differential test will be skipped.`);
  }
}

/** The benchmark's own test compares `tcp pcap --summary` with tshark on the capture the benchmark generates. */
function ensureTshark() {
  if (hasCommand("tshark")) return;
  step("Installing tshark from Debian's packages for the benchmark's own test (apt-get install tshark)");
  if (!aptInstall("tshark") || !hasCommand("tshark")) {
    console.error(`\n✗ tshark is needed by tests/unit/bench/tshark-agreement.test.ts. Install Debian's "tshark" package.`);
    process.exit(1);
  }
}

// Every test's temporary files (databases, keys, captures, browser profiles) go to one folder
// of this run, removed when it ends, so that repeated runs leave nothing behind on the machine.
const runTemp = mkdtempSync(path.join(tmpdir(), "syn-to-fin-test-"));
// Others may pass through, not list: the throwaway PostgreSQL server runs as its own user.
chmodSync(runTemp, 0o711);
process.env.TMPDIR = runTemp;
process.on("exit", () => rmSync(runTemp, { recursive: true, force: true }));

checkLockFile();
installDependencies();
ensureChromium();
ensureTshark();
ensurePostgres();
ensureKernelTools();

step("Generating the Prisma client");
run("node", ["scripts/prisma.mjs", "generate"]);

step("Lint");
run("npm", ["run", "--silent", "lint"]);

step("Type check");
run("npm", ["run", "--silent", "typecheck"]);

step("Unit and integration tests (vitest, SQLite)");
run("npx", ["vitest", "run"]);

step("Integration tests on PostgreSQL (a throwaway server on 127.0.0.1)");
run("node", ["scripts/test-postgres.mjs"]);

step("Kernel differential test: presets, challenges and quiz scenarios replayed on the real kernel (about a minute)");
run("npx", ["vitest", "run", "--config", "vitest.kernel.config.ts"]);

step("Production build");
run("npm", ["run", "--silent", "build"]);

step("Fault test: the server is killed with SIGKILL under load and restarted");
run("npx", ["tsx", "--conditions=react-server", "scripts/loadtest.ts", "--users", "30", "--seconds", "12", "--kill-at", "5", "--think-ms", "300"]);

step("End-to-end tests (Playwright, headless Chromium)");
run("npx", ["playwright", "test"]);

console.log(`\n✓ All tests passed in ${Math.round((Date.now() - started) / 1000)}s.`);
