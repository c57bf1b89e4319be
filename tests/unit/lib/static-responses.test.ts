import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module shared with scripts/serve.mjs
import * as responses from "../../../scripts/static-responses.mjs";

const {
  classifyPageRequest,
  createStaticResponder,
  etagFor,
  etagMatches,
  inlineScriptHashes,
  negotiateEncoding,
  rscCacheBustingParam,
  MANIFEST_FILE,
  PRECOMPRESSED_DIR,
} = responses;

describe("rscCacheBustingParam", () => {
  it("computes the same `_rsc` value as Next's client router for every header combination", async () => {
    const tree = encodeURIComponent(JSON.stringify(["", { children: ["course", { children: ["__PAGE__", {}] }] }, null, null, true]));
    const cases: Array<[string | undefined, string | undefined, string | undefined, string | undefined]> = [
      [undefined, undefined, undefined, undefined],
      ["1", undefined, undefined, undefined],
      ["0", undefined, tree, undefined],
      [undefined, undefined, tree, undefined],
      ["1", "/_tree", undefined, undefined],
      ["1", "/course/$d$slug/__PAGE__", undefined, "/course"],
    ];
    for (const [prefetch, segment, stateTree, nextUrl] of cases) {
      const expected = await computeCacheBustingSearchParam(prefetch as "0" | "1" | undefined, segment, stateTree, nextUrl);
      expect(rscCacheBustingParam(prefetch, segment, stateTree, nextUrl)).toBe(expected);
    }
  });
});

