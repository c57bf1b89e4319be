import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
// Tests import server modules directly, as the server does: resolve `server-only` the way Next
// resolves it for server code (the package's empty "react-server" export), not to the throwing default.
const serverOnly = fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url));

export default defineConfig({
  resolve: { alias: [{ find: /^server-only$/, replacement: serverOnly }, { find: "@", replacement: root }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          environment: "node",
          globalSetup: ["tests/setup/global-database.ts"],
          setupFiles: ["tests/setup/per-file-database.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
