import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { quizFiles } from "@/content/quizzes";
import { checkLessonNumbers, checkTextNumbers, checkTitleNumbers, proseOf } from "@/domain/content/facts-check";
import { LOCALES } from "@/domain/content/frontmatter";
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

  it("reads {fact:…} placeholders in titles as facts", () => {
    expect(numbersIn('<Callout kind="correction" title="TIME_WAIT is {fact:linux.timeWait}, not 30 s">\nText.\n</Callout>')).toEqual(["30 s"]);
    expect(numbersIn('<Callout kind="correction" title="TIME_WAIT is a fixed {fact:linux.timeWait}">\nText.\n</Callout>')).toEqual([]);
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

describe("numbers in titles", () => {
  const numbers = (mdx: string) => checkTitleNumbers(mdx).map((p) => p.number);

  it("accepts facts, RFC and section numbers, kernel versions and names with digits", () => {
    expect(numbers('<Callout kind="correction" title="“2MSL” on Linux is a fixed {fact:linux.timeWait}">')).toEqual([]);
    expect(numbers('<Callout title="tcp_tw_recycle was removed in Linux 4.12">')).toEqual([]);
    expect(numbers('<RfcVsLinux title="FIN-WAIT-2 in RFC 9293 §3.10.7.4, Figure 13">')).toEqual([]);
    expect(numbers('<Callout title="The article\'s default of 1024 is gone">')).toEqual([]);
  });

  it("rejects a quantity typed by hand, naming the line", () => {
    const [problem] = checkTitleNumbers('a\n<Callout kind="correction" title="TIME-WAIT is a fixed 60 s">');
    expect(problem).toMatchObject({ line: 2, number: "60" });
    expect(problem?.message).toContain("{fact:name}");
    expect(numbers('<Callout title="Linux 上固定为 60 秒">')).toEqual(["60"]);
    expect(numbers('<Callout title="The default is 32768–60999">')).toEqual(["32768–60999"]);
  });
});

describe("numbers in every callout and box title, in every language", () => {
  it.each(lessonFiles.map((file) => [path.relative(process.cwd(), file), file]))("%s writes numbers in titles as facts", (name, file) => {
    expect(checkTitleNumbers(readFileSync(file, "utf8")).map((p) => `${name} ${p.message}`)).toEqual([]);
  });
});

/** Every string in a quiz file, with where it is, e.g. "questions.port-budget.options.n235.feedback". */
function stringsOf(value: unknown, at = ""): Array<[string, string]> {
  if (typeof value === "string") return [[at, value]];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      const id = item && typeof item === "object" && "id" in item && typeof item.id === "string" ? item.id : String(index);
      return stringsOf(item, `${at}.${id}`);
    });
  }
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => stringsOf(item, at ? `${at}.${key}` : key));
  return [];
}

describe("numbers in every quiz, in every language", () => {
  const texts = quizFiles.flatMap((file) => [
    [file.source, file.quiz] as const,
    ...(file.translations?.zh ? [[file.translations.zh.source, file.translations.zh.translation] as const] : []),
  ]);

  it("finds a wrong number in a quiz string", () => {
    expect(checkTextNumbers("TIME_WAIT lasts 120 seconds on Linux.").map((p) => p.number)).toEqual(["120 seconds"]);
    expect(checkTextNumbers("Linux 的 TIME-WAIT 是 60 秒。")).toEqual([]);
  });

  it.each(texts.map(([source, text]) => [source, text]))("%s agrees with the engine", (source, text) => {
    const problems = stringsOf(text).flatMap(([at, string]) => checkTextNumbers(string).map((p) => `${source} ${at}: ${p.message}`));
    expect(problems).toEqual([]);
  });
});
