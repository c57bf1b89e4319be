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

  it("titles the same items in Chinese for the LMS picker, with the same ids and links", () => {
    const english = listCatalog();
    const chinese = listCatalog("zh");
    expect(chinese.map((i) => [i.type, i.id, i.href])).toEqual(english.map((i) => [i.type, i.id, i.href]));
    expect(chinese.find((i) => i.type === "QUIZ" && i.id === "tcp-header-and-flags")).toMatchObject({ title: "检验一下：首部和标志位", lesson: "TCP 首部与标志位" });
    expect(chinese.find((i) => i.type === "LESSON" && i.id === "tcp-header-and-flags")?.title).toBe("TCP 首部与标志位");
    expect(chinese.filter((i) => i.type === "CHALLENGE").every((i) => /[\u4e00-\u9fff]/.test(i.title))).toBe(true);
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
