import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GLOSSARY, findGlossaryEntry } from "@/content/glossary";
import { Term } from "@/components/mdx/term";
import { TCP_STATES, LINUX_STATE_NAMES } from "@/domain/tcp/types";
import { checkLessonNumbers } from "@/domain/content/facts-check";
import { LOCALES } from "@/domain/content/frontmatter";
import { CONTENT_DIR, listLessons } from "@/lib/content/lessons.server";
import { glossaryPlainText } from "@/lib/i18n/glossary-text";

const FLAGS = ["SYN", "ACK", "FIN", "RST", "PSH", "URG", "ECE", "CWR"];

/** Every sysctl the article or the course mentions. */
const SYSCTLS = [
  "tcp_syncookies",
  "tcp_tw_reuse",
  "tcp_tw_recycle",
  "tcp_fin_timeout",
  "tcp_keepalive_time",
  "ip_local_port_range",
  "tcp_max_syn_backlog",
  "tcp_max_tw_buckets",
  "somaxconn",
  "tcp_syn_retries",
  "tcp_synack_retries",
  "tcp_syn_linear_timeouts",
];

const CONCEPTS = ["msl", "2msl", "isn", "rto", "four-tuple", "half-close", "active-close", "passive-close", "so_linger", "so_reuseaddr"];

describe("the glossary", () => {
  it.each(TCP_STATES.map((state) => [state]))("explains the state %s, with Linux's spelling as an alias", (state) => {
    const entry = findGlossaryEntry(state.toLowerCase());
    expect(entry?.kind).toBe("state");
    expect(entry?.term.en).toBe(state);
    const linux = LINUX_STATE_NAMES[state];
    if (linux !== state) expect(entry?.aliases).toContain(linux);
  });

  it.each(FLAGS.map((flag) => [flag]))("explains the flag %s", (flag) => {
    const entry = findGlossaryEntry(flag.toLowerCase());
    expect(entry?.kind).toBe("flag");
    expect(entry?.term.en).toBe(flag);
  });

  it.each(SYSCTLS.map((name) => [name]))("explains the sysctl %s", (name) => {
    expect(findGlossaryEntry(name)?.kind).toBe("sysctl");
  });

  it.each(CONCEPTS.map((id) => [id]))("explains %s", (id) => {
    expect(findGlossaryEntry(id)).toBeDefined();
  });

  it("explains every sysctl any lesson mentions, in either language", () => {
    const known = new Set(GLOSSARY.flatMap((entry) => [entry.id, ...entry.aliases]));
    const mentioned = new Set<string>();
    for (const locale of LOCALES) {
      for (const lesson of listLessons(locale)) {
        const file = path.join(CONTENT_DIR, lesson.slug, locale === "en" ? "index.mdx" : `index.${locale}.mdx`);
        // Kernel functions (tcp_conn_request()) and source files (tcp_input.c) are not sysctls.
        const sysctls = /\b(?:tcp|ip)_[a-z0-9_]+\b(?!\(|\.[ch]\b)|\bsomaxconn\b/g;
        for (const [name] of readFileSync(file, "utf8").matchAll(sysctls)) mentioned.add(name);
      }
    }
    expect([...mentioned].filter((name) => !known.has(name))).toEqual([]);
  });

  it("says tcp_tw_recycle is gone", () => {
    const entry = findGlossaryEntry("tcp_tw_recycle");
    expect(entry?.removedIn).toBe("Linux 4.12");
    expect(entry?.short.zh).toContain("4.12");
  });

  it("shows the engine's defaults for every sysctl that still exists", () => {
    for (const name of SYSCTLS.filter((n) => n !== "tcp_tw_recycle")) {
      expect(findGlossaryEntry(name)?.facts.map((f) => f.fact), name).toContain(`linux.${name}`);
    }
  });

  it.each(LOCALES)("is complete in %s, with Chinese text in the Chinese entries", (locale) => {
    for (const entry of GLOSSARY) {
      for (const text of [entry.term[locale], entry.short[locale], entry.body[locale]]) expect(text.trim().length).toBeGreaterThan(0);
      if (locale === "zh") expect(entry.short.zh + entry.body.zh, entry.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("types no default, timeout or range by hand", () => {
    for (const entry of GLOSSARY) {
      for (const locale of LOCALES) {
        for (const text of [entry.short[locale], entry.body[locale]]) {
          // {fact:…} placeholders render engine values; anything else is checked like lesson prose.
          const prose = text.replace(/\{fact:[\w.]+\}/g, "⟨fact⟩").replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_m, id: string, label?: string) => label ?? id);
          expect(checkLessonNumbers(prose).map((p) => `${entry.id} (${locale}): ${p.message}`)).toEqual([]);
        }
      }
    }
  });

  it("renders engine numbers into the text", () => {
    expect(glossaryPlainText(findGlossaryEntry("msl")!.body.en, "en")).toContain("2 minutes");
    expect(glossaryPlainText(findGlossaryEntry("time-wait")!.body.zh, "zh")).toContain("60 秒");
  });
});

describe("<Term>", () => {
  it("links to the glossary entry in the lesson's language and describes it accessibly", () => {
    const en = renderToStaticMarkup(createElement(Term, { id: "time-wait" }, "TIME-WAIT"));
    expect(en).toContain('href="/glossary#time-wait"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(en)?.[1];
    expect(en).toContain(`id="${describedBy}" role="tooltip"`);
    expect(en).toContain("active closer");
    const zh = renderToStaticMarkup(createElement(Term, { id: "half-close", locale: "zh" }));
    expect(zh).toContain('href="/zh/glossary#half-close"');
    expect(zh).toContain("半关闭");
  });

  it("fails on an unknown id", () => {
    expect(() => renderToStaticMarkup(createElement(Term, { id: "time_wait_typo" }, "x"))).toThrow(/Unknown glossary term "time_wait_typo"/);
  });
});
