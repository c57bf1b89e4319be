import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env.server";

/**
 * The key that signs session tokens: AUTH_SECRET (or NEXTAUTH_SECRET) when set, otherwise a
 * random key generated on first run and kept in a local file outside git, so a fresh clone
 * works without configuration and no secret ever lives in the code.
 */
export function authSecret(): string {
  const { AUTH_SECRET, NEXTAUTH_SECRET, AUTH_SECRET_FILE } = env();
  const fromEnv = AUTH_SECRET ?? NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;

  const file = path.resolve(process.cwd(), AUTH_SECRET_FILE);
  try {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  } catch {
    // Not created yet.
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  try {
    // "wx": if another process created it in the meantime, keep theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return readFileSync(file, "utf8").trim();
  }
}
