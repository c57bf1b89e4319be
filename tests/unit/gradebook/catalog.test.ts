import { describe, expect, it } from "vitest";
import { catalogGroups, findCatalogItem, listCatalog } from "@/lib/catalog.server";

describe("assignment catalog", () => {
  it("lists lessons, quizzes and simulator challenges from the course content", () => {
    const items = listCatalog();
    for (const type of ["LESSON", "QUIZ", "CHALLENGE"] as const) expect(items.some((item) => item.type === type)).toBe(true);
    expect(findCatalogItem("LESSON", "tcp-header-and-flags")).toMatchObject({ href: "/course/tcp-header-and-flags" });
    expect(findCatalogItem("QUIZ", "tcp-header-and-flags")).toMatchObject({ lesson: "The TCP header and its flags" });
    expect(findCatalogItem("LESSON", "nope")).toBeNull();
    expect(catalogGroups().map((g) => g.label)).toEqual(["Lessons", "Quizzes", "Simulator challenges"]);
  });

});
