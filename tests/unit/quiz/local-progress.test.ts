import { beforeEach, describe, expect, it, vi } from "vitest";

/** A Map-backed localStorage for the browser helpers. */
function installStorage() {
  const data = new Map<string, string>();
  const storage = {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
    clear: () => data.clear(),
  };
  vi.stubGlobal("window", { localStorage: storage });
  return data;
}

const local = await import("@/components/progress/local-progress");

describe("receipts kept in the browser", () => {
  let data: Map<string, string>;
  beforeEach(() => {
    data = installStorage();
  });

  it("keeps answer receipts once each and reading receipts one per lesson and milestone", () => {
    local.addReceipt("a1");
    local.addReceipt("a1");
    local.addReceipt("a2");
    local.saveLessonReceipt("lesson-one", "started", "s1");
    local.saveLessonReceipt("lesson-one", "position", "p1");
    local.saveLessonReceipt("lesson-one", "position", "p2");
    expect(local.pendingReceipts().sort()).toEqual(["a1", "a2", "p2", "s1"]);
    expect(local.hasLessonReceipt("lesson-one", "started")).toBe(true);
    expect(local.hasLessonReceipt("lesson-one", "read")).toBe(false);
  });

  it("drops only what was merged", () => {
    local.addReceipt("a1");
    local.saveLessonReceipt("lesson-one", "read", "r1");
    const merged = local.pendingReceipts();
    local.addReceipt("a-later");
    local.dropReceipts(merged);
    expect(local.pendingReceipts()).toEqual(["a-later"]);
    expect(local.hasLessonReceipt("lesson-one", "read")).toBe(false);
  });

  it("survives corrupt or foreign data and remembers a quiz attempt", () => {
    data.set("syn-to-fin:receipts:v1", "{not json");
    data.set("syn-to-fin:lesson-receipts:v1", "[1,2]");
    expect(local.pendingReceipts()).toEqual([]);
    expect(local.loadQuizAttempt("q")).toBeNull();
    local.saveQuizAttempt("q", { clientKey: "abcdefgh12", mode: "anonymous", token: "t" });
    expect(local.loadQuizAttempt("q")).toMatchObject({ clientKey: "abcdefgh12", token: "t" });
    data.set("syn-to-fin:quiz:q:v1", JSON.stringify({ clientKey: "bad key!" }));
    expect(local.loadQuizAttempt("q")).toBeNull();
  });

  it("makes client keys the server accepts", () => {
    const keys = new Set(Array.from({ length: 50 }, () => local.newClientKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
