/**
 * Each preset must show the behaviour it is named after, as the engine produces it. Expected
 * timings are derived from the engine's profile constants, never copied from a run.
 */
import { describe, expect, it } from "vitest";
import { PRESET_IDS, PRESETS, presetScenario, presetText, type PresetId } from "@/domain/simulator/presets";
import { DEFAULT_SETTINGS, buildScenario } from "@/domain/simulator/session";
import { LINUX_CONSTANTS, LINUX_DEFAULTS, RFC9293_DEFAULTS, parseScenario, runScenario, type HostId, type ProfileName, type ScenarioResult } from "@/domain/tcp";

function run(preset: PresetId, profile: ProfileName = "linux"): ScenarioResult {
  return runScenario(buildScenario({ ...DEFAULT_SETTINGS, preset, profile }, []));
}

const path = (result: ScenarioResult, host: HostId) => result.transitions.filter((t) => t.host === host).map((t) => t.to);
const flagsOf = (result: ScenarioResult, from?: HostId) =>
  result.segments.filter((s) => from === undefined || s.from === from).map((s) => s.flags.join(","));
const firstFin = (result: ScenarioResult) => result.segments.findIndex((s) => s.flags.includes("FIN"));
const teardown = (result: ScenarioResult) => result.segments.slice(firstFin(result));
const gaps = (values: number[]) => values.slice(1).map((value, index) => value - (values[index] ?? 0));

