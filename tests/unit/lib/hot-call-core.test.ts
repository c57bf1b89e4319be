/**
 * The one core both doors of the hot calls run (ADR 1550), on plain data: the refusals before a
 * call runs, the call itself, a thrown failure; the request scope the production server's door
 * runs a call in (cookies in and out, per-request memory); Node.js headers read like web ones.
 * tests/integration/hot-call-doors.test.ts sends the same requests to both doors of a running server.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { answerHotCall, answerScopedHotCall, MAX_HOT_CALL_BODY_BYTES, type HotCallRequest, type HotCalls } from "@/lib/http/hot-call-route.server";
import { inRequestScope, perRequest, requestCookies } from "@/lib/http/request-scope.server";
import { nodeHeaders, readLimitedBytes } from "@/lib/http/same-site.server";
import { actionWords } from "@/lib/i18n/words/actions";

const ORIGIN = "http://localhost:3000";

afterEach(() => vi.restoreAllMocks());

async function* chunks(...parts: Uint8Array[]) {
  for (const part of parts) yield part;
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** A same-origin JSON call as the app's pages send it, unless `headers` say otherwise. */
function request(name: string, body: string | AsyncIterable<Uint8Array>, headers: Record<string, string> = {}, locale: string | null = "en"): HotCallRequest {
  const all = new Headers({ "content-type": "application/json", origin: ORIGIN, host: "localhost:3000", "sec-fetch-site": "same-origin", ...headers });
  return { name, locale, headers: all, requestOrigin: ORIGIN, body: typeof body === "string" ? chunks(bytes(body)) : body };
}

const seen: unknown[][] = [];
const calls = {
  "quiz-start": async (...args: unknown[]) => {
    seen.push(args);
    return { ok: true as const };
  },
  "quiz-answer": async () => {
    throw new Error("database is gone");
  },
  "reading-position": async () => {
    const jar = await requestCookies();
    jar.set("visitor", "v 1", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 });
    return { ok: true as const, seen: jar.get("visitor")?.value, session: jar.get("session")?.value };
  },
} as unknown as HotCalls;

const invalid = (locale: "en" | "zh") => ({ ok: false, message: actionWords(locale).invalidRequest, at: expect.any(Number) });

describe("the hot call core", () => {
  it("runs the named call with the JSON array's arguments", async () => {
    seen.length = 0;
    expect(await answerHotCall(calls, request("quiz-start", JSON.stringify([{ quizId: "q" }, "zh"])))).toEqual({ status: 200, json: { ok: true } });
    expect(seen).toEqual([[{ quizId: "q" }, "zh"]]);
  });

  it("refuses what is not a hot call, another site's page, another media type, an unreadable body, in the page's language", async () => {
    expect(await answerHotCall(calls, request("grade-everything", "[]", {}, "zh"))).toEqual({ status: 404, json: invalid("zh") });
    expect(await answerHotCall(calls, request("hasOwnProperty", "[]"))).toEqual({ status: 404, json: invalid("en") });
    const crossSite = { status: 403, json: { ok: false, refusal: "cross-site", message: actionWords("zh").crossSite, at: expect.any(Number) } };
    expect(await answerHotCall(calls, request("quiz-start", "[]", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, "zh"))).toEqual(crossSite);
    expect(await answerHotCall(calls, request("quiz-start", "[]", { origin: "https://evil.example" }, "zh"))).toEqual(crossSite);
    expect((await answerHotCall(calls, request("quiz-start", "[]", { "sec-fetch-site": "same-site" }))).status).toBe(403);
    expect(await answerHotCall(calls, request("quiz-start", "[]", { "content-type": "text/plain;charset=UTF-8" }))).toEqual({ status: 415, json: invalid("en") });
    expect(await answerHotCall(calls, request("quiz-start", "{not json"))).toEqual({ status: 400, json: invalid("en") });
    expect(await answerHotCall(calls, request("quiz-start", "{}"))).toEqual({ status: 400, json: invalid("en") });
    expect(await answerHotCall(calls, request("quiz-start", "[1,2,3,4,5]"))).toEqual({ status: 400, json: invalid("en") });
    // A page with no language named gets English.
    expect(await answerHotCall(calls, request("quiz-start", "[", {}, null))).toEqual({ status: 400, json: invalid("en") });
  });

  it("accepts a page of this site: no Origin, its own origin, or its Host behind another scheme", async () => {
    expect((await answerHotCall(calls, { ...request("quiz-start", "[]"), headers: new Headers({ "content-type": "application/json" }) })).status).toBe(200);
    expect((await answerHotCall(calls, request("quiz-start", "[]", { origin: "https://localhost:3000" }))).status).toBe(200);
    expect((await answerHotCall(calls, request("quiz-start", "[]", { "sec-fetch-site": "none" }))).status).toBe(200);
  });

  it("refuses a body over the limit whether or not its length is declared, without reading past it", async () => {
    expect(await answerHotCall(calls, request("quiz-start", "[]", { "content-length": String(MAX_HOT_CALL_BODY_BYTES + 1) }))).toEqual({ status: 413, json: invalid("en") });
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield new Uint8Array(16 * 1024);
      }
    }
    expect(await answerHotCall(calls, request("quiz-start", endless()))).toEqual({ status: 413, json: invalid("en") });
    expect(pulled).toBe(5);
    const atLimit = await readLimitedBytes(null, chunks(new Uint8Array(MAX_HOT_CALL_BODY_BYTES - 1), new Uint8Array(1)), MAX_HOT_CALL_BODY_BYTES);
    expect(atLimit).toBeInstanceOf(Uint8Array);
    expect((atLimit as Uint8Array).length).toBe(MAX_HOT_CALL_BODY_BYTES);
  });

  it("answers a thrown failure with 503 and its words, and logs it with the call's name", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await answerHotCall(calls, request("quiz-answer", "[{}]", {}, "zh"))).toEqual({ status: 503, json: { ok: false, refusal: "failed", message: actionWords("zh").notSaved, at: expect.any(Number) } });
    expect(logged).toHaveBeenCalledWith("hot call quiz-answer failed", expect.any(Error));
  });
});

describe("the request scope of the production server's door", () => {
  it("reads the Cookie header and answers the cookies set, serialized as Next.js does", async () => {
    const answer = await answerScopedHotCall(calls, request("reading-position", "[]"), "session=a%20b; other=1");
    expect(answer.status).toBe(200);
    // A cookie set is read back in the same request; a received one is decoded.
    expect(answer.json).toEqual({ ok: true, seen: "v 1", session: "a b" });
    expect(answer.setCookies).toHaveLength(1);
    expect(answer.setCookies[0]).toMatch(/^visitor=v%201; Path=\/; Expires=[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} [\d:]{8} GMT; Max-Age=60; HttpOnly; SameSite=lax$/);
    expect((await answerScopedHotCall(calls, request("quiz-start", "[]"), undefined)).setCookies).toEqual([]);
  });

  it("keeps what is loaded once per request within that request only", async () => {
    let loads = 0;
    const session = perRequest(async () => ++loads);
    const twice = async () => [await session(), await session()];
    expect((await inRequestScope(undefined, twice)).result).toEqual([1, 1]);
    expect((await inRequestScope(undefined, twice)).result).toEqual([2, 2]);
  });

  it("reads Node.js's headers as fetch does", () => {
    const headers = nodeHeaders({ origin: "http://a", "x-many": ["1", "2"] });
    expect([headers.get("origin"), headers.get("x-many"), headers.get("cookie")]).toEqual(["http://a", "1, 2", null]);
  });
});
