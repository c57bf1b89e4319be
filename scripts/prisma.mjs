// Runs the Prisma CLI with the config that matches DATABASE_URL: prisma.config.ts for SQLite
// (the default), prisma.postgresql.config.ts for postgresql:// URLs. `generate` makes both
// clients; `migrate deploy` on PostgreSQL goes through scripts/postgres-migrate.mjs.
import { run } from "./lib.mjs";

const args = process.argv.slice(2);
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
if (args[0] === "generate") {
  run("npx", ["prisma", "generate", "--config", "prisma.config.ts"]);
  run("npx", ["prisma", "generate", "--config", "prisma.postgresql.config.ts"]);
} else if (postgres && args[0] === "migrate" && args[1] === "deploy") {
  run("node", ["scripts/postgres-migrate.mjs"]);
} else {
  run("npx", ["prisma", ...args, "--config", postgres ? "prisma.postgresql.config.ts" : "prisma.config.ts"]);
}
