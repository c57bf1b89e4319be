import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkLessonNumbers, proseOf } from "@/lib/content/facts-check";
import { LOCALES } from "@/lib/content/frontmatter";
import { CONTENT_DIR, listLessons } from "@/lib/content/lessons.server";

const numbersIn = (mdx: string) => checkLessonNumbers(mdx).map((p) => p.number);

describe("the numbers check", () => {
  it("accepts numbers that agree with the engine, in both languages", () => {
    expect(numbersIn("Linux keeps `TIME_WAIT` for 60 s.")).toEqual([]);
    expect(numbersIn("`tcp_fin_timeout` defaults to 60 seconds.")).toEqual([]);
    expect(numbersIn("RFC 9293 sets MSL to 2 minutes, so 2MSL is 4 minutes.")).toEqual([]);
    expect(numbersIn("`ip_local_port_range` is 32768–60999 by default.")).toEqual([]);
    expect(numbersIn("`tcp_fin_timeout` 的默认值是 60 秒。")).toEqual([]);
    expect(numbersIn("Linux 上 `TIME_WAIT` 固定为 60 秒，RFC 9293 的 2MSL 则是 4 分钟。")).toEqual([]);
    expect(numbersIn("`tcp_keepalive_time` defaults to 2 hours.")).toEqual([]);
  });

  it("rejects hand-written numbers that disagree, naming the Fact to use", () => {
    const [problem] = checkLessonNumbers("---\ntitle: T\n---\n\nThe default `tcp_fin_timeout` is 30 s.\n");
    expect(problem?.number).toBe("30 s");
    expect(problem?.line).toBe(5);
    expect(problem?.message).toContain('<Fact name="linux.tcp_fin_timeout" />');
    expect(numbersIn("`TIME_WAIT` lasts 120 seconds on Linux.")).toEqual(["120 seconds"]);
    expect(numbersIn("默认的 `ip_local_port_range` 是 32768–61000。")).toEqual(["32768–61000"]);
    expect(numbersIn("`tcp_max_syn_backlog` defaults to 1024 on this machine.")).toEqual(["1024"]);
    expect(numbersIn("`tcp_max_tw_buckets` 默认为 180000。")).toEqual(["180000"]);
  });

  it("joins hard-wrapped lines into sentences and ignores numbers far from any name", () => {
    expect(numbersIn("Linux keeps a socket in\n`TIME_WAIT` for 30\nseconds.")).toEqual(["30\nseconds".replace("\n", " ")]);
    expect(numbersIn("A handshake takes 3 segments. The server waits 10 s.")).toEqual([]);
  });

  it("skips code, the article's wording, quotes and marked examples", () => {
    expect(numbersIn("```sh\nsysctl -w net.ipv4.tcp_fin_timeout=30\n```")).toEqual([]);
    expect(numbersIn("Run `sysctl -w net.ipv4.tcp_fin_timeout=30` to try it.")).toEqual([]);
    expect(numbersIn("<Original>\n<p>默认60 net.ipv4.tcp_fin_timeout = 30</p>\n</Original>")).toEqual([]);
    expect(numbersIn("> # default 60 net.ipv4.tcp_fin_timeout = 30")).toEqual([]);
    expect(numbersIn("The article sets `tcp_fin_timeout` to 30 s.")).toEqual([]);
    expect(numbersIn("原文把 `tcp_fin_timeout` 改成了 30 秒。")).toEqual([]);
    expect(numbersIn("Lowering `tcp_fin_timeout` to 30 s {/* fact-check: example */} only affects orphans.")).toEqual([]);
    expect(numbersIn('`tcp_fin_timeout` is <Fact name="linux.tcp_fin_timeout" /> by default.')).toEqual([]);
  });

  it("checks the titles of callouts but not the props of other components", () => {
    expect(numbersIn('<Callout kind="correction" title="tcp_fin_timeout is not 30 s">\nText.\n</Callout>')).toEqual(["30 s"]);
    expect(numbersIn("<LadderDiagram\n  segments={[{ t: 30, label: 'TIME_WAIT 30 s' }]}\n/>")).toEqual([]);
  });

  it("keeps line numbers when removing code and components", () => {
    const mdx = "a\n```\nb\nc\n```\n<X\n y={1}\n/>\nd";
    expect(proseOf(mdx).split("\n")).toHaveLength(mdx.split("\n").length);
  });
});

const lessonFiles = LOCALES.flatMap((locale) =>
  listLessons(locale).map((lesson) => path.join(CONTENT_DIR, lesson.slug, locale === "en" ? "index.mdx" : `index.${locale}.mdx`)),
);

describe("numbers in every lesson, in every language", () => {
  it.each(lessonFiles.map((file) => [path.relative(process.cwd(), file), file]))("%s agrees with the engine", (name, file) => {
    const problems = checkLessonNumbers(readFileSync(file, "utf8")).map((p) => `${name} ${p.message}`);
    expect(problems).toEqual([]);
  });
});
