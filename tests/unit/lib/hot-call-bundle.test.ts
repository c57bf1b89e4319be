/**
 * The production server serves the hot calls from its own bundle only when the bundle was made
 * for the build being served (ADR 1550): a build made by `next build` alone, or a bundle without
 * its stamp, leaves them to Next.js.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module shared with scripts/serve.mjs
import * as bundle from "../../../scripts/hot-call-bundle.mjs";

const { currentHotCallBundle, HOT_CALL_DIR, HOT_CALL_ENTRY, HOT_CALL_STAMP } = bundle as {
  currentHotCallBundle: (distDir: string) => string | null;
  HOT_CALL_DIR: string;
  HOT_CALL_ENTRY: string;
  HOT_CALL_STAMP: string;
};

const dist = mkdtempSync(path.join(tmpdir(), "hot-call-bundle-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe("the hot call bundle", () => {
  it("is used only when it was made for the build in the dist dir", () => {
    const entry = path.join(dist, HOT_CALL_DIR, HOT_CALL_ENTRY);
    expect(currentHotCallBundle(dist)).toBeNull();
    writeFileSync(path.join(dist, "BUILD_ID"), "build-1");
    mkdirSync(path.join(dist, HOT_CALL_DIR));
    writeFileSync(entry, "export {};\n");
    // Written last by scripts/build-hot-calls.mjs: a bundle without it was never finished.
    expect(currentHotCallBundle(dist)).toBeNull();
    writeFileSync(path.join(dist, HOT_CALL_DIR, HOT_CALL_STAMP), "build-1");
    expect(currentHotCallBundle(dist)).toBe(entry);
    // `next build` alone since: a new BUILD_ID, the old bundle.
    writeFileSync(path.join(dist, "BUILD_ID"), "build-2");
    expect(currentHotCallBundle(dist)).toBeNull();
  });
});