describe("presets", () => {
  it("every preset is a valid engine scenario with a title and a description", () => {
    for (const id of PRESET_IDS) {
      expect(PRESETS[id].id).toBe(id);
      expect(presetText(id).title.length).toBeGreaterThan(3);
      expect(presetText(id).description.length).toBeGreaterThan(20);
      expect(parseScenario(presetScenario(id))).toMatchObject({ ok: true });
      expect(parseScenario(buildScenario({ ...DEFAULT_SETTINGS, preset: id }, []))).toMatchObject({ ok: true });
    }
  });

  it("three-way handshake: SYN, SYN-ACK, ACK; both ends ESTABLISHED", () => {
    const result = run("three-way-handshake");
    expect(flagsOf(result)).toEqual(["SYN", "SYN,ACK", "ACK"]);
    expect(result.final).toEqual({ client: "ESTABLISHED", server: "ESTABLISHED" });
    expect(path(result, "client")).toEqual(["SYN-SENT", "ESTABLISHED"]);
    expect(path(result, "server")).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED"]);
  });

  it("four-way close: four teardown segments, FIN and ACK from the server travel separately", () => {
    const result = run("four-way-close");
    expect(teardown(result).map((s) => `${s.from}:${s.flags.join(",")}`)).toEqual([
      "client:FIN,ACK",
      "server:ACK",
      "server:FIN,ACK",
      "client:ACK",
    ]);
    expect(path(result, "client")).toEqual(["SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"]);
    expect(path(result, "server")).toContain("CLOSE-WAIT");
    expect(path(result, "server")).toContain("LAST-ACK");
  });

  it("piggybacked close: exactly three teardown segments, the server's FIN carries the ACK of the client's FIN", () => {
    const result = run("piggybacked-close");
    const segments = teardown(result);
    expect(segments.map((s) => `${s.from}:${s.flags.join(",")}`)).toEqual(["client:FIN,ACK", "server:FIN,ACK", "client:ACK"]);
    const [clientFin, serverFin] = segments;
    expect(serverFin?.ack).toBe((clientFin?.seq ?? 0) + 1);
    expect(path(result, "client")).not.toContain("FIN-WAIT-2");
    expect(path(result, "client").slice(-3)).toEqual(["FIN-WAIT-1", "TIME-WAIT", "CLOSED"]);
  });

  it("lost final ACK: the server retransmits its FIN from LAST-ACK and TIME-WAIT re-ACKs it", () => {
    const result = run("lost-final-ack");
    const serverFins = result.segments.filter((s) => s.from === "server" && s.flags.includes("FIN"));
    expect(serverFins.map((s) => s.retransmission)).toEqual([false, true]);
    const lost = result.segments.filter((s) => s.dropped);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ from: "client", flags: ["ACK"], ack: (serverFins[0]?.seq ?? 0) + 1 });
    const reAck = result.segments.find((s) => s.from === "client" && s.t === serverFins[1]?.arriveAt);
    expect(reAck?.flags).toEqual(["ACK"]);
    // TIME-WAIT restarts when the retransmitted FIN arrives: 60 s after that arrival.
    const clientClosed = result.transitions.find((t) => t.host === "client" && t.to === "CLOSED");
    expect((clientClosed?.t ?? 0) - (serverFins[1]?.arriveAt ?? 0)).toBe(LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS);
  });

  it("simultaneous open: both ends go SYN-SENT → SYN-RECEIVED → ESTABLISHED", () => {
    const result = run("simultaneous-open");
    for (const host of ["client", "server"] as const) {
      expect(path(result, host)).toEqual(["SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"]);
      expect(flagsOf(result, host).slice(0, 2)).toEqual(["SYN", "SYN,ACK"]);
    }
  });

  it("simultaneous close: both ends reach CLOSING, then TIME-WAIT", () => {
    const result = run("simultaneous-close");
    for (const host of ["client", "server"] as const) {
      expect(path(result, host).slice(-4)).toEqual(["FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"]);
    }
  });

  it("refused connection: the SYN is answered with RST+ACK and connect() gets ECONNREFUSED", () => {
    const result = run("refused-connection");
    expect(flagsOf(result)).toEqual(["SYN", "RST,ACK"]);
    expect(result.errors).toEqual([{ t: 2 * DEFAULT_SETTINGS.latencyMs, host: "client", code: "ECONNREFUSED" }]);
  });

  it("abort with RST: RST+ACK instead of a FIN, no TIME-WAIT, ECONNRESET for the peer", () => {
    const result = run("abort-with-rst");
    expect(result.segments.some((s) => s.flags.includes("FIN"))).toBe(false);
    expect(result.segments.at(-1)?.flags).toEqual(["RST", "ACK"]);
    expect(result.errors.map((e) => `${e.host}:${e.code}`)).toEqual(["server:ECONNRESET"]);
    expect(path(result, "client")).not.toContain("TIME-WAIT");
    expect(result.final).toEqual({ client: "CLOSED", server: "CLOSED" });
    expect(run("abort-with-rst", "rfc9293").segments.at(-1)?.flags).toEqual(["RST"]);
  });

  it("half-close: the server's data after the client's FIN is received and acknowledged", () => {
    const result = run("half-close");
    const clientFin = result.segments.find((s) => s.from === "client" && s.flags.includes("FIN"));
    const later = result.segments.filter((s) => s.from === "server" && s.len > 0 && s.t > (clientFin?.t ?? Infinity));
    expect(later.map((s) => s.len)).toEqual([300, 300]);
    const lastData = later.at(-1);
    expect(result.segments.some((s) => s.from === "client" && s.ack === (lastData?.seq ?? 0) + (lastData?.len ?? 0))).toBe(true);
    expect(path(result, "client")).toContain("FIN-WAIT-2");
    expect(result.final).toEqual({ client: "CLOSED", server: "CLOSED" });
  });

  it("CLOSE_WAIT leak: the server stays in CLOSE-WAIT; the client's orphaned FIN-WAIT-2 ends after tcp_fin_timeout", () => {
    const result = run("close-wait-leak");
    expect(result.final.server).toBe("CLOSE-WAIT");
    const serverPath = path(result, "server");
    expect(serverPath.at(-1)).toBe("CLOSE-WAIT");
    const finWait2 = result.transitions.find((t) => t.host === "client" && t.to === "FIN-WAIT-2");
    const closed = result.transitions.find((t) => t.host === "client" && t.to === "CLOSED");
    expect(closed?.cause).toBe("fin-wait-2 timeout");
    expect((closed?.t ?? 0) - (finWait2?.t ?? 0)).toBe(LINUX_DEFAULTS.tcp_fin_timeout * 1000);
    // "Forever": nothing after that, up to the simulator's one-hour horizon.
    expect(result.transitions.at(-1)).toEqual(closed);
  });

  it("CLOSE_WAIT leak in the RFC 9293 profile: FIN-WAIT-2 has no timeout, both ends wait", () => {
    expect(run("close-wait-leak", "rfc9293").final).toEqual({ client: "FIN-WAIT-2", server: "CLOSE-WAIT" });
  });

  it("SYN retries to a silent host: the Linux schedule from the engine's constants, then ETIMEDOUT", () => {
    const result = run("syn-retries");
    const syns = result.segments.filter((s) => s.from === "client");
    expect(syns.every((s) => s.flags.join(",") === "SYN" && s.dropped)).toBe(true);
    const retries = LINUX_DEFAULTS.tcp_syn_retries + LINUX_DEFAULTS.tcp_syn_linear_timeouts;
    expect(syns).toHaveLength(1 + retries);
    // The first tcp_syn_linear_timeouts + 1 timeouts stay at the initial RTO, then each one doubles.
    const linear = LINUX_DEFAULTS.tcp_syn_linear_timeouts + 1;
    const rto = (k: number) => LINUX_CONSTANTS.TCP_TIMEOUT_INIT_MS * (k <= linear ? 1 : 2 ** (k - linear));
    const expectedGaps = Array.from({ length: retries }, (_, index) => rto(index + 1));
    expect(gaps(syns.map((s) => s.t))).toEqual(expectedGaps);
    const giveUp = expectedGaps.reduce((sum, gap) => sum + gap, 0) + rto(retries + 1);
    expect(result.errors).toEqual([{ t: giveUp, host: "client", code: "ETIMEDOUT" }]);
    expect(giveUp).toBe(131_000);
  });

  it("SYN retries in the RFC 9293 profile: syn_retries with plain doubling, still ETIMEDOUT", () => {
    const result = run("syn-retries", "rfc9293");
    const syns = result.segments.filter((s) => s.from === "client");
    expect(syns).toHaveLength(1 + RFC9293_DEFAULTS.syn_retries);
    expect(result.errors[0]?.code).toBe("ETIMEDOUT");
  });

  it("the silent host and the blank preset schedule nothing", () => {
    expect(run("silent-host").segments).toEqual([]);
    expect(run("blank").events).toEqual([]);
  });

  // One-way latency 10 ms (the simulator's default): RTT 20 ms.
  it("idle connection behind a dead peer: keep-alive probes go unanswered after the link is cut, then RST and ETIMEDOUT", () => {
    const result = run("idle-dead-peer");
    const probes = result.segments.filter((s) => s.purpose === "keepalive probe");
    const lastHeard = 100 + 20; // the ACK of the client's 100 bytes
    const answered = lastHeard + 20_000 + 20;
    expect(probes.map((s) => s.t)).toEqual([lastHeard + 20_000, answered + 20_000, answered + 25_000, answered + 30_000]);
    expect(probes.map((s) => s.dropped)).toEqual([false, true, true, true]);
    const rst = result.segments.at(-1);
    expect(rst).toMatchObject({ from: "client", flags: ["RST", "ACK"], t: answered + 35_000, dropReason: "link" });
    expect(result.errors).toEqual([{ t: answered + 35_000, host: "client", code: "ETIMEDOUT" }]);
    expect(result.final).toEqual({ client: "CLOSED", server: "ESTABLISHED" });
  });

  it("slow reader: the window closes, probes back off, each read reopens it with a window update", () => {
    const result = run("slow-reader");
    const server = result.segments.filter((s) => s.from === "server");
    expect(server.some((s) => s.win === 0)).toBe(true);
    const probes = result.segments.filter((s) => s.purpose === "window probe");
    expect(probes.length).toBeGreaterThanOrEqual(3);
    expect(probes.every((s) => s.len === 0)).toBe(true);
    expect(server.filter((s) => s.purpose === "window update").map((s) => s.t)).toEqual([3000, 6000]);
    const delivered = result.segments.filter((s) => s.from === "client" && !s.retransmission && !s.dropped).reduce((sum, s) => sum + s.len, 0);
    expect(delivered).toBe(6000);
    expect(result.errors).toEqual([]);
    expect(result.final).toEqual({ client: "CLOSED", server: "CLOSED" });
  });

  it("close with unread data: the server's close() sends RST+ACK instead of FIN; the client gets ECONNRESET", () => {
    const result = run("close-unread-data");
    expect(result.segments.filter((s) => s.from === "server").map((s) => s.flags.join(","))).toEqual(["SYN,ACK", "ACK", "RST,ACK"]);
    expect(result.segments.at(-1)).toMatchObject({ t: 300 });
    expect(result.errors).toEqual([{ t: 310, host: "client", code: "ECONNRESET" }]);
    expect(result.final).toEqual({ client: "CLOSED", server: "CLOSED" });
  });

  it("the learner can switch reading back on: the slow reader then never closes its window", () => {
    const result = runScenario(buildScenario({ ...DEFAULT_SETTINGS, preset: "slow-reader", autoRead: { server: true } }, []));
    expect(result.segments.some((s) => s.from === "server" && s.win === 0)).toBe(false);
    expect(result.segments.some((s) => s.purpose === "window probe")).toBe(false);
  });
});
