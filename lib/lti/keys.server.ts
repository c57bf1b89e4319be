import "server-only";
import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { env } from "../env.server";

/**
 * The tool's signing keys (RS256). Kept like the auth secret (lib/auth/secret.server.ts): from the
 * environment (LTI_PRIVATE_KEY) when set, otherwise a key set generated on first run in a local
 * file outside git (LTI_KEYS_FILE). A rotation publishes the next key at once but signs with it
 * only after every LMS's cached copy of the key set has expired, and the previous key stays
 * published for a week after, so no message in flight, and no LMS holding an older copy of the
 * key set, meets a key it cannot find. ADR 0801.
 */

export const RETIRED_KEY_PUBLISHED_MS = 7 * 24 * 60 * 60 * 1000;
/** How long LMSs may keep the key set (the JWKS answer's Cache-Control max-age). */
export const JWKS_MAX_AGE_S = 300;
/** A rotated-in key signs this long after it is first published: twice the key set's max-age. */
export const KEY_ACTIVATION_DELAY_MS = 2 * JWKS_MAX_AGE_S * 1000;

type StoredKey = { kid: string; createdAt: string; activatesAt?: string; retiredAt: string | null; privateJwk: JWK };
type KeyFile = { keys: StoredKey[] };

export type ToolKey = { kid: string; privateKey: KeyObject; publicJwk: JWK; createdAt: Date; activatesAt: Date; retiredAt: Date | null };
export type ToolKeySet = { source: "environment" | "file"; current: ToolKey; published: ToolKey[] };

function pem(value: string): string {
  // Environment files often carry PEM on one line with literal "\n".
  return value.includes("\\n") ? value.replace(/\\n/g, "\n") : value;
}

async function publicJwkOf(key: KeyObject): Promise<{ kid: string; jwk: JWK }> {
  const jwk = await exportJWK(createPublicKey(key));
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  return { kid, jwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
}

function keysFile(): string {
  return path.resolve(process.cwd(), env().LTI_KEYS_FILE);
}

async function newStoredKey(now: Date, activatesAt: Date = now): Promise<StoredKey> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { kid } = await publicJwkOf(privateKey);
  return { kid, createdAt: now.toISOString(), activatesAt: activatesAt.toISOString(), retiredAt: null, privateJwk: await exportJWK(privateKey) };
}

function writeKeyFile(file: string, contents: KeyFile, flag: "wx" | "w") {
  mkdirSync(path.dirname(file), { recursive: true });
  const text = `${JSON.stringify(contents, null, 2)}\n`;
  if (flag === "wx") {
    writeFileSync(file, text, { mode: 0o600, flag: "wx" });
    return;
  }
  // Replace atomically: a server reading the file never sees half of it.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}

function readKeyFile(file: string): KeyFile | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const parsed = JSON.parse(text) as KeyFile;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`${file} holds no LTI keys; delete it to generate a new key set`);
  return parsed;
}

async function toToolKey(stored: StoredKey): Promise<ToolKey> {
  const privateKey = createPrivateKey({ key: stored.privateJwk as never, format: "jwk" });
  const { jwk } = await publicJwkOf(privateKey);
  return {
    kid: stored.kid,
    privateKey,
    publicJwk: jwk,
    createdAt: new Date(stored.createdAt),
    // Files written before activation times existed: a key signed from its creation.
    activatesAt: new Date(stored.activatesAt ?? stored.createdAt),
    retiredAt: stored.retiredAt ? new Date(stored.retiredAt) : null,
  };
}

async function fromEnvironment(privatePem: string, previousPublicPem: string | undefined): Promise<ToolKeySet> {
  const privateKey = createPrivateKey(pem(privatePem));
  if (privateKey.asymmetricKeyType !== "rsa") throw new Error("LTI_PRIVATE_KEY must be an RSA private key (RS256)");
  const { kid, jwk } = await publicJwkOf(privateKey);
  const current: ToolKey = { kid, privateKey, publicJwk: jwk, createdAt: new Date(0), activatesAt: new Date(0), retiredAt: null };
  const published = [current];
  if (previousPublicPem) {
    const previous = createPublicKey(pem(previousPublicPem));
    const exported = await exportJWK(previous);
    const previousKid = await calculateJwkThumbprint(exported, "sha256");
    published.push({ kid: previousKid, privateKey, publicJwk: { ...exported, kid: previousKid, alg: "RS256", use: "sig" }, createdAt: new Date(0), activatesAt: new Date(0), retiredAt: new Date(0) });
  }
  return { source: "environment", current, published };
}

type LoadedKeys = { source: "environment"; set: ToolKeySet } | { source: "file"; file: string; keys: ToolKey[] };

