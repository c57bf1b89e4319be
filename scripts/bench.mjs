// `npm run bench [suite…]`: prepares what the benchmarks need on a fresh clone (dependencies, the
// Prisma client, Debian's wrk, tshark and GNU time when missing; the production build is made by
// the web suite if there is none), then runs bench/run.ts. Suites: engine, pcap, quiz, session, web.
import { aptInstall, hasCommand, installDependencies, run, step } from "./lib.mjs";

installDependencies();
step("Generating the Prisma client");
run("node", ["scripts/prisma.mjs", "generate"]);

// The load generator, the peer the capture reader is compared with, and peak-memory measurement.
for (const [command, pkg] of [
  ["wrk", "wrk"],
  ["tshark", "tshark"],
  ["time", "time"],
]) {
  if (hasCommand(command)) continue;
  step(`Installing ${pkg} from Debian's packages (apt-get install ${pkg})`);
  if (!aptInstall(pkg)) console.warn(`⚠ ${pkg} could not be installed: the figures that need it say so.`);
}

run("npx", ["tsx", "--conditions=react-server", "bench/run.ts", ...process.argv.slice(2)]);