describe("negotiateEncoding", () => {
  it("prefers brotli, then gzip, honouring q=0 and wildcards", () => {
    const both = ["br", "gzip"];
    expect(negotiateEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(negotiateEncoding("gzip", both)).toBe("gzip");
    expect(negotiateEncoding("br;q=0, gzip;q=0.5", both)).toBe("gzip");
    expect(negotiateEncoding("*", both)).toBe("br");
    expect(negotiateEncoding("*;q=0", both)).toBe("identity");
    expect(negotiateEncoding("identity", both)).toBe("identity");
    expect(negotiateEncoding(undefined, both)).toBe("identity");
    expect(negotiateEncoding("br", ["gzip"])).toBe("identity");
  });
});

describe("ETags", () => {
  it("are strong per encoding and match any encoding of the same body", () => {
    expect(etagFor("abc", "br")).toBe('"abc-br"');
    expect(etagFor("abc", "identity")).toBe('"abc"');
    expect(etagMatches('"abc-gz"', "abc")).toBe(true);
    expect(etagMatches('W/"abc", "zzz"', "abc")).toBe(true);
    expect(etagMatches("*", "abc")).toBe(true);
    expect(etagMatches('"abcd"', "abc")).toBe(false);
    expect(etagMatches(undefined, "abc")).toBe(false);
  });
});

describe("inlineScriptHashes", () => {
  it("hashes the text of inline scripts only, as browsers do for CSP", () => {
    const html = `<html><head><script>var a=1;</script><script src="/x.js" async></script></head><body><script id="_R_">b()</script><script>var a=1;</script></body></html>`;
    const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([sha("var a=1;"), sha("b()")]);
  });
});

describe("classifyPageRequest", () => {
  it("serves documents, full payloads and segments only for requests whose `_rsc` matches their headers", () => {
    expect(classifyPageRequest("GET", {}, "")).toEqual({ kind: "html" });
    expect(classifyPageRequest("HEAD", {}, "a=1")).toEqual({ kind: "html" });
    expect(classifyPageRequest("POST", {}, "")).toBeNull();
    expect(classifyPageRequest("GET", { "next-action": "x" }, "")).toBeNull();
    expect(classifyPageRequest("GET", {}, "_rsc=abc")).toBeNull();
    expect(classifyPageRequest("GET", { rsc: "1" }, "_rsc=")).toEqual({ kind: "rsc" });
    expect(classifyPageRequest("GET", { rsc: "1" }, "")).toBeNull();
    const prefetch = { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" };
    const param = rscCacheBustingParam("1", "/_tree", undefined, undefined);
    expect(classifyPageRequest("GET", prefetch, `_rsc=${param}`)).toEqual({ kind: "segment", segment: "/_tree" });
    expect(classifyPageRequest("GET", prefetch, "_rsc=stale")).toBeNull();
  });
});

describe("createStaticResponder", () => {
  let dist: string;
  let server: http.Server;
  let base: string;
  let fallthrough = 0;
  const html = `<!DOCTYPE html><html><head><script>theme()</script></head><body>${"<p>A lesson paragraph.</p>".repeat(200)}<script>self.__next_f.push([1,"x"])</script></body></html>`;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), "static-responses-"));
    mkdirSync(path.join(dist, "server", "app", "course"), { recursive: true });
    mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
    writeFileSync(path.join(dist, "BUILD_ID"), "build-1");
    writeFileSync(path.join(dist, "server", "app", "course", "lesson.html"), html);
    writeFileSync(path.join(dist, "server", "app", "course", "lesson.rsc"), "0:payload\n".repeat(100));
    writeFileSync(path.join(dist, "static", "chunks", "app.js"), "console.log(1);".repeat(100));
    mkdirSync(path.join(dist, "static", "chunks", "app", "course", "[slug]"), { recursive: true });
    writeFileSync(path.join(dist, "static", "chunks", "app", "course", "[slug]", "page-1.js"), "console.log(2);".repeat(100));
    writeFileSync(
      path.join(dist, "prerender-manifest.json"),
      JSON.stringify({ routes: { "/course/lesson": { routeType: "page", dataRoute: "/course/lesson.rsc" } } }),
    );
    writeFileSync(
      path.join(dist, "routes-manifest.json"),
      JSON.stringify({ headers: [{ source: "/:path*", regex: "^(?:/(.*))?$", headers: [{ key: "X-Frame-Options", value: "DENY" }] }] }),
    );
    const { execFileSync } = await import("node:child_process");
    execFileSync(process.execPath, [path.resolve("scripts/precompress.mjs")], { env: { ...process.env, NEXT_DIST_DIR: dist }, stdio: "ignore" });
    const responder = createStaticResponder(dist);
    server = http.createServer((request, response) => {
      if (responder.handle(request, response)) return;
      fallthrough++;
      response.statusCode = 418;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(base + url, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });

  it("serves the prerendered page in the encoding asked for, each decoding to the same bytes", async () => {
    const br = await get("/course/lesson", { "accept-encoding": "gzip, br" });
    const gz = await get("/course/lesson", { "accept-encoding": "gzip" });
    const plain = await get("/course/lesson");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(brotliDecompressSync(br.body).toString()).toBe(html);
    expect(gunzipSync(gz.body).toString()).toBe(html);
    expect(plain.body.toString()).toBe(html);
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
    expect(br.headers.vary).toContain("Accept-Encoding");
    expect(br.headers.vary).toContain("rsc");
    expect(br.headers["x-frame-options"]).toBe("DENY");
    expect(br.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("allows exactly the page's inline scripts in its Content Security Policy", async () => {
    const { headers } = await get("/course/lesson");
    const policy = String(headers["content-security-policy"]);
    const scriptSrc = policy.split("; ").find((directive) => directive.startsWith("script-src "));
    expect(scriptSrc).toBe(`script-src 'self' ${inlineScriptHashes(html).join(" ")}`);
    expect(scriptSrc).not.toContain("unsafe-inline");
  });

  it("answers 304 to a matching If-None-Match and 200 otherwise", async () => {
    const first = await get("/course/lesson", { "accept-encoding": "br" });
    const again = await get("/course/lesson", { "accept-encoding": "br", "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect((await get("/course/lesson", { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("serves the RSC payload to the client router and static files as immutable", async () => {
    const rsc = await get("/course/lesson?_rsc=", { rsc: "1" });
    expect(rsc.headers["content-type"]).toBe("text/x-component");
    expect(rsc.body.toString()).toBe("0:payload\n".repeat(100));
    expect(rsc.headers["x-nextjs-stale-time"]).toBe("300");
    const chunk = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" });
    expect(chunk.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(chunk.body).toString()).toBe("console.log(1);".repeat(100));
  });

  it("serves a chunk under a dynamic segment's folder at the address the page's HTML spells (%5B…%5D)", async () => {
    const chunk = await get("/_next/static/chunks/app/course/%5Bslug%5D/page-1.js", { "accept-encoding": "br" });
    expect(chunk.status).toBe(200);
    expect(brotliDecompressSync(chunk.body).toString()).toBe("console.log(2);".repeat(100));
  });

  it("hands everything else to Next: unknown paths, stale `_rsc`, Server Actions, other methods", async () => {
    const before = fallthrough;
    expect((await get("/course/other")).status).toBe(418);
    expect((await get("/course/lesson?_rsc=stale", { rsc: "1" })).status).toBe(418);
    expect((await get("/course/lesson", { "next-action": "abc" })).status).toBe(418);
    expect((await get("/course/lesson/")).status).toBe(418);
    expect(fallthrough - before).toBe(4);
  });

  it("is not used when the precompressed files belong to another build", () => {
    writeFileSync(path.join(dist, "BUILD_ID"), "build-2");
    expect(createStaticResponder(dist)).toBeNull();
    writeFileSync(path.join(dist, "BUILD_ID"), "build-1");
    expect(path.join(dist, PRECOMPRESSED_DIR, MANIFEST_FILE)).toContain("manifest.json");
  });
});