async function fromFile(file: string): Promise<LoadedKeys> {
  let contents = readKeyFile(file);
  if (!contents) {
    try {
      writeKeyFile(file, { keys: [await newStoredKey(new Date())] }, "wx");
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    contents = readKeyFile(file);
    if (!contents) throw new Error(`Could not create ${file}`);
  }
  return { source: "file", file, keys: await Promise.all(contents.keys.map(toToolKey)) };
}

/**
 * The keys as they stand at `now`: the current key is the latest one already activated and not
 * retired; published are the current key, keys waiting to activate (so LMSs have them before
 * they sign anything) and keys retired less than a week ago.
 */
export function keysAt(keys: ToolKey[], now: Date, file = "the key file"): ToolKeySet {
  const t = now.getTime();
  const signing = keys
    .filter((key) => key.activatesAt.getTime() <= t && (key.retiredAt === null || key.retiredAt.getTime() > t))
    .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime());
  // A clock set back before every activation still signs: with the oldest key not retired.
  const current = signing[0] ?? keys.filter((key) => key.retiredAt === null || key.retiredAt.getTime() > t).sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime())[0];
  if (!current) throw new Error(`${file} has no active LTI key`);
  const published = keys.filter((key) => key === current || key.retiredAt === null || t - key.retiredAt.getTime() < RETIRED_KEY_PUBLISHED_MS);
  return { source: "file", current, published };
}

let cached: { stamp: string; keys: Promise<LoadedKeys> } | undefined;

/** The key set at `now`, re-read when its file changes (a rotation by the CLI reaches running servers). */
export async function toolKeySet(now = new Date()): Promise<ToolKeySet> {
  const loaded = await loadKeys();
  return loaded.source === "environment" ? loaded.set : keysAt(loaded.keys, now, loaded.file);
}

function loadKeys(): Promise<LoadedKeys> {
  const { LTI_PRIVATE_KEY, LTI_PREVIOUS_PUBLIC_KEY } = env();
  let stamp: string;
  if (LTI_PRIVATE_KEY) stamp = "env";
  else {
    const file = keysFile();
    let mtime = "missing";
    try {
      mtime = String(statSync(file).mtimeMs);
    } catch {
      // Created below.
    }
    stamp = `${file}:${mtime}`;
  }
  if (!cached || cached.stamp !== stamp) {
    const keys: Promise<LoadedKeys> = LTI_PRIVATE_KEY
      ? fromEnvironment(LTI_PRIVATE_KEY, LTI_PREVIOUS_PUBLIC_KEY).then((set) => ({ source: "environment" as const, set }))
      : fromFile(keysFile());
    cached = { stamp, keys };
    keys.catch(() => {
      if (cached?.keys === keys) cached = undefined;
    });
  }
  return cached.keys;
}

/** The public keys for GET /api/lti/jwks. */
export async function toolJwks(now = new Date()): Promise<{ keys: JWK[] }> {
  const set = await toolKeySet(now);
  return { keys: set.published.map((key) => key.publicJwk) };
}

/**
 * Rotates the key: a new key is published at once and signs from `activatesAt` (after
 * KEY_ACTIVATION_DELAY_MS, when every LMS's cached key set holds it; at once with `immediately`,
 * for a key that leaked). The keys it replaces retire then and stay published for
 * RETIRED_KEY_PUBLISHED_MS; keys retired longer ago are dropped. File key sets only: with
 * LTI_PRIVATE_KEY, rotate by setting a new key and moving the old public key to
 * LTI_PREVIOUS_PUBLIC_KEY.
 */
export async function rotateToolKey({ now = new Date(), immediately = false }: { now?: Date; immediately?: boolean } = {}): Promise<{ kid: string; activatesAt: Date; retired: string[] }> {
  if (env().LTI_PRIVATE_KEY) throw new Error("The key comes from LTI_PRIVATE_KEY: set a new key there and the old public key in LTI_PREVIOUS_PUBLIC_KEY.");
  const file = keysFile();
  await toolKeySet(now); // creates the file on first use
  const contents = readKeyFile(file) as KeyFile;
  const activatesAt = new Date(now.getTime() + (immediately ? 0 : KEY_ACTIVATION_DELAY_MS));
  const fresh = await newStoredKey(now, activatesAt);
  const retired: string[] = [];
  const kept = contents.keys
    .map((key) => {
      if (key.retiredAt && new Date(key.retiredAt).getTime() <= activatesAt.getTime()) return key;
      retired.push(key.kid);
      return { ...key, retiredAt: activatesAt.toISOString() };
    })
    .filter((key) => !key.retiredAt || now.getTime() - new Date(key.retiredAt).getTime() < RETIRED_KEY_PUBLISHED_MS);
  writeKeyFile(file, { keys: [...kept, fresh] }, "w");
  cached = undefined;
  return { kid: fresh.kid, activatesAt, retired };
}
