import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken, sessionTokenFrom } from "@/lib/auth/jwt.server";

const secret = "a-session-secret-that-is-long-enough-for-tests-0123";

describe("session tokens", () => {
  it("are interchangeable with next-auth's own format, both ways", async () => {
    const ours = await encodeSessionToken({ token: { sub: "user-1", role: "STUDENT" }, secret });
    expect(await nextAuthDecode({ token: ours, secret })).toMatchObject({ sub: "user-1", role: "STUDENT" });
    const theirs = await nextAuthEncode({ token: { sub: "user-2", role: "INSTRUCTOR" }, secret });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject({ sub: "user-2", role: "INSTRUCTOR" });
  });

  it("refuses a token sealed with another secret, a tampered one and an expired one", async () => {
    const token = await encodeSessionToken({ token: { sub: "user-1" }, secret });
    await expect(decodeSessionToken({ token, secret: `${secret}-other` })).rejects.toThrow();
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decodeSessionToken({ token: tampered, secret })).rejects.toThrow();
    const expired = await encodeSessionToken({ token: { sub: "user-1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow(/exp/);
  });

  it("reads the cookie whole or from next-auth's chunks", () => {
    expect(sessionTokenFrom([{ name: "other", value: "x" }])).toBeUndefined();
    expect(sessionTokenFrom([{ name: "next-auth.session-token", value: "abc" }])).toBe("abc");
    expect(
      sessionTokenFrom([
        { name: "next-auth.session-token.1", value: "def" },
        { name: "next-auth.session-token.0", value: "abc" },
      ]),
    ).toBe("abcdef");
  });
});
