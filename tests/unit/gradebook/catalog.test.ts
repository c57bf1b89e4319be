import { describe, expect, it } from "vitest";
import { catalogGroups, describeResponse, findCatalogItem, listCatalog, quizQuestions } from "@/lib/catalog.server";

describe("assignment catalog", () => {
  it("lists lessons, quizzes and simulator challenges from the course content", () => {
    const items = listCatalog();
    for (const type of ["LESSON", "QUIZ", "CHALLENGE"] as const) expect(items.some((item) => item.type === type)).toBe(true);
    expect(findCatalogItem("LESSON", "tcp-header-and-flags")).toMatchObject({ href: "/course/tcp-header-and-flags" });
    expect(findCatalogItem("QUIZ", "tcp-header-and-flags")).toMatchObject({ lesson: "The TCP header and its flags" });
    expect(findCatalogItem("LESSON", "nope")).toBeNull();
    expect(catalogGroups().map((g) => g.label)).toEqual(["Lessons", "Quizzes", "Simulator challenges"]);
  });

  it("describes stored quiz responses in the quiz's words", () => {
    expect(quizQuestions("tcp-header-and-flags")?.[0]?.id).toBe("syn-without-ack");
    expect(describeResponse("tcp-header-and-flags", "syn-without-ack", JSON.stringify({ type: "single", optionId: "connection-acceptance" }))).toBe(
      "The server accepting a connection",
    );
    expect(describeResponse("tcp-header-and-flags", "flags-syn-ack", JSON.stringify({ type: "flags", flags: ["SYN"] }))).toBe("SYN");
    expect(describeResponse("tcp-header-and-flags", "syn-without-ack", "not json")).toBe("not json");
  });
});
