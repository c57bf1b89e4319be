import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { hasForeignOrigin, hasWellFormedPath, originFormTarget, isDecodableActionBody, resolveClientAddress, trustedProxyHops } from "@/scripts/request-guard.mjs";

// The encoder the browser uses for Server Action arguments: whatever it produces must pass.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

/** A Server Action request body as the browser sends it: text, or multipart form data. */
async function actionBody(args: unknown[]): Promise<{ contentType: string; body: Buffer }> {
  const encoded = await encodeReply(args);
  if (typeof encoded === "string") return { contentType: "text/plain;charset=UTF-8", body: Buffer.from(encoded) };
  const request = new Request("http://localhost/", { method: "POST", body: encoded });
  return { contentType: request.headers.get("content-type")!, body: Buffer.from(await request.arrayBuffer()) };
}

function multipart(fields: Record<string, string>): { contentType: string; body: Buffer } {
  const boundary = "----guard-test";
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`) };
}

describe("client address", () => {
  it("is the socket's peer unless proxies are trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:db8::1", "1.2.3.4", 0)).toBe("2001:db8::1");
  });

  it("with N trusted proxies, is the address the outermost of them saw, never one the client wrote", () => {
    // client 198.51.100.9 → proxy A (adds 198.51.100.9) → proxy B 10.0.0.2 (adds 10.0.0.1) → us
    expect(resolveClientAddress("10.0.0.2", "198.51.100.9, 10.0.0.1", 2)).toBe("198.51.100.9");
    // The client prepended a lie; with one trusted proxy the lie is ignored.
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 198.51.100.9", 1)).toBe("198.51.100.9");
    // Fewer entries than hops: the leftmost address there is.
    expect(resolveClientAddress("10.0.0.1", "198.51.100.9", 3)).toBe("198.51.100.9");
    expect(resolveClientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
    // Garbage where an address should be falls back to the peer.
    expect(resolveClientAddress("10.0.0.1", "not an address", 1)).toBe("10.0.0.1");
  });

  it("TRUST_PROXY must be a small count", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    for (const value of ["true", "-1", "1.5", "loopback", "100"]) expect(() => trustedProxyHops(value)).toThrow(/TRUST_PROXY/);
  });
});

describe("request targets", () => {
  it("keeps a path, and takes the path of a whole URL (a proxy's absolute form) without its host", () => {
    expect(originFormTarget("/course?x=1")).toBe("/course?x=1");
    expect(originFormTarget("http://evil.example/dashboard?a=b")).toBe("/dashboard?a=b");
    expect(originFormTarget("HTTPS://evil.example")).toBe("/");
  });
  it.each(["*", "dashboard", "javascript:alert(1)", "http://[", ""])("refuses %s", (url) => {
    expect(originFormTarget(url)).toBeNull();
  });
});

describe("request paths", () => {
  it.each(["/course/%ff", "/%E4%B8", "/join/%", "/x%zz"])("refuses %s, which Next.js would answer with a 500", (url) => {
    expect(hasWellFormedPath(url)).toBe(false);
  });
  it.each(["/", "/course/tcp-header-and-flags", "/%E4%B8%AD", "/search?q=%ff", "/a%20b"])("accepts %s", (url) => {
    expect(hasWellFormedPath(url)).toBe(true);
  });
});

describe("Server Action bodies", () => {
  it("accepts whatever the browser's encoder produces", async () => {
    const form = new FormData();
    form.set("code", "SYNACK42");
    const cyclic: { name: string; self?: unknown } = { name: "loop" };
    cyclic.self = cyclic;
    const samples: unknown[][] = [
      [{ name: "Ada", email: "ada@example.com", password: "x" }, "en"],
      ["$100 is a string that starts with a dollar", 3, null, undefined, Number.NaN, -0, Infinity, 10n, new Date(0)],
      [{ nested: { map: new Map([["a", 1]]), set: new Set([1, 2]) } }],
      [cyclic],
      [{ later: Promise.resolve("kept") }],
      [form],
      [null, form],
      [],
    ];
    for (const [index, args] of samples.entries()) {
      const { contentType, body } = await actionBody(args);
      expect(await isDecodableActionBody(contentType, body, true), `sample ${index}`).toBe(true);
    }
  });

  it.each([
    ["[1,2", "not JSON"],
    ['"$Q0"', "not an argument list"],
    ["null", "not an argument list"],
    ['["$Q0"]', "a map in a part the body does not have"],
    ['["$1"]', "an outlined object that is not there"],
    ['["$h1"]', "a server reference that is not there"],
    ['["$B1"]', "a blob that is not there"],
    ['["$AB1"]', "a typed array that is not there"],
    ['[{"a":"$@zz"}]', "a malformed reference"],
    ['["$nabc"]', "a bigint that is not a number"],
    [`["$n${"9".repeat(301)}"]`, "a bigint longer than React accepts"],
    ['[{"a":"$0:a:b"}]', "a path through something that is not an object"],
  ])("refuses the text body %s (%s)", async (text) => {
    expect(await isDecodableActionBody("text/plain;charset=UTF-8", Buffer.from(text), true)).toBe(false);
  });

  it("refuses multipart bodies that do not parse, lack the argument list or point at missing parts", async () => {
    expect(await isDecodableActionBody("multipart/form-data; boundary=x", Buffer.from("--x\r\ngarbage"), true)).toBe(false);
    expect(await isDecodableActionBody("multipart/form-data; boundary=x", Buffer.from("--x\r\ngarbage"), false)).toBe(false);
    const noRoot = multipart({ "1": "[]" });
    expect(await isDecodableActionBody(noRoot.contentType, noRoot.body, true)).toBe(false);
    const dangling = multipart({ "0": '["$Q1"]' });
    expect(await isDecodableActionBody(dangling.contentType, dangling.body, true)).toBe(false);
    const badPart = multipart({ "0": '["$Q1"]', "1": "{oops" });
    expect(await isDecodableActionBody(badPart.contentType, badPart.body, true)).toBe(false);
    const fine = multipart({ "0": '["$Q1"]', "1": "[[1,2]]" });
    expect(await isDecodableActionBody(fine.contentType, fine.body, true)).toBe(true);
    // A form posted before the page's script ran is read by Next.js itself: it only has to parse.
    const form = multipart({ $ACTION_ID_abc: "", code: "SYNACK42" });
    expect(await isDecodableActionBody(form.contentType, form.body, false)).toBe(true);
  });
});

describe("forms posted before the page's script ran", () => {
  // What the join page renders for its form (useActionState with a bound argument), as the browser posts it.
  const joinForm = (bound: string, argumentsPart: string) =>
    multipart({ $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id: "60738d5a1a7ec6c35305bc972fe252752218a99b44", bound }), "$ACTION_1:1": argumentsPart, $ACTION_KEY: "k1", code: "SYNACK42" });

  it("accepts the fields React renders", async () => {
    const { contentType, body } = joinForm("$@1", "[null]");
    expect(await isDecodableActionBody(contentType, body, false)).toBe(true);
    const unbound = multipart({ $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id: "60738d5a1a7ec6c35305bc972fe252752218a99b44", bound: null }), code: "x" });
    expect(await isDecodableActionBody(unbound.contentType, unbound.body, false)).toBe(true);
  });

  it.each([
    ["$@1", "[[[[", "bound arguments that are not JSON"],
    ["$@9", "[null]", "bound arguments in a field that is not there"],
    ["$@1", '["$T"]', "a temporary reference, which only a script can send"],
    ["$@1", '["$Q2"]', "a map in a field that is not there"],
  ])("refuses %s with %s (%s)", async (bound, argumentsPart) => {
    const { contentType, body } = joinForm(bound, argumentsPart);
    expect(await isDecodableActionBody(contentType, body, false)).toBe(false);
  });

  it("refuses an action reference without its descriptor", async () => {
    const { contentType, body } = multipart({ $ACTION_REF_1: "", code: "x" });
    expect(await isDecodableActionBody(contentType, body, false)).toBe(false);
  });
});

describe("Origin of Server Action requests", () => {
  it("is foreign when it names another host, is not a URL, or there is no host to compare with", () => {
    expect(hasForeignOrigin({ origin: "http://evil.example", host: "localhost:3000" })).toBe(true);
    expect(hasForeignOrigin({ origin: "null", host: "localhost:3000" })).toBe(true);
    expect(hasForeignOrigin({ origin: "", host: "localhost:3000" })).toBe(true);
    expect(hasForeignOrigin({ origin: "http://localhost:3000, http://evil.example", host: "localhost:3000" })).toBe(true);
    expect(hasForeignOrigin({ origin: "http://localhost:3000" })).toBe(true);
    // Behind a trusted proxy Next.js compares with the first X-Forwarded-Host, and so does the guard.
    expect(hasForeignOrigin({ origin: "http://localhost:3000", host: "localhost:3000", "x-forwarded-host": "course.example" })).toBe(true);
  });

  it("is not foreign when it is this host, or absent (Next.js decides then)", () => {
    expect(hasForeignOrigin({ origin: "http://localhost:3000", host: "localhost:3000" })).toBe(false);
    expect(hasForeignOrigin({ origin: "https://course.example", host: "internal:3000", "x-forwarded-host": "course.example, other" })).toBe(false);
    expect(hasForeignOrigin({ host: "localhost:3000" })).toBe(false);
  });
});
