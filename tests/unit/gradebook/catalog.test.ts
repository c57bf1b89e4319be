import { describe, expect, it } from "vitest";
import { catalogGroups, findCatalogItem, listCatalog } from "@/lib/catalog.server";

describe("assignment catalog", () => {
  it("lists lessons, quizzes and simulator challenges from the course content", () => {
    const items = listCatalog();
    for (const type of ["LESSON", "QUIZ", "CHALLENGE"] as const) expect(items.some((item) => item.type === type)).toBe(true);
    expect(findCatalogItem("LESSON", "tcp-header-and-flags")).toMatchObject({ href: "/course/tcp-header-and-flags" });
    expect(findCatalogItem("QUIZ", "tcp-header-and-flags")).toMatchObject({ lesson: "The TCP header and its flags" });
    expect(findCatalogItem("LESSON", "nope")).toBeNull();
    expect(catalogGroups().map((g) => g.label)).toEqual(["Lessons", "Quizzes", "Challenges"]);
    expect(findCatalogItem("CHALLENGE", "both-closing")).toMatchObject({ href: "/playground?challenge=both-closing#challenges" });
    expect(findCatalogItem("CHALLENGE", "capture-half-close")).toMatchObject({
      title: "Capture: Show a half-close with data after the FIN",
      lesson: "States on the way down",
      href: "/capture-challenges/capture-half-close",
    });
  });

});
