// Serves the production build for the end-to-end tests on a fresh, seeded database of its own.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { exec, root, run } from "./lib.mjs";

export const E2E_DATABASE = path.join(root, "data", "e2e", "e2e.db");

const env = { DATABASE_URL: `file:${E2E_DATABASE}` };
rmSync(path.dirname(E2E_DATABASE), { recursive: true, force: true });
run("npx", ["prisma", "migrate", "deploy"], { env });
run("npx", ["tsx", "prisma/seed.ts"], { env });
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) run("npm", ["run", "build"]);
exec("npx", ["next", "start", "--port", process.env.PORT ?? "3210"], env);
