// After `next build`: compresses every prerendered page, its RSC payloads and the static files
// once (brotli and gzip), hashes each page's inline scripts for its Content Security Policy, and
// writes <distDir>/precompressed/manifest.json, from which scripts/serve.mjs answers those
// requests without rendering or compressing anything per request (ADR 0900).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { root } from "./lib.mjs";
import { contentHash, inlineScriptHashes, MANIFEST_FILE, PRECOMPRESSED_DIR } from "./static-responses.mjs";

const distDir = path.resolve(root, process.env.NEXT_DIST_DIR || ".next");
const outDir = path.join(distDir, PRECOMPRESSED_DIR);
/** Files worth compressing; fonts and images are compressed already. */
const COMPRESSIBLE = /\.(js|css|json|svg|txt|html|rsc)$/;

function compress(body, text) {
  const brotli = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  return { br: brotli, gzip: gzipSync(body, { level: 9 }) };
}

let written = { files: 0, bytes: 0, br: 0, gzip: 0 };

/** One representation: the identity file (relative to distDir) and its compressed twins. */
function representation(file, extra = {}) {
  const body = readFileSync(file);
  const hash = contentHash(body);
  const entry = { file: path.relative(distDir, file), hash, ...extra };
  if (body.length >= 256) {
    const { br, gzip } = compress(body, true);
    // Content-addressed, so identical bodies (the same chunk in two routes) are stored once.
    for (const [encoding, bytes] of [["br", br], ["gzip", gzip]]) {
      if (bytes.length >= body.length) continue;
      const name = `${hash}.${encoding === "br" ? "br" : "gz"}`;
      writeFileSync(path.join(outDir, name), bytes);
      entry[encoding] = name;
      written[encoding] += bytes.length;
    }
  }
  written.files++;
  written.bytes += body.length;
  return entry;
}

function walk(directory, visit) {
  for (const name of readdirSync(directory)) {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) walk(full, visit);
    else visit(full);
  }
}

function main() {
  const started = performance.now();
  const prerender = JSON.parse(readFileSync(path.join(distDir, "prerender-manifest.json"), "utf8"));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const appDir = path.join(distDir, "server", "app");
  const pages = {};
  const routes = {};
  const scriptHashesEverywhere = [];
  const errorPageHashes = new Set();

  for (const [route, info] of Object.entries(prerender.routes)) {
    const base = path.join(appDir, route === "/" ? "index" : route.slice(1));
    if (info.routeType === "route") {
      const body = `${base}.body`;
      if (!existsSync(body) || info.initialStatus) continue;
      const headers = info.initialHeaders ?? {};
      routes[route] = representation(body, {
        type: headers["content-type"] ?? "application/octet-stream",
        ...(headers["cache-control"] ? { cacheControl: headers["cache-control"] } : {}),
      });
      continue;
    }
    const htmlFile = `${base}.html`;
    if (!existsSync(htmlFile)) continue;
    const hashes = inlineScriptHashes(readFileSync(htmlFile, "utf8"));
    // Pages Next renders on request may include the prerendered not-found and error pages,
    // which carry no nonce; the scripts every page shares (the theme script) go there too.
    if (route === "/_not-found" || route === "/_global-error") hashes.forEach((hash) => errorPageHashes.add(hash));
    scriptHashesEverywhere.push(new Set(hashes));
    if (route.startsWith("/_") || info.initialStatus) continue;
    const page = { html: representation(htmlFile, { scriptHashes: hashes }) };
    if (existsSync(`${base}.rsc`)) page.rsc = representation(`${base}.rsc`);
    const segmentDir = `${base}.segments`;
    if (existsSync(segmentDir)) {
      page.segments = {};
      walk(segmentDir, (file) => {
        if (!file.endsWith(".segment.rsc")) return;
        const segment = `/${path.relative(segmentDir, file).split(path.sep).join("/").replace(/\.segment\.rsc$/, "")}`;
        page.segments[segment] = representation(file);
      });
    }
    pages[route] = page;
  }

  const shared = scriptHashesEverywhere.reduce((all, next) => new Set([...all].filter((hash) => next.has(hash))));
  const staticFiles = {};
  const staticDir = path.join(distDir, "static");
  walk(staticDir, (file) => {
    if (!COMPRESSIBLE.test(file)) return;
    // Keyed as a browser asks for it: webpack's app chunks live under folders like `[slug]`,
    // which the page's HTML (and so the request) spells `%5Bslug%5D`.
    const url = encodeURI(`/_next/static/${path.relative(staticDir, file).split(path.sep).join("/")}`);
    staticFiles[url] = representation(file);
  });

  const manifest = {
    buildId: readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim(),
    dynamicScriptHashes: [...new Set([...shared, ...errorPageHashes])],
    pages,
    routes,
    static: staticFiles,
  };
  writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest));
  const kB = (n) => `${Math.round(n / 1024).toLocaleString("en")} kB`;
  console.log(
    `Precompressed ${Object.keys(pages).length} pages, ${Object.keys(routes).length} routes and ${Object.keys(staticFiles).length} static files ` +
      `(${written.files} bodies, ${kB(written.bytes)} → brotli ${kB(written.br)}, gzip ${kB(written.gzip)}) in ${((performance.now() - started) / 1000).toFixed(1)}s.`,
  );
}

main();
