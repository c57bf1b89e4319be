import "server-only";
import { randomUUID } from "node:crypto";
import hkdf from "@panva/hkdf";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * next-auth's session token format (JWE, dir + A256GCM, key from HKDF over the secret) with the
 * derived key computed once per secret instead of on every request. Tokens are interchangeable
 * with next-auth's own encode/decode (a test checks both ways).
 */
/** How long a session lasts without being used (next-auth refreshes it whenever it is read). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
const keys = new Map<string, Promise<Uint8Array>>();

function derivedKey(secret: string | Buffer, salt = ""): Promise<Uint8Array> {
  const id = `${typeof secret === "string" ? secret : secret.toString("base64")}\0${salt}`;
  let key = keys.get(id);
  if (!key) {
    key = hkdf("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32);
    keys.set(id, key);
  }
  return key;
}

export async function encodeSessionToken({ token = {}, secret, maxAge = SESSION_MAX_AGE_S, salt = "" }: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(await derivedKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await derivedKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}

/** The session cookie's name: next-auth prefixes it with __Secure- when the site runs on HTTPS. */
export function sessionCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The token from the cookies, joining next-auth's chunks (name.0, name.1, …) for large tokens. */
export function sessionTokenFrom(cookies: ReadonlyArray<{ name: string; value: string }>): string | undefined {
  const name = sessionCookieName();
  const whole = cookies.find((cookie) => cookie.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .filter((cookie) => cookie.name.startsWith(`${name}.`))
    .map((cookie) => ({ index: Number(cookie.name.slice(name.length + 1)), value: cookie.value }))
    .filter((chunk) => Number.isInteger(chunk.index))
    .sort((a, b) => a.index - b.index);
  return chunks.length ? chunks.map((chunk) => chunk.value).join("") : undefined;
}
