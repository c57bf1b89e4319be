import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { architecturePlugin } from "./eslint/architecture.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "generated/**", "node_modules/**", "data/**", ".cache/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Imports run app -> components -> lib -> content -> domain, never back, and a "use client"
    // module never imports a server module (docs/architecture.md).
    files: ["**/*.{ts,tsx,mts,mjs}"],
    plugins: { architecture: architecturePlugin },
    rules: {
      "architecture/floors": "error",
      "architecture/client-imports-no-server": "error",
    },
  },
  {
    // The TCP engine and capture reader must run in the browser and in Node without a framework.
    files: ["domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "next", "next/*", "@prisma/*", "@/generated/*", "node:*"], message: "domain/ is framework-free and browser-safe." },
          ],
        },
      ],
    },
  },
]);
