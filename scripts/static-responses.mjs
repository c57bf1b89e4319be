// Answers requests for prerendered pages, their RSC payloads and the build's static files from
// memory, compressed once at build time by scripts/precompress.mjs, with ETags, Vary and the
// security headers; everything else goes to Next.js (ADR 0900). Plain Node: used by serve.mjs.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { contentSecurityPolicy } from "../security-headers.js";

export const PRECOMPRESSED_DIR = "precompressed";
export const MANIFEST_FILE = "manifest.json";

/** The request headers Next.js varies a page's response on, plus the encoding. */
const PAGE_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";
/** Pages and payloads are revalidated on every use: a 304 costs next to nothing, a stale lesson would. */
const PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate";
/** Static files have a content hash in their name. */
const STATIC_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** How long Next's client router may reuse a prefetched payload (what Next itself sends). */
const RSC_STALE_TIME = "300";

const CONTENT_TYPES = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

export function contentHash(body) {
  return createHash("sha256").update(body).digest("base64url").slice(0, 22);
}

/** CSP source expressions (`'sha256-…'`) for the inline scripts of an HTML document, in order, without repeats. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes, text] = match;
    if (/\ssrc\s*=/i.test(` ${attributes}`) || text.length === 0) continue;
    const hash = `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    if (!hashes.includes(hash)) hashes.push(hash);
  }
  return hashes;
}

/**
 * The `_rsc` search parameter Next's client router adds to RSC requests: a hash of the routing
 * headers, so a shared cache never mixes payloads. Same computation as Next's
 * `computeCacheBustingSearchParam` (a unit test holds them equal).
 */
export function rscCacheBustingParam(prefetch, segmentPrefetch, stateTree, nextUrl) {
  if ((prefetch === undefined || prefetch === "0") && segmentPrefetch === undefined && stateTree === undefined && nextUrl === undefined) {
    return "";
  }
  const input = [prefetch ?? "0", segmentPrefetch ?? "0", stateTree ?? "0", nextUrl ?? "0"].join(",");
  return createHash("sha256").update(input).digest().subarray(0, 12).toString("base64url");
}

/** The best encoding the client accepts among the ones available: "br", "gzip" or "identity". */
export function negotiateEncoding(acceptEncoding, available) {
  if (!acceptEncoding) return "identity";
  const weights = new Map();
  for (const part of String(acceptEncoding).split(",")) {
    const [token, ...params] = part.trim().toLowerCase().split(";");
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    weights.set(token, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (encoding) => weights.get(encoding) ?? weights.get("*") ?? 0;
  for (const encoding of ["br", "gzip"]) {
    if (available.includes(encoding) && weight(encoding) > 0) return encoding;
  }
  return "identity";
}

const ETAG_SUFFIX = { br: "-br", gzip: "-gz", identity: "" };

/** Strong ETag of one encoding of a body: each encoding is a different representation. */
export function etagFor(hash, encoding) {
  return `"${hash}${ETAG_SUFFIX[encoding]}"`;
}

/** If-None-Match uses weak comparison: any encoding of the same body matches. */
export function etagMatches(ifNoneMatch, hash) {
  if (!ifNoneMatch) return false;
  return String(ifNoneMatch)
    .split(",")
    .some((tag) => {
      const value = tag.trim().replace(/^W\//, "");
      if (value === "*") return true;
      const opaque = value.replace(/^"|"$/g, "");
      return opaque === hash || opaque === `${hash}-br` || opaque === `${hash}-gz`;
    });
}

/** What a request asks of a prerendered page: its document, its full RSC payload or one segment. */
export function classifyPageRequest(method, headers, search) {
  if (method !== "GET" && method !== "HEAD") return null;
  if (headers["next-action"] || headers["x-prerender-revalidate"]) return null;
  const params = new URLSearchParams(search);
  if (headers.rsc !== "1") return params.has("_rsc") ? null : { kind: "html" };
  const prefetch = headers["next-router-prefetch"];
  const segment = headers["next-router-segment-prefetch"];
  const expected = rscCacheBustingParam(prefetch, segment, headers["next-router-state-tree"], headers["next-url"]);
  // A missing or stale `_rsc` gets Next's own redirect.
  if (params.get("_rsc") !== expected) return null;
  if (segment !== undefined) return prefetch === "1" ? { kind: "segment", segment } : null;
  return { kind: "rsc" };
}

function load(distDir, entry) {
  const read = (name) => readFileSync(path.join(distDir, PRECOMPRESSED_DIR, name));
  return {
    hash: entry.hash,
    identity: readFileSync(path.join(distDir, entry.file)),
    ...(entry.br ? { br: read(entry.br) } : {}),
    ...(entry.gzip ? { gzip: read(entry.gzip) } : {}),
  };
}

/**
 * The headers next.config.js gives a path (as built into routes-manifest.json), for responses
 * this server writes itself: a lookup answering null when a rule has conditions to evaluate
 * (Next.js then answers).
 */
export function configuredHeaderLookup(distDir) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "routes-manifest.json"), "utf8"));
  const rules = (manifest.headers ?? []).map((rule) => ({
    regex: new RegExp(rule.regex),
    conditional: Boolean(rule.has?.length || rule.missing?.length),
    headers: rule.headers,
  }));
  return (pathname) => {
    const result = [];
    for (const rule of rules) {
      if (!rule.regex.test(pathname)) continue;
      if (rule.conditional) return null;
      result.push(...rule.headers);
    }
    return result;
  };
}

