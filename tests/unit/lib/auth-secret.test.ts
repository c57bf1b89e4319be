import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function loadSecret() {
  vi.resetModules();
  return (await import("@/lib/auth/secret.server")).authSecret();
}

describe("authSecret", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "auth-secret-"));
    delete process.env.AUTH_SECRET;
    delete process.env.NEXTAUTH_SECRET;
    process.env.AUTH_SECRET_FILE = path.join(dir, "nested", "auth-secret");
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("prefers AUTH_SECRET from the environment", async () => {
    process.env.AUTH_SECRET = "s".repeat(40);
    expect(await loadSecret()).toBe("s".repeat(40));
  });

  it("generates a strong secret on first run, stores it privately and reuses it", async () => {
    const first = await loadSecret();
    expect(first.length).toBeGreaterThanOrEqual(48);
    const file = process.env.AUTH_SECRET_FILE!;
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await loadSecret()).toBe(first);
  });

  it("refuses a short secret from the environment", async () => {
    process.env.AUTH_SECRET = "too-short";
    await expect(loadSecret()).rejects.toThrow(/AUTH_SECRET must be at least 32 characters/);
  });
});
