import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Fact } from "@/components/mdx/fact";
import { LINUX_CONSTANTS, LINUX_DEFAULTS, RFC9293_DEFAULTS } from "@/domain/tcp/profiles";
import { runScenario } from "@/domain/tcp";
import { presetScenario } from "@/domain/simulator/presets";
import { FACT_NAMES, FACTS, formatDuration, formatFact, getFact, withFacts } from "@/domain/content/facts";
import { experiment } from "../tcp/kernel-fixture";

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

describe("facts derived from the engine's behaviour and from the kernel recording", () => {
  const silentHost = runScenario({
    profile: "linux",
    actions: [{ at: 0, host: "client", do: "connect" }],
    drop: [{ from: "client", nth: Array.from({ length: 20 }, (_, index) => index + 1) }],
  });
  const syns = silentHost.segments.filter((segment) => segment.from === "client");

  it("schedules SYN retransmissions exactly as the engine sends them", () => {
    expect(getFact("linux.synRetransmissions")).toMatchObject({ value: syns.length - 1 });
    expect(getFact("linux.lastSynRetransmission")).toMatchObject({ ms: syns.at(-1)!.t });
    expect(silentHost.errors).toEqual([{ t: (getFact("linux.connectTimeout") as { ms: number }).ms, host: "client", code: "ETIMEDOUT" }]);
    // ip-sysctl: "67seconds (with tcp_syn_linear_timeouts = 4) till the last retransmission", "after 131seconds".
    expect(formatFact("linux.lastSynRetransmission", "en")).toBe("67 s");
    expect(formatFact("linux.connectTimeout", "en")).toBe("131 s");
  });

  it("keeps the measured values equal to tests/fixtures/tcp/kernel-timings.json, as rounded in the text", () => {
    const synRetries = experiment("syn-retries");
    const firstSyn = synRetries.segments[0]!.t;
    const measuredMs = (name: string) => (getFact(name) as { ms: number }).ms;
    expect(Math.abs(synRetries.segments.at(-1)!.t - firstSyn - measuredMs("measured.lastSynRetransmission"))).toBeLessThan(5);
    const timedOut = synRetries.events.find((event) => event.event === "connect-error")!;
    expect(Math.abs(timedOut.t - firstSyn - measuredMs("measured.connectTimeout"))).toBeLessThan(50);

    const timeWait = experiment("time-wait");
    const lastAck = timeWait.segments.at(-1)!;
    const gone = timeWait.events.find((event) => event.event === "state" && event.was === "TIME-WAIT" && event.now === "GONE")!;
    expect(Math.abs(gone.t - lastAck.t - measuredMs("measured.timeWait"))).toBeLessThan(50);
    // The timer wheel can make TIME-WAIT late, never early, and by no more than its slack.
    expect(gone.t - lastAck.t).toBeGreaterThan(LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS);
    expect(gone.t - lastAck.t).toBeLessThanOrEqual(LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS + measuredMs("linux.timeWaitTimerSlack") + 20);

    const acceptQueue = experiment("accept-queue").events.find((event) => event.event === "accept-queue")!;
    expect(acceptQueue).toMatchObject({
      backlog: 4,
      clientSide: { "SYN-SENT": (getFact("measured.acceptQueueFullSynSent") as { value: number }).value },
      serverSide: { ESTABLISHED: (getFact("measured.acceptQueueFullEstablished") as { value: number }).value },
    });
  });

  it("counts six segments in a Linux simultaneous open, in the engine and in the capture", () => {
    const open = runScenario({ ...presetScenario("simultaneous-open"), profile: "linux" });
    expect(open.segments).toHaveLength((getFact("linux.simultaneousOpenSegments") as { value: number }).value);
    const captured = experiment("simultaneous-open").segments.filter((segment) => !segment.flags.includes("RST"));
    const lastSix = captured.slice(-6).map((segment) => segment.flags.join("+"));
    expect(lastSix.sort()).toEqual(["ACK", "ACK", "SYN", "SYN", "SYN+ACK", "SYN+ACK"]);
    expect(getFact("rfc9293.simultaneousOpenSegments")).toMatchObject({ value: 4 });
  });

  it("replaces {fact:…} placeholders in titles with the formatted fact", () => {
    expect(withFacts("TIME-WAIT lasts {fact:linux.timeWait}", "en")).toBe("TIME-WAIT lasts 60 s");
    expect(withFacts("固定为 {fact:linux.timeWait}", "zh")).toBe("固定为 60 秒");
    expect(() => withFacts("{fact:nope}", "en")).toThrow(/Unknown fact/);
  });
});
