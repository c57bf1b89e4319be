/**
 * Revocable sessions (ADR 0010) against the real database: a session names the account's
 * session version, and raising the version ends every session of the account at once.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt.server";
import { authSecret } from "@/lib/auth/secret.server";
import { db } from "@/lib/db.server";
import { createUser, FACTORY_PASSWORD } from "../factories/users";

// The request's cookie jar, as next/headers would give it to a Server Action.
let jar: Array<{ name: string; value: string }> = [];
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => jar,
    get: (name: string) => jar.find((cookie) => cookie.name === name),
    set: (name: string, value: string) => {
      jar = [...jar.filter((cookie) => cookie.name !== name), { name, value }];
    },
  }),
  headers: async () => new Headers(),
}));
vi.mock("react", async (original) => ({ ...(await original<typeof import("react")>()), cache: <T>(fn: T) => fn }));

const { getSession } = await import("@/lib/auth/session.server");
const { endSessionsOf, newSessionClaims, startSession, SessionEndedError } = await import("@/lib/auth/sessions.server");
const { changePassword, endAllSessions } = await import("@/lib/auth/account.server");
const { authOptions } = await import("@/lib/auth/options.server");

async function cookieFor(userId: string) {
  const claims = await newSessionClaims(userId);
  return encodeSessionToken({ token: claims!, secret: authSecret() });
}

function useCookie(value: string) {
  jar = [{ name: "next-auth.session-token", value }];
}

describe("sessions", () => {
  beforeEach(() => {
    jar = [];
  });

  it("a session counts until the account's sessions are ended, then the same cookie is refused", async () => {
    const user = await createUser();
    const cookie = await cookieFor(user.id);
    useCookie(cookie);
    expect(await getSession()).toEqual({ user: expect.objectContaining({ id: user.id }), ended: false });
    await endAllSessions(user);
    useCookie(cookie);
    expect(await getSession()).toEqual({ user: null, ended: true });
    // A session started afterwards counts.
    useCookie(await cookieFor(user.id));
    expect((await getSession()).user?.id).toBe(user.id);
  });

  it("tells a visitor from someone whose session ended", async () => {
    expect(await getSession()).toEqual({ user: null, ended: false });
    useCookie("garbage");
    expect(await getSession()).toEqual({ user: null, ended: true });
  });

  it("next-auth's session endpoint refuses an ended session (its jwt callback throws, so next-auth clears the cookie)", async () => {
    const user = await createUser();
    const token = (await decodeSessionToken({ token: await cookieFor(user.id), secret: authSecret() }))!;
    const jwt = authOptions().callbacks!.jwt!;
    await expect(jwt({ token } as never)).resolves.toMatchObject({ sub: user.id, role: "STUDENT" });
    await endAllSessions(user);
    await expect(jwt({ token } as never)).rejects.toBeInstanceOf(SessionEndedError);
  });

  it("signing out ends every session of the account, and replaying an old sign-out ends nothing new", async () => {
    const user = await createUser();
    const first = (await decodeSessionToken({ token: await cookieFor(user.id), secret: authSecret() }))!;
    const copy = await cookieFor(user.id);
    await authOptions().events!.signOut!({ token: first } as never);
    useCookie(copy);
    expect((await getSession()).user).toBeNull();

    const later = await cookieFor(user.id);
    await endSessionsOf(first); // the old token again
    useCookie(later);
    expect((await getSession()).user?.id).toBe(user.id);
  });

  it("a role change made the way the operator's script makes it ends the sessions", async () => {
    const user = await createUser();
    const cookie = await cookieFor(user.id);
    await db.user.update({ where: { id: user.id }, data: { role: "INSTRUCTOR", sessionVersion: { increment: 1 } } });
    useCookie(cookie);
    expect((await getSession()).user).toBeNull();
  });

  it("startSession gives this browser a session of the account's current version", async () => {
    const user = await createUser();
    await endAllSessions(user);
    expect(await startSession(user.id)).toBe(true);
    expect((await getSession()).user?.id).toBe(user.id);
    expect(await startSession("no-such-user")).toBe(false);
  });
});

describe("changing the password", () => {
  beforeEach(() => {
    jar = [];
  });

  it("ends every other session, keeps this browser signed in and replaces the hash", async () => {
    const user = await createUser();
    const elsewhere = await cookieFor(user.id);
    useCookie(await cookieFor(user.id));
    const before = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(await changePassword(user, { currentPassword: FACTORY_PASSWORD, newPassword: "a-brand-new-password" })).toEqual({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).not.toBe(before);
    expect((await getSession()).user?.id).toBe(user.id);
    useCookie(elsewhere);
    expect((await getSession()).user).toBeNull();
  });

  it("refuses a wrong current password or a short new one, changing nothing", async () => {
    const user = await createUser();
    const cookie = await cookieFor(user.id);
    useCookie(cookie);
    expect(await changePassword(user, { currentPassword: "wrong", newPassword: "a-brand-new-password" })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: "That is not your current password" },
    });
    const short = await changePassword(user, { currentPassword: FACTORY_PASSWORD, newPassword: "short" }, "zh");
    expect(short).toEqual({ ok: false, fieldErrors: { newPassword: "至少需要 8 个字符" } });
    useCookie(cookie);
    expect((await getSession()).user?.id).toBe(user.id);
  });
});
