import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { compactVerify, createLocalJWKSet, SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function keys() {
  vi.resetModules();
  return import("@/lib/lti/keys.server");
}

describe("the tool's signing keys", { timeout: 30_000 }, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "lti-keys-"));
    delete process.env.LTI_PRIVATE_KEY;
    delete process.env.LTI_PREVIOUS_PUBLIC_KEY;
    process.env.LTI_KEYS_FILE = path.join(dir, "nested", "lti-keys.json");
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("generates an RS256 key on first run, keeps it privately and reuses it", async () => {
    const first = await (await keys()).toolJwks();
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(first.keys[0]).not.toHaveProperty("d");
    expect(statSync(process.env.LTI_KEYS_FILE!).mode & 0o077).toBe(0);
    const again = await (await keys()).toolJwks();
    expect(again.keys[0]!.kid).toBe(first.keys[0]!.kid);
  });

  it("rotates without breaking anything in flight: the next key is published before it signs, the old one stays a week", async () => {
    const keySet = await keys();
    const t0 = new Date();
    const before = await keySet.toolKeySet(t0);
    // An LMS fetched the key set just before the rotation and keeps it for its max-age.
    const cachedByLms = await keySet.toolJwks(t0);
    const { kid, activatesAt, retired } = await keySet.rotateToolKey({ now: t0 });
    expect(retired).toEqual([before.current.kid]);
    expect(activatesAt.getTime() - t0.getTime()).toBe(keySet.KEY_ACTIVATION_DELAY_MS);
    expect(keySet.KEY_ACTIVATION_DELAY_MS).toBeGreaterThanOrEqual(2 * keySet.JWKS_MAX_AGE_S * 1000);

    // Until the new key activates, the old key signs, so the LMS's cached copy verifies everything.
    const during = await keySet.toolKeySet(new Date(activatesAt.getTime() - 1));
    expect(during.current.kid).toBe(before.current.kid);
    const signedDuring = await new SignJWT({ hello: "lms" }).setProtectedHeader({ alg: "RS256", kid: during.current.kid }).sign(during.current.privateKey);
    await expect(compactVerify(signedDuring, createLocalJWKSet(cachedByLms))).resolves.toBeTruthy();
    // The new key is published at once, so copies fetched after the rotation hold it before it signs.
    expect((await keySet.toolJwks(t0)).keys.map((k) => k.kid).sort()).toEqual([before.current.kid, kid].sort());

    // From its activation the new key signs; a message signed by the old key just before still verifies.
    const after = await keySet.toolKeySet(activatesAt);
    expect(after.current.kid).toBe(kid);
    const jwks = await keySet.toolJwks(activatesAt);
    await expect(compactVerify(signedDuring, createLocalJWKSet(jwks))).resolves.toBeTruthy();
    // A week after its retirement the old key is gone.
    const later = await (await keys()).toolJwks(new Date(activatesAt.getTime() + 7 * 24 * 3600 * 1000 + 1));
    expect(later.keys.map((k) => k.kid)).toEqual([kid]);
    expect(JSON.parse(readFileSync(process.env.LTI_KEYS_FILE!, "utf8")).keys).toHaveLength(2);
  });

  it("rotates at once when asked (a leaked key), and keeps signing after the clock is set back", async () => {
    const keySet = await keys();
    const t0 = new Date();
    const before = await keySet.toolKeySet(t0);
    const { kid } = await keySet.rotateToolKey({ now: t0, immediately: true });
    expect((await keySet.toolKeySet(t0)).current.kid).toBe(kid);
    expect((await keySet.toolJwks(t0)).keys.map((k) => k.kid)).toContain(before.current.kid);
    // A pending rotation before the immediate one never signs.
    const pending = await keySet.rotateToolKey({ now: t0 });
    const leaked = await keySet.rotateToolKey({ now: t0, immediately: true });
    expect((await keySet.toolKeySet(new Date(pending.activatesAt.getTime() + 1))).current.kid).toBe(leaked.kid);
    expect((await keySet.toolKeySet(new Date(0))).current.kid).toBeTruthy();
  });

  it("takes the key from LTI_PRIVATE_KEY and publishes LTI_PREVIOUS_PUBLIC_KEY beside it", async () => {
    const current = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const previous = generateKeyPairSync("rsa", { modulusLength: 2048 });
    process.env.LTI_PRIVATE_KEY = current.privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n");
    process.env.LTI_PREVIOUS_PUBLIC_KEY = previous.publicKey.export({ type: "spki", format: "pem" }).toString();
    const keySet = await keys();
    const set = await keySet.toolKeySet();
    expect(set.source).toBe("environment");
    expect((await keySet.toolJwks()).keys).toHaveLength(2);
    await expect(keySet.rotateToolKey()).rejects.toThrow(/LTI_PRIVATE_KEY/);
  });
});
