// `npm run tcp -- …`: runs cli/tcp.ts bundled by esbuild (cached under node_modules/.cache/tcp-cli
// and rebuilt when a source changes), split so each command loads only its own code. A bundle
// starts in a fraction of tsx's time and calls across modules directly, which the capture
// reader's per-packet loop feels (docs/performance.md).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./lib.mjs";

const SOURCES = ["cli", "domain", "lib", "content", "package-lock.json", "tsconfig.json"];

/** Names, sizes and modification times of the sources: cheap, and changes whenever a file does. */
function sourceStamp() {
  const hash = createHash("sha256");
  const visit = (relative) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    const stats = statSync(full);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(`${relative}\0${stats.size}\0${stats.mtimeMs}\0`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex").slice(0, 16);
}

const cacheDir = path.join(root, "node_modules", ".cache", "tcp-cli");
// One directory per source stamp: the entry and the chunks its commands load when they run.
const bundleDir = path.join(cacheDir, sourceStamp());
const bundle = path.join(bundleDir, "tcp.mjs");
if (!existsSync(bundle)) {
  const { build } = await import("esbuild");
  mkdirSync(cacheDir, { recursive: true });
  for (const old of readdirSync(cacheDir)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, "cli", "tcp.ts")],
    outdir: bundleDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    // Modules that use require() keep working inside the ES module bundle.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
