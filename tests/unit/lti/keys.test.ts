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

  it("rotates without breaking messages signed just before: the old key stays published for a week", async () => {
    const keySet = await keys();
    const before = await keySet.toolKeySet();
    const inFlight = await new SignJWT({ hello: "lms" }).setProtectedHeader({ alg: "RS256", kid: before.current.kid }).sign(before.current.privateKey);
    const { kid, retired } = await keySet.rotateToolKey();
    expect(retired).toEqual([before.current.kid]);
    const after = await keySet.toolKeySet();
    expect(after.current.kid).toBe(kid);
    const jwks = await keySet.toolJwks();
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([before.current.kid, kid].sort());
    // An LMS verifying the in-flight message with the published set still succeeds.
    await expect(compactVerify(inFlight, createLocalJWKSet(jwks))).resolves.toBeTruthy();
    // A week later the retired key is gone.
    const later = await (await keys()).toolJwks(new Date(Date.now() + 8 * 24 * 3600 * 1000));
    expect(later.keys.map((k) => k.kid)).toEqual([kid]);
    expect(JSON.parse(readFileSync(process.env.LTI_KEYS_FILE!, "utf8")).keys).toHaveLength(2);
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
