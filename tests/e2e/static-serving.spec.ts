import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./support";

/**
 * Prerendered pages and their RSC payloads come precompressed from memory (scripts/serve.mjs,
 * ADR 0900): the bytes must be exactly what Next.js prerendered, with validators that work, and
 * the browser must use them like before (hydration, client-side navigation).
 */
const LESSON = "/course/three-way-handshake";

async function raw(baseURL: string, path: string, headers: Record<string, string>) {
  // Node's fetch would decompress; read the bytes as sent.
  const http = await import("node:http");
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    http
      .get(new URL(path, baseURL), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("a lesson is sent precompressed in the encoding asked for, with ETag, Vary and revalidation", async ({ baseURL }) => {
  const br = await raw(baseURL!, LESSON, { "accept-encoding": "gzip, deflate, br" });
  const gzip = await raw(baseURL!, LESSON, { "accept-encoding": "gzip" });
  const plain = await raw(baseURL!, LESSON, {});
  expect([br.status, br.headers["content-encoding"]]).toEqual([200, "br"]);
  expect(gzip.headers["content-encoding"]).toBe("gzip");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  const html = plain.body.toString();
  expect(html).toContain("<h1");
  expect(brotliDecompressSync(br.body).toString()).toBe(html);
  expect(gunzipSync(gzip.body).toString()).toBe(html);
  expect(br.headers.vary).toContain("Accept-Encoding");
  expect(br.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
  expect(br.headers["content-length"]).toBe(String(br.body.length));
  const etags = [br.headers.etag, gzip.headers.etag, plain.headers.etag];
  expect(new Set(etags).size).toBe(3);

  const revalidated = await raw(baseURL!, LESSON, { "accept-encoding": "br", "if-none-match": String(br.headers.etag) });
  expect([revalidated.status, revalidated.body.length, revalidated.headers.etag]).toEqual([304, 0, br.headers.etag]);
  expect(revalidated.headers["content-security-policy"]).toBe(br.headers["content-security-policy"]);
});

test("the browser revalidates a lesson and navigates between lessons with the precompressed payloads", async ({ page }) => {
  // Payloads of prerendered lessons (links to dynamic pages are rendered per request; Server
  // Actions post to the page's address and answer per request too).
  const payloads: string[] = [];
  page.on("response", (response) => {
    const { pathname } = new URL(response.url());
    const isPayload = response.request().method() === "GET" && response.headers()["content-type"] === "text/x-component";
    if (isPayload && pathname.startsWith("/course/")) {
      // Browsers offer brotli over HTTPS only; over plain HTTP the gzip copy is sent.
      const precompressed = /^"[\w-]+-(br|gz)"$/.test(response.headers().etag ?? "") ? "precompressed" : "rendered";
      payloads.push(`${pathname} ${precompressed}`);
    }
  });
  await page.goto(LESSON);
  await waitForHydration(page);
  const reload = page.waitForResponse((response) => new URL(response.url()).pathname === LESSON);
  await page.reload();
  expect([200, 304]).toContain((await reload).status());

  // Client-side navigation: the document is not reloaded, the next lesson comes as an RSC payload.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await page.getByRole("link", { name: /Next/ }).last().click();
  await expect(page).toHaveURL(/\/course\/four-way-teardown$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/teardown/i);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(payloads).toContain("/course/four-way-teardown precompressed");
  expect(payloads.filter((payload) => !payload.endsWith(" precompressed"))).toEqual([]);
});

test("static files are immutable and precompressed; anything not prerendered still reaches the app", async ({ page, baseURL }) => {
  await page.goto(LESSON);
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  const chunk = await raw(baseURL!, script!, { "accept-encoding": "br" });
  expect(chunk.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(chunk.headers["content-encoding"]).toBe("br");
  expect(chunk.headers["x-content-type-options"]).toBe("nosniff");
  expect((await raw(baseURL!, "/course/no-such-lesson", {})).status).toBe(404);
  expect((await raw(baseURL!, "/api/health", {})).status).toBe(200);
});
