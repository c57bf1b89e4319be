import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAPTURE_CATALOG, CAPTURE_CHALLENGE_LIST, captureChallengeHref, getCaptureChallengeInfo } from "@/domain/capture-challenges/catalog";
import { TEST_CAPTURE_VALUES } from "@/domain/capture-challenges/test-values";

/** Everything the catalog gives each challenge, in both languages, with the test values filled in. */
function catalogOutput() {
  return {
    catalog: CAPTURE_CATALOG.map((entry) => ({
      id: entry.id,
      lesson: entry.lesson,
      uses: entry.uses,
      title: entry.title,
      summary: entry.summary,
      goal: entry.goal(TEST_CAPTURE_VALUES),
      background: entry.background,
      hrefs: [captureChallengeHref(entry.id), captureChallengeHref(entry.id, "zh")],
      byId: getCaptureChallengeInfo(entry.id) === entry,
    })),
    list: CAPTURE_CHALLENGE_LIST,
  };
}

const RECORDED = path.join(import.meta.dirname, "catalog-output.json");

describe("capture challenge catalog", () => {
  it("gives every challenge the titles, summaries, goals and backgrounds recorded before its words became one table", () => {
    expect(catalogOutput()).toEqual(JSON.parse(readFileSync(RECORDED, "utf8")));
  });

  it("names each challenge once, in both languages, with every text filled", () => {
    const ids = CAPTURE_CATALOG.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of CAPTURE_CATALOG) {
      for (const text of [entry.title, entry.summary, entry.goal(TEST_CAPTURE_VALUES), entry.background]) {
        expect(Object.keys(text).sort()).toEqual(["en", "zh"]);
        expect(text.en.trim()).not.toBe("");
        expect(text.zh.trim()).not.toBe("");
        expect(text.zh).not.toBe(text.en);
      }
    }
    expect(getCaptureChallengeInfo("capture-nothing")).toBeNull();
  });
});
