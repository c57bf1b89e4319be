import { describe, expect, it } from "vitest";
import { assignmentHref, catalogGroups, findCatalogItem, listCatalog } from "@/lib/catalog.server";

describe("assignment catalog", () => {
  it("lists lessons, quizzes and simulator challenges from the course content", () => {
    const items = listCatalog();
    for (const type of ["LESSON", "QUIZ", "CHALLENGE"] as const) expect(items.some((item) => item.type === type)).toBe(true);
    expect(findCatalogItem("LESSON", "tcp-header-and-flags")).toMatchObject({ href: "/course/tcp-header-and-flags" });
    expect(findCatalogItem("QUIZ", "tcp-header-and-flags")).toMatchObject({ lesson: "The TCP header and its flags" });
    expect(findCatalogItem("LESSON", "nope")).toBeNull();
    expect(catalogGroups().map((g) => g.label)).toEqual(["Lessons", "Quizzes", "Challenges", "Diagnostics before and after a lesson", "Spaced review"]);
    expect(findCatalogItem("CHALLENGE", "both-closing")).toMatchObject({ href: "/playground?challenge=both-closing#challenges" });
    expect(findCatalogItem("CHALLENGE", "capture-half-close")).toMatchObject({
      title: "Capture: Show a half-close with data after the FIN",
      lesson: "States on the way down",
      href: "/capture-challenges/capture-half-close",
    });
  });

  it("offers review until mastered for any set of concepts, and each lesson's diagnostic", () => {
    expect(catalogGroups().find((g) => g.label === "Spaced review")?.items).toEqual([{ value: "REVIEW:concepts", label: "Review until mastered" }]);
    expect(findCatalogItem("REVIEW", "flags+time-wait")).toMatchObject({ title: "Review until mastered: Flags, TIME-WAIT" });
    // One spelling per set: the contract's order, no repeats, nothing unknown.
    for (const id of ["time-wait+flags", "flags+flags", "flags+nope", "", "flags+"]) expect(findCatalogItem("REVIEW", id), id).toBeNull();
    expect(findCatalogItem("DIAGNOSTIC", "time-wait")).toMatchObject({ href: "/diagnostic/time-wait" });
    expect(findCatalogItem("DIAGNOSTIC", "nope")).toBeNull();
    expect(assignmentHref("REVIEW", "time-wait", "a1")).toBe("/review?assignment=a1");
    expect(assignmentHref("LESSON", "time-wait", "a1")).toBe("/course/time-wait");
  });

});
