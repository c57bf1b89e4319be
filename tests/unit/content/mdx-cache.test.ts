import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MdxCache } from "@/lib/content/mdx-cache.server";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "mdx-cache-"));

describe("MdxCache", () => {
  it("computes a key once, even for concurrent requests", async () => {
    const cache = new MdxCache<string>(tempDir());
    let compiles = 0;
    const compute = async () => {
      compiles++;
      return "compiled";
    };
    const results = await Promise.all([cache.get("k", compute), cache.get("k", compute), cache.get("k", compute)]);
    expect(results).toEqual(["compiled", "compiled", "compiled"]);
    expect(compiles).toBe(1);
  });

  it("shares results across processes through the directory", async () => {
    const dir = tempDir();
    await new MdxCache<{ code: string }>(dir).get("abc", async () => ({ code: "x" }));
    expect(readdirSync(dir)).toEqual(["abc.json"]);
    const fresh = new MdxCache<{ code: string }>(dir);
    const value = await fresh.get("abc", async () => {
      throw new Error("should not compile again");
    });
    expect(value).toEqual({ code: "x" });
    expect(fresh.stats).toEqual({ hits: 1, misses: 0 });
  });

  it("does not cache failures", async () => {
    const cache = new MdxCache<string>(tempDir());
    await expect(cache.get("k", async () => Promise.reject(new Error("bad lesson")))).rejects.toThrow("bad lesson");
    expect(await cache.get("k", async () => "fixed")).toBe("fixed");
  });

  it("derives different keys from different content", () => {
    expect(MdxCache.key(["1", "a.mdx", "# A"])).not.toBe(MdxCache.key(["1", "a.mdx", "# B"]));
    expect(MdxCache.key(["ab", "c"])).not.toBe(MdxCache.key(["a", "bc"]));
    expect(MdxCache.key(["1", "x"])).toBe(MdxCache.key(["1", "x"]));
  });
});
