// After `next build`: bundles the production server's own door to the hot calls
// (lib/http/hot-call-door.server.ts, ADR 1550) into <distDir>/hot-calls/, stamped with the
// build's BUILD_ID. TypeScript and the `@/` aliases are compiled as Next.js compiles them for the
// server (the react-server condition, `server-only` empty); packages stay in node_modules, as the
// native and generated ones must.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { root } from "./lib.mjs";
import { HOT_CALL_DIR, HOT_CALL_ENTRY, HOT_CALL_STAMP } from "./hot-call-bundle.mjs";

const distDir = path.resolve(root, process.env.NEXT_DIST_DIR || ".next");
const outDir = path.join(distDir, HOT_CALL_DIR);
const buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8");

/** Packages stay external; Next.js's subpaths have no exports map, so an ES module names the file. */
const packagesExternal = {
  name: "packages-external",
  setup(builder) {
    builder.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    builder.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
    builder.onResolve({ filter: /^[^./]/ }, ({ path: specifier }) => {
      if (specifier.startsWith("@/")) return undefined;
      const nextSubpath = /^next\/(?!.*\.js$)/.test(specifier);
      return { path: nextSubpath ? `${specifier}.js` : specifier, external: true };
    });
  },
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: [path.join(root, "lib", "http", "hot-call-door.server.ts")],
  outfile: path.join(outDir, HOT_CALL_ENTRY),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["react-server"],
  tsconfig: path.join(root, "tsconfig.json"),
  plugins: [packagesExternal],
  // Bundled CommonJS-style code (a `require` of a package) needs a require in an ES module.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  logLevel: "warning",
});
// Written last: a bundle without its stamp is never served.
writeFileSync(path.join(outDir, HOT_CALL_STAMP), buildId);
console.log(`Hot call bundle: ${path.relative(root, path.join(outDir, HOT_CALL_ENTRY))} for build ${buildId}`);
