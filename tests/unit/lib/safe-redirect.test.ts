import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

describe("safeRedirectPath", () => {
  it.each(["/dashboard", "/course/tcp-header-and-flags#summary", "/instructor?tab=roster"])("keeps the same-site path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "dashboard", "", null, undefined])(
    "replaces %s with the fallback",
    (value) => {
      expect(safeRedirectPath(value, "/home")).toBe("/home");
    },
  );
});