/**
 * Loads the precompressed build into memory. Returns null when the build has none (built
 * without scripts/precompress.mjs), in which case Next.js serves everything.
 */
export function createStaticResponder(distDir) {
  if (!precompressedBuildIsCurrent(distDir)) return null;
  const manifest = JSON.parse(readFileSync(path.join(distDir, PRECOMPRESSED_DIR, MANIFEST_FILE), "utf8"));
  const configuredHeaders = configuredHeaderLookup(distDir);
  const pages = new Map();
  for (const [route, page] of Object.entries(manifest.pages)) {
    pages.set(route, {
      html: { ...load(distDir, page.html), type: "text/html; charset=utf-8", csp: contentSecurityPolicy(page.html.scriptHashes) },
      rsc: page.rsc ? { ...load(distDir, page.rsc), type: "text/x-component" } : null,
      segments: new Map(Object.entries(page.segments ?? {}).map(([segment, entry]) => [segment, { ...load(distDir, entry), type: "text/x-component" }])),
    });
  }
  const files = new Map();
  for (const [route, entry] of Object.entries(manifest.routes)) {
    files.set(route, { ...load(distDir, entry), type: entry.type, cacheControl: entry.cacheControl ?? PAGE_CACHE_CONTROL, vary: "Accept-Encoding" });
  }
  for (const [url, entry] of Object.entries(manifest.static)) {
    const type = CONTENT_TYPES[path.extname(url)] ?? "application/octet-stream";
    files.set(url, { ...load(distDir, entry), type, cacheControl: STATIC_CACHE_CONTROL, vary: "Accept-Encoding" });
  }
  const defaultPolicy = contentSecurityPolicy();
  const dynamicScriptHashes = manifest.dynamicScriptHashes;

  const send = (request, response, pathname, body, extra) => {
    const configured = configuredHeaders(pathname);
    if (!configured) return false;
    const encoding = negotiateEncoding(request.headers["accept-encoding"], Object.keys(body).filter((k) => k === "br" || k === "gzip"));
    for (const { key, value } of configured) response.setHeader(key, value);
    response.setHeader("Content-Security-Policy", extra.csp ?? defaultPolicy);
    response.setHeader("Vary", extra.vary);
    response.setHeader("Cache-Control", extra.cacheControl);
    response.setHeader("ETag", etagFor(body.hash, encoding));
    for (const [key, value] of extra.headers ?? []) response.setHeader(key, value);
    if (etagMatches(request.headers["if-none-match"], body.hash)) {
      response.statusCode = 304;
      response.end();
      return true;
    }
    const bytes = body[encoding];
    response.statusCode = 200;
    response.setHeader("Content-Type", body.type);
    if (encoding !== "identity") response.setHeader("Content-Encoding", encoding);
    response.setHeader("Content-Length", bytes.length);
    response.end(request.method === "HEAD" ? undefined : bytes);
    return true;
  };

  return {
    /** Hashes that pages rendered on request also allow: inline scripts every page shares, and the prerendered error pages'. */
    dynamicScriptHashes,
    /** Serves the request if it is for a precompressed response; returns false to hand it to Next. */
    handle(request, response) {
      const url = request.url ?? "/";
      const queryAt = url.indexOf("?");
      const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
      const file = files.get(pathname);
      if (file) {
        if (request.method !== "GET" && request.method !== "HEAD") return false;
        return send(request, response, pathname, file, { vary: file.vary, cacheControl: file.cacheControl });
      }
      const page = pages.get(pathname);
      if (!page) return false;
      const asked = classifyPageRequest(request.method, request.headers, queryAt < 0 ? "" : url.slice(queryAt + 1));
      if (!asked) return false;
      const common = { vary: PAGE_VARY, cacheControl: PAGE_CACHE_CONTROL };
      if (asked.kind === "html") return send(request, response, pathname, page.html, { ...common, csp: page.html.csp });
      if (asked.kind === "rsc") {
        if (!page.rsc) return false;
        return send(request, response, pathname, page.rsc, {
          ...common,
          headers: [
            ["x-nextjs-prerender", "1"],
            ["x-nextjs-stale-time", RSC_STALE_TIME],
          ],
        });
      }
      const segment = page.segments.get(asked.segment);
      if (!segment) return false;
      return send(request, response, pathname, segment, {
        ...common,
        headers: [
          ["x-nextjs-prerender", "1"],
          ["x-nextjs-postponed", "2"],
        ],
      });
    },
  };
}

/**
 * The policy for a response Next.js renders on request: a fresh nonce, which Next reads from the
 * request's own Content-Security-Policy header and puts on every script it writes.
 */
export function dynamicContentSecurityPolicy(scriptHashes) {
  const nonce = randomBytes(16).toString("base64");
  return contentSecurityPolicy([`'nonce-${nonce}'`, ...scriptHashes]);
}

/** Whether <distDir>/precompressed belongs to the build in <distDir>. */
export function precompressedBuildIsCurrent(distDir) {
  const manifestFile = path.join(distDir, PRECOMPRESSED_DIR, MANIFEST_FILE);
  const buildIdFile = path.join(distDir, "BUILD_ID");
  if (!existsSync(manifestFile) || !existsSync(buildIdFile)) return false;
  return JSON.parse(readFileSync(manifestFile, "utf8")).buildId === readFileSync(buildIdFile, "utf8").trim();
}
