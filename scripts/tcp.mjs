// `npm run tcp -- …`: runs cli/tcp.ts bundled by esbuild (cached under node_modules/.cache/tcp-cli
// and rebuilt when a source changes), split so each command loads only its own code. A bundle
// starts in a fraction of tsx's time and calls across modules directly, which the capture
// reader's per-packet loop feels (docs/performance.md).
//
// Every run checks the bundle against its sources, so the check is kept cheap: only the files the
// bundle was built from (esbuild's metafile, listed in manifest.json) are looked at, by size and
// modification time, and nothing beyond node:fs, node:path and node:url is loaded to do it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = path.join(root, "node_modules", ".cache", "tcp-cli");
const manifestFile = path.join(cacheDir, "manifest.json");
/** Files that change the build without being among its inputs. */
const BUILD_SETTINGS = ["package-lock.json", "tsconfig.json", "scripts/tcp.mjs"];

/** A hash of the names, sizes and modification times of `files` (relative to the root): changes whenever one does. */
function stampOf(files) {
  let text = "";
  for (const file of [...BUILD_SETTINGS, ...files]) {
    let stats = null;
    try {
      stats = statSync(path.join(root, file));
    } catch {
      // A source that is gone changes the stamp too.
    }
    text += `${file}\0${stats ? `${stats.size}\0${stats.mtimeMs}` : "missing"}\0`;
  }
  // FNV-1a, twice with different offsets: 64 bits, plenty to tell builds apart.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x811c9dc5);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The bundle directory the manifest names, if its sources have not changed since. */
function cachedBundleDir() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch {
    return null;
  }
  if (typeof manifest?.stamp !== "string" || !Array.isArray(manifest.inputs)) return null;
  const directory = path.join(cacheDir, manifest.stamp);
  return stampOf(manifest.inputs) === manifest.stamp && existsSync(path.join(directory, "tcp.mjs")) ? directory : null;
}

async function build() {
  const { build: esbuild } = await import("esbuild");
  mkdirSync(cacheDir, { recursive: true });
  const staging = path.join(cacheDir, `.building-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const result = await esbuild({
    entryPoints: [path.join(root, "cli", "tcp.ts")],
    absWorkingDir: root,
    outdir: staging,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    metafile: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    // Modules that use require() keep working inside the ES module bundle.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const stamp = stampOf(inputs);
  const directory = path.join(cacheDir, stamp);
  // Older bundles go; a run building the same sources at the same time may have placed this one already.
  for (const old of readdirSync(cacheDir)) {
    if (old !== stamp && !old.startsWith(".building-") && old !== "manifest.json") rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  }
  if (existsSync(path.join(directory, "tcp.mjs"))) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, directory);
  const manifest = `${JSON.stringify({ stamp, inputs })}\n`;
  writeFileSync(`${manifestFile}.${process.pid}`, manifest);
  renameSync(`${manifestFile}.${process.pid}`, manifestFile);
  return directory;
}

const bundleDir = cachedBundleDir() ?? (await build());
const { main } = await import(pathToFileURL(path.join(bundleDir, "tcp.mjs")).href);
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
