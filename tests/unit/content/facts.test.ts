import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Fact } from "@/components/mdx/fact";
import { LINUX_CONSTANTS, LINUX_DEFAULTS, RFC9293_DEFAULTS } from "@/domain/tcp/profiles";
import { FACT_NAMES, FACTS, formatDuration, formatFact, getFact } from "@/lib/content/facts";

describe("facts from the engine", () => {
  it("formats the examples lesson writers rely on, in both languages", () => {
    expect(formatFact("linux.tcp_fin_timeout", "en")).toBe("60 s");
    expect(formatFact("linux.tcp_fin_timeout", "zh")).toBe("60 秒");
    expect(formatFact("linux.timeWait", "en")).toBe("60 s");
    expect(formatFact("linux.ip_local_port_range", "en")).toBe("32768–60999");
    expect(formatFact("linux.ip_local_port_range", "zh", { raw: true })).toBe("32768 60999");
    expect(formatFact("rfc9293.msl", "en")).toBe("2 minutes");
    expect(formatFact("rfc9293.msl", "zh")).toBe("2 分钟");
    expect(formatFact("rfc9293.timeWait", "en")).toBe("4 minutes");
    expect(formatFact("linux.tcp_keepalive_time", "en")).toBe("2 hours");
    expect(formatFact("linux.tcp_keepalive_time", "zh")).toBe("2 小时");
    expect(formatFact("linux.tcp_fin_timeout", "en", { raw: true })).toBe("60");
    expect(formatFact("linux.tcp_rto_min_us", "en")).toBe("200 ms");
    expect(formatFact("linux.tcp_max_tw_buckets", "en")).toBe("131,072");
    expect(formatFact("linux.tcp_tw_reuse", "zh")).toBe("2");
  });

  it("follows the engine's constants rather than copies of them", () => {
    expect(getFact("linux.tcp_fin_timeout")).toMatchObject({ kind: "duration", ms: LINUX_DEFAULTS.tcp_fin_timeout * 1000 });
    expect(getFact("linux.timeWait")).toMatchObject({ ms: LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS });
    expect(getFact("rfc9293.timeWait")).toMatchObject({ ms: 2 * RFC9293_DEFAULTS.msl_ms });
    const [from, to] = LINUX_DEFAULTS.ip_local_port_range;
    expect(getFact("linux.ephemeralPortCount")).toMatchObject({ value: to - from + 1 });
    for (const name of Object.keys(LINUX_DEFAULTS)) expect(FACT_NAMES).toContain(`linux.${name}`);
  });

  it("chooses natural units and respects a forced one", () => {
    expect(formatDuration(1000, "en")).toBe("1 s");
    expect(formatDuration(60_000, "en", "min")).toBe("1 minute");
    expect(formatDuration(3_600_000, "en")).toBe("1 hour");
    expect(formatDuration(120_000, "en", "s")).toBe("120 s");
    expect(formatDuration(40, "zh")).toBe("40 毫秒");
  });

  it("renders through the Fact component and refuses unknown names", () => {
    const html = renderToStaticMarkup(createElement(Fact, { name: "linux.tcp_fin_timeout", locale: "zh" }));
    expect(html).toContain("60 秒");
    expect(html).toContain('data-fact="linux.tcp_fin_timeout"');
    expect(() => renderToStaticMarkup(createElement(Fact, { name: "linux.tcp_fin_timeot" }))).toThrow(/Unknown fact "linux.tcp_fin_timeot"/);
  });

  it("names every fact after what a reader sees in the text", () => {
    for (const [name, fact] of Object.entries(FACTS)) expect(fact.names.length, name).toBeGreaterThan(0);
  });
});
