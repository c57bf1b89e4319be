import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { getLesson } from "@/lib/content/lessons.server";
import { componentNames, lessonSections } from "@/lib/search/lesson-sections";
import { processTerm, QUERY_OPTIONS, SEARCH_OPTIONS, tokenize, type SearchDocument } from "@/domain/search/options";

describe("search terms", () => {
  it("cuts Chinese into bigrams and Latin text into words", () => {
    expect(tokenize("TCP 的半关闭状态")).toEqual(["TCP", "的半", "半关", "关闭", "闭状", "状态"]);
    expect(tokenize("四次挥手：FIN")).toEqual(["四次", "次挥", "挥手", "FIN"]);
    expect(tokenize("包")).toEqual(["包"]);
    expect(tokenize("net.ipv4.tcp_fin_timeout = 60")).toEqual(["net", "ipv4", "tcp_fin_timeout", "60"]);
  });

  it("finds TIME_WAIT, TIME-WAIT and tcp_fin_timeout by their parts", () => {
    expect(processTerm("TIME_WAIT")).toEqual(["time_wait", "time", "wait"]);
    expect(processTerm("SYN")).toEqual(["syn"]);
  });

  it("finds a document by a Chinese phrase and by an English name, after a round trip through JSON", () => {
    const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
    const doc = (id: string, heading: string, text: string): SearchDocument => ({ id, kind: "section", url: `/x#${id}`, group: "g", heading, text, excerpt: text });
    index.addAll([
      doc("a", "半关闭", "一个方向关闭后，另一个方向仍可发送数据。"),
      doc("b", "TIME-WAIT", "Linux keeps TIME_WAIT for a fixed time."),
      doc("c", "握手", "三次握手交换初始序列号。"),
    ]);
    const loaded = MiniSearch.loadJSON<SearchDocument>(JSON.stringify(index), SEARCH_OPTIONS);
    expect(loaded.search("半关闭", QUERY_OPTIONS).map((r) => r.id)).toEqual(["a"]);
    expect(loaded.search("三次握手", QUERY_OPTIONS)[0]?.id).toBe("c");
    expect(loaded.search("time-wait", QUERY_OPTIONS)[0]?.id).toBe("b");
    expect(loaded.search("time_wa", QUERY_OPTIONS)[0]?.id).toBe("b");
  });
});

describe("lesson sections for the index", () => {
  it("splits a compiled lesson at its headings, with the text a reader sees", async () => {
    const lesson = (await getLesson("tcp-header-and-flags", "en"))!;
    const components = ["Callout", "RfcVsLinux", "RfcSays", "LinuxDoes", "Original", "TcpHeaderDiagram", "Term", "Fact", "Quiz", "CaptureViewer", "LadderDiagram"];
    const sections = lessonSections(lesson.code, components, "en", lesson.frontmatter.title);
    expect(sections[0]).toMatchObject({ anchor: "", heading: "The TCP header and its flags" });
    expect(sections.slice(1).map((s) => s.anchor)).toEqual(lesson.toc.map((entry) => entry.id));
    const fin = sections.find((s) => s.heading.startsWith("FIN"));
    expect(fin?.text).toContain("half-closed");
    expect(fin?.text).not.toContain("<");
    // An RFC 9293 / Linux box reads as its title and both sides.
    const resets = sections.find((s) => s.anchor === "which-resets-count");
    expect(resets?.text).toContain("When a reset is accepted");
    expect(resets?.text).toContain("challenge ACK");
  });

  it("lists the components an MDX file uses", () => {
    expect(componentNames('<Callout kind="tip">\n<Term id="x">y</Term> <Fact name="a" />\n</Callout>').sort()).toEqual(["Callout", "Fact", "Term"]);
  });
});
