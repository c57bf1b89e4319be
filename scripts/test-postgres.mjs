// Runs the integration suite against a real PostgreSQL server started for the run (initdb +
// pg_ctl in a temporary directory on 127.0.0.1) and stops it afterwards, whatever happens.
import { spawnSync } from "node:child_process";
import { root } from "./lib.mjs";
import { startTempPostgres } from "./postgres-temp.mjs";

const server = await startTempPostgres();
let status = 1;
try {
  const result = spawnSync("npx", ["vitest", "run", "--project", "integration", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TEST_POSTGRES_URL: server.url },
  });
  status = result.status ?? 1;
} finally {
  server.stop();
}
process.exit(status);
