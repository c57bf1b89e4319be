// Serves the production build for the end-to-end tests on a fresh, seeded database of its own.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { exec, root, run } from "./lib.mjs";

const port = process.env.PORT ?? "3210";
// One database per port, so parallel e2e runs never share state.
const database = path.join(root, "data", `e2e-${port}`, "e2e.db");
const distDir = process.env.NEXT_DIST_DIR || ".next";

// Many test accounts sign up and in from 127.0.0.1; the limits themselves are tested elsewhere.
const env = {
  DATABASE_URL: `file:${database}`,
  RATE_LIMIT_SIGNIN_PER_EMAIL: "1000",
  RATE_LIMIT_SIGNIN_PER_IP: "10000",
  RATE_LIMIT_SIGNUP_PER_IP: "10000",
  RATE_LIMIT_JOIN_PER_ACCOUNT: "10000",
  RATE_LIMIT_JOIN_PER_IP: "10000",
  // LMS scores must go out because the write woke the delivery loop, not because a poll came by.
  LTI_SCORE_POLL_SECONDS: "3600",
  // The stricter registration mode a production site should run: LMSs register only with an
  // administrator's one-time link (tests/e2e/lti-registration.spec.ts); no other spec registers dynamically.
  LTI_DYNAMIC_REGISTRATION: "invite",
};
rmSync(path.dirname(database), { recursive: true, force: true });
run("node", ["scripts/prisma.mjs", "migrate", "deploy"], { env });
run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], { env });
if (!existsSync(path.join(root, distDir, "BUILD_ID"))) run("npm", ["run", "build"]);
exec("node", ["scripts/serve.mjs"], { ...env, PORT: port });
