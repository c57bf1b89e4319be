import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const SITE = "http://localhost:3000";

describe("safeRedirectPath", () => {
  it.each(["/dashboard", "/course/tcp-header-and-flags#summary", "/instructor?tab=roster", "/search?q=tcp%20handshake", "/zh/dashboard"])(
    "keeps the same-site path %s",
    (path) => {
      expect(safeRedirectPath(path)).toBe(path);
    },
  );

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,hi",
    "http:evil.example",
    "dashboard",
    "",
    null,
    undefined,
    42,
    // The probe's findings: a tab (raw or encoded) that browsers drop, leaving `//evil.example`.
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "/%0D%0ALocation:%20https://evil.example",
    "/%250d%250a/double-encoded",
    "/%5c%5cevil.example",
    "/%5Cevil.example",
    " //evil.example",
    "/\n/evil.example",
    "/\u2028/evil.example",
    // Dot segments that the parser collapses into a protocol-relative path.
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    // Malformed percent-encoding.
    "/course/%ff",
    "/%E4%B8",
    "x".repeat(3000),
  ])("replaces %j with the fallback", (value) => {
    expect(safeRedirectPath(value, "/home")).toBe("/home");
  });

  it("percent-encodes non-ASCII paths, so the result is a valid Location header", () => {
    expect(safeRedirectPath("/%E4%B8%AD")).toBe("/%E4%B8%AD");
    expect(safeRedirectPath("/中文?q=握手")).toBe("/%E4%B8%AD%E6%96%87?q=%E6%8F%A1%E6%89%8B");
  });

  it("accepts absolute URLs on the site's own origin as their path, and no other origin", () => {
    expect(safeRedirectPath(`${SITE}/course?x=1#top`, "/home", SITE)).toBe("/course?x=1#top");
    expect(safeRedirectPath(SITE, "/home", SITE)).toBe("/");
    expect(safeRedirectPath("http://localhost:3001/course", "/home", SITE)).toBe("/home");
    expect(safeRedirectPath("https://localhost:3000/course", "/home", SITE)).toBe("/home");
    expect(safeRedirectPath("http://localhost:3000.evil.example/", "/home", SITE)).toBe("/home");
    expect(safeRedirectPath("http://localhost:3000@evil.example/", "/home", SITE)).toBe("/home");
    // Without the site's origin, absolute URLs are never accepted.
    expect(safeRedirectPath(`${SITE}/course`, "/home")).toBe("/home");
  });

  it("only ever returns the fallback or a path that resolves to the same origin with no control characters", () => {
    const characters = fc.constantFrom(..."/\\.%:@?#&=abcXYZ09 \t\n\r\u0000\u2028中".split(""), "%0a", "%09", "%2f", "%5c", "%2e", "//", "http:", "https://evil.example");
    fc.assert(
      fc.property(fc.array(characters, { maxLength: 12 }).map((parts) => parts.join("")), (value) => {
        const result = safeRedirectPath(value, "/fallback", SITE);
        if (result === "/fallback") return;
        expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
        expect(result).not.toMatch(/[\u0000-\u0020\u007f-\u00ff\\]/);
        expect(new URL(result, SITE).origin).toBe(SITE);
        // What a browser would do with it as a Location header, relative to any page of the site.
        expect(new URL(result, `${SITE}/some/page`).origin).toBe(SITE);
      }),
      { numRuns: 3000 },
    );
  });
});
