import { beforeEach, describe, expect, it, vi } from "vitest";
import { encodeSessionToken } from "@/lib/auth/jwt.server";
import { authSecret } from "@/lib/auth/secret.server";
import { db } from "@/lib/db.server";
import { createUser } from "../factories/users";

// getCurrentUser reads the request's cookies through next/headers; here the cookie jar is ours.
let jar: Array<{ name: string; value: string }> = [];
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => jar }) }));
// React's cache() memoises per request; outside a request each call must run, so bypass it.
vi.mock("react", async (original) => ({ ...(await original<typeof import("react")>()), cache: <T>(fn: T) => fn }));

const { getCurrentUser } = await import("@/lib/auth/session.server");

async function signInAs(id: string) {
  jar = [{ name: "next-auth.session-token", value: await encodeSessionToken({ token: { sub: id }, secret: authSecret() }) }];
}

describe("getCurrentUser", () => {
  beforeEach(() => {
    jar = [];
  });

  it("returns the user named by a valid session cookie, as the database has them now", async () => {
    const user = await createUser({ role: "INSTRUCTOR", name: "Grace" });
    await signInAs(user.id);
    expect(await getCurrentUser()).toEqual({ id: user.id, email: user.email, name: "Grace", role: "INSTRUCTOR" });
    await db.user.update({ where: { id: user.id }, data: { role: "STUDENT" } });
    expect((await getCurrentUser())?.role).toBe("STUDENT");
  });

  it("returns nobody without a cookie, with a forged one, or for a deleted account", async () => {
    expect(await getCurrentUser()).toBeNull();
    jar = [{ name: "next-auth.session-token", value: "not-a-token" }];
    expect(await getCurrentUser()).toBeNull();
    const other = await encodeSessionToken({ token: { sub: "someone" }, secret: "another-secret-that-is-long-enough-000000" });
    jar = [{ name: "next-auth.session-token", value: other }];
    expect(await getCurrentUser()).toBeNull();
    const user = await createUser();
    await signInAs(user.id);
    await db.user.delete({ where: { id: user.id } });
    expect(await getCurrentUser()).toBeNull();
  });
});
