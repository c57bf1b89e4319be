// `npm start`: install, prepare the SQLite database (migrate, seed when empty), build when the
// sources changed, and serve the production app on PORT (default 3000).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exec, installDependencies, root, run, sourceHash, step } from "./lib.mjs";

installDependencies();

step("Preparing the database");
run("node", ["scripts/prisma.mjs", "generate"]);
run("node", ["scripts/prisma.mjs", "migrate", "deploy"]);
run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts", "--if-empty"]);

const stampFile = path.join(root, ".next", "source-hash");
const hash = sourceHash();
if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash) {
  step("Production build is up to date");
} else {
  step("Building the production app");
  run("npm", ["run", "build"]);
  writeFileSync(stampFile, hash);
}

const port = process.env.PORT || "3000";
step(`Serving on http://localhost:${port}`);
exec("node", ["scripts/serve.mjs"], { PORT: port });
