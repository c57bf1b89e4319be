/**
 * The kernel differential test (docs/kernel-differential.md): its own configuration, so plain
 * `npx vitest run` stays fast and root-free. `npm test` runs it after the unit and integration
 * tests: `npx vitest run --config vitest.kernel.config.ts`.
 */
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
// Tests import server modules directly, as the server does: resolve `server-only` the way Next
// resolves it for server code (the package's empty "react-server" export), not to the throwing default.
const serverOnly = fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url));

export default defineConfig({
  resolve: { alias: [{ find: /^server-only$/, replacement: serverOnly }, { find: "@", replacement: root }] },
  test: {
    name: "kernel",
    include: ["tests/kernel/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/kernel/global-setup.ts"],
    // Recording every case takes about a minute, and happens before the tests in the global setup.
    hookTimeout: 600_000,
    testTimeout: 60_000,
  },
});
