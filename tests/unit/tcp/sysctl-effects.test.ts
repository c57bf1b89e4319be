/**
 * No dead knobs: every sysctl `tcp simulate` and the labs accept changes some outcome (one test
 * each, against its default), and the ones the simulation does not model are refused with a
 * sentence saying why and where they matter. Tests fail when a sysctl is added without a case.
 */
import { describe, expect, it } from "vitest";
import {
  LINUX_DEFAULTS,
  LINUX_SYSCTLS_NOT_SIMULATED,
  linuxSysctlSchema,
  parseScenario,
  parseSynBacklogLab,
  parseTimeWaitLab,
  RFC9293_DEFAULTS,
  rfc9293ParamsSchema,
  runScenario,
  runSynBacklogLab,
  runTimeWaitLab,
  synBacklogLabSchema,
  timeWaitLabSchema,
  type Action,
  type HostId,
  type ScenarioInput,
  type ScenarioResult,
  type SynBacklogLabParams,
  type TimeWaitLabParams,
} from "@/domain/tcp";
import { call, OPEN, range, scenario, send, sentBy, transitionTime } from "./helpers";

const keepaliveOn = (host: HostId): Action => ({ at: 0, host, do: "setsockopt", option: "SO_KEEPALIVE", value: 1 });
const linkDown = (at: number): Action => ({ at, do: "link", up: false });
const silentServer: Partial<ScenarioInput> = { drop: [{ from: "client", nth: range(1, 300) }] };
const closedAt = (result: ScenarioResult, host: HostId) => transitionTime(result, host, "CLOSED");
const synTimes = (result: ScenarioResult) => sentBy(result, "client").filter((s) => s.flags.includes("SYN")).map((s) => s.t);

/** A scenario, a value other than the default, and what must differ. */
interface Effect {
  value: number;
  input: ScenarioInput;
  /** What the sysctl decides in this scenario (must differ between the default and `value`). */
  outcome: (result: ScenarioResult) => unknown;
}

const reconnectFromTimeWait = (at: number, extra: Partial<ScenarioInput> = {}) =>
  scenario([...OPEN, call(100, "client", "close"), call(120, "server", "close"), call(500, "server", "listen"), call(at, "client", "connect")], {
    loopback: true,
    ...extra,
  });
const slowReader = scenario(
  [{ at: 0, host: "server", do: "setsockopt", option: "SO_RCVBUF", value: 4096 }, ...OPEN, send(100, "client", 6000)],
  { autoRead: { server: false }, until: 3000 },
);

const tailLoss = scenario([...OPEN, send(100, "client", 3000)], { drop: [{ from: "client", nth: 5 }] });
const firstRetransmission = (r: ScenarioResult) => sentBy(r, "client").find((s) => s.retransmission)?.t;

const LINUX_EFFECTS: Record<string, Effect> = {
  tcp_syn_retries: { value: 2, input: scenario([call(0, "client", "connect")], silentServer), outcome: synTimes },
  tcp_syn_linear_timeouts: { value: 0, input: scenario([call(0, "client", "connect")], silentServer), outcome: synTimes },
  tcp_synack_retries: {
    value: 1,
    input: scenario(OPEN, { drop: [{ from: "client", nth: range(2, 40) }] }),
    outcome: (r) => sentBy(r, "server").filter((s) => s.flags.includes("SYN")).length,
  },
  tcp_fin_timeout: { value: 5, input: scenario([...OPEN, call(100, "client", "close")]), outcome: (r) => closedAt(r, "client") },
  tcp_retries2: { value: 3, input: scenario([...OPEN, linkDown(50), send(100, "client", 100)]), outcome: (r) => closedAt(r, "client") },
  tcp_orphan_retries: { value: 2, input: scenario([...OPEN, linkDown(50), call(100, "client", "close")]), outcome: (r) => closedAt(r, "client") },
  tcp_tw_reuse: { value: 0, input: reconnectFromTimeWait(1500), outcome: (r) => r.errors },
  tcp_tw_reuse_delay: { value: 5000, input: reconnectFromTimeWait(1500), outcome: (r) => r.errors },
  tcp_max_tw_buckets: { value: 0, input: scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")]), outcome: (r) => r.transitions },
  tcp_keepalive_time: { value: 60, input: scenario([keepaliveOn("client"), ...OPEN], { until: 8_000_000 }), outcome: (r) => r.segments.find((s) => s.purpose)?.t },
  tcp_keepalive_intvl: {
    value: 5,
    input: scenario([keepaliveOn("client"), ...OPEN, linkDown(1000)], { sysctl: { tcp_keepalive_time: 10 } }),
    outcome: (r) => closedAt(r, "client"),
  },
  tcp_keepalive_probes: {
    value: 2,
    input: scenario([keepaliveOn("client"), ...OPEN, linkDown(1000)], { sysctl: { tcp_keepalive_time: 10 } }),
    outcome: (r) => closedAt(r, "client"),
  },
  tcp_timestamps: { value: 0, input: reconnectFromTimeWait(1500), outcome: (r) => r.errors },
  // Three segments out, the last lost: the tail loss probe (2·SRTT + 2 jiffies) comes before the RTO.
  tcp_sack: { value: 0, input: tailLoss, outcome: firstRetransmission },
  tcp_early_retrans: { value: 0, input: tailLoss, outcome: firstRetransmission },
  // The final ACK is lost and the server's FIN retransmission comes too late: the client's re-ACK
  // meets a closed port, and the RST ends TIME-WAIT unless tcp_rfc1337 ignores it.
  tcp_rfc1337: {
    value: 1,
    input: scenario([...OPEN, call(100, "client", "close"), call(110, "server", "close")], {
      drop: [{ from: "client", nth: 4 }],
      reorder: { delays: [{ from: "server", nth: 3, extraMs: 2000 }] },
    }),
    outcome: (r) => closedAt(r, "client"),
  },
  tcp_invalid_ratelimit: { value: 100, input: slowReader, outcome: (r) => sentBy(r, "server").length },
  tcp_rto_min_us: { value: 1_000_000, input: scenario([...OPEN, send(100, "client", 100)], { drop: [{ from: "client", nth: [3, 4] }] }), outcome: (r) => sentBy(r, "client")[4]?.t },
  tcp_rto_max_ms: { value: 4000, input: scenario([call(0, "client", "connect")], silentServer), outcome: synTimes },
  rmem_max: {
    value: 1_000_000,
    input: scenario([{ at: 0, host: "server", do: "setsockopt", option: "SO_RCVBUF", value: 500_000 }, ...OPEN, send(100, "client", 100)]),
    outcome: (r) => sentBy(r, "server").at(-1)?.win,
  },
};

const RFC_EFFECTS: Record<string, Effect> = {
  msl_ms: { value: 30_000, input: scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")]), outcome: (r) => closedAt(r, "client") },
  rto_initial_ms: { value: 2000, input: scenario([call(0, "client", "connect")], silentServer), outcome: synTimes },
  rto_min_ms: { value: 300, input: scenario([...OPEN, send(100, "client", 100)], { drop: [{ from: "client", nth: 3 }] }), outcome: (r) => sentBy(r, "client")[3]?.t },
  rto_max_ms: { value: 5000, input: scenario([call(0, "client", "connect")], silentServer), outcome: synTimes },
  // The SYN was retransmitted, so the handshake gave no RTT sample: the data's RTO is the fallback.
  rto_fallback_ms: {
    value: 6000,
    input: scenario([...OPEN, send(1500, "client", 100)], { drop: [{ from: "client", nth: [1, 4] }] }),
    outcome: (r) => sentBy(r, "client").find((s) => s.len > 0 && s.retransmission)?.t,
  },
  syn_retries: { value: 2, input: scenario([call(0, "client", "connect")], silentServer), outcome: synTimes },
  synack_retries: {
    value: 1,
    input: scenario(OPEN, { drop: [{ from: "client", nth: range(2, 40) }] }),
    outcome: (r) => sentBy(r, "server").filter((s) => s.flags.includes("SYN")).length,
  },
  r2_data_ms: { value: 10_000, input: scenario([...OPEN, linkDown(50), send(100, "client", 100)]), outcome: (r) => closedAt(r, "client") },
  isn_ticks_per_ms: {
    value: 1,
    input: scenario([...OPEN, call(100, "server", "close"), call(120, "client", "close"), call(2000, "client", "connect")]),
    outcome: (r) => sentBy(r, "client").filter((s) => s.flags.includes("SYN")).at(-1)?.seq,
  },
  // Window probes every 100, 200, 400 ms: the answers come closer together than 500 ms.
  challenge_ack_interval_ms: { value: 100, input: { ...slowReader, sysctl: { rto_min_ms: 100 } }, outcome: (r) => sentBy(r, "server").length },
  keepalive_idle_ms: { value: 60_000, input: scenario([keepaliveOn("client"), ...OPEN], { until: 8_000_000 }), outcome: (r) => r.segments.find((s) => s.purpose)?.t },
  keepalive_interval_ms: {
    value: 5000,
    input: scenario([keepaliveOn("client"), ...OPEN, linkDown(1000)], { sysctl: { keepalive_idle_ms: 10_000 } }),
    outcome: (r) => closedAt(r, "client"),
  },
  keepalive_probes: {
    value: 2,
    input: scenario([keepaliveOn("client"), ...OPEN, linkDown(1000)], { sysctl: { keepalive_idle_ms: 10_000 } }),
    outcome: (r) => closedAt(r, "client"),
  },
};

function withSysctl(input: ScenarioInput, key: string, value: number): ScenarioInput {
  return { ...input, sysctl: { ...(input.sysctl ?? {}), [key]: value } };
}

describe("every Linux sysctl tcp simulate accepts changes an outcome", () => {
  const accepted = Object.keys(linuxSysctlSchema.shape);

  it("has a case for each accepted sysctl, and accepts exactly LINUX_DEFAULTS minus the refused ones", () => {
    expect(accepted.sort()).toEqual(Object.keys(LINUX_EFFECTS).sort());
    expect([...accepted, ...Object.keys(LINUX_SYSCTLS_NOT_SIMULATED)].sort()).toEqual(Object.keys(LINUX_DEFAULTS).sort());
  });

  it.each(Object.entries(LINUX_EFFECTS))("%s", (key, effect) => {
    expect(parseScenario(withSysctl(effect.input, key, effect.value)).ok).toBe(true);
    const before = effect.outcome(runScenario(effect.input));
    const after = effect.outcome(runScenario(withSysctl(effect.input, key, effect.value)));
    expect(before).toBeDefined();
    expect(after).not.toEqual(before);
  });
});

describe("every RFC 9293 profile parameter changes an outcome", () => {
  it("has a case for each", () => {
    expect(Object.keys(rfc9293ParamsSchema.shape).sort()).toEqual(Object.keys(RFC_EFFECTS).sort());
    expect(Object.keys(RFC9293_DEFAULTS).sort()).toEqual(Object.keys(RFC_EFFECTS).sort());
  });

  it.each(Object.entries(RFC_EFFECTS))("%s", (key, effect) => {
    const input: ScenarioInput = { ...effect.input, profile: "rfc9293" };
    expect(parseScenario(withSysctl(input, key, effect.value)).ok).toBe(true);
    const before = effect.outcome(runScenario(input));
    const after = effect.outcome(runScenario(withSysctl(input, key, effect.value)));
    expect(before).toBeDefined();
    expect(after).not.toEqual(before);
  });
});

describe("sysctls the simulation does not model are refused, saying why", () => {
  it.each(Object.keys(LINUX_SYSCTLS_NOT_SIMULATED))("%s", (key) => {
    const value = key === "ip_local_port_range" ? [1024, 2048] : 1;
    const parsed = parseScenario({ actions: [], sysctl: { [key]: value } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual([`sysctl.${key}: ${LINUX_SYSCTLS_NOT_SIMULATED[key as keyof typeof LINUX_SYSCTLS_NOT_SIMULATED]}`]);
  });

  it("unknown names are refused too, and Linux names under the RFC profile", () => {
    const unknown = parseScenario({ actions: [], sysctl: { tcp_window_scaling: 1 } });
    expect(unknown.ok ? [] : unknown.issues.join()).toContain('Unrecognized key: "tcp_window_scaling"');
    const rfc = parseScenario({ profile: "rfc9293", actions: [], sysctl: { tcp_keepalive_time: 60 } });
    expect(rfc.ok ? [] : rfc.issues.join()).toContain("sysctl.tcp_keepalive_time: a Linux sysctl; the rfc9293 profile takes");
  });
});

describe("every sysctl a lab accepts changes its outcome", () => {
  const timeWait: TimeWaitLabParams = { requestsPerSecond: 600, durationSeconds: 120, closer: "client", loopback: true };
  const TIME_WAIT: Record<string, Partial<TimeWaitLabParams>> = {
    tcp_tw_reuse: { tcp_tw_reuse: 0 },
    tcp_tw_reuse_delay: { tcp_tw_reuse_delay: 200_000 },
    tcp_max_tw_buckets: { tcp_max_tw_buckets: 1000 },
    portRange: { portRange: [40_000, 40_999] },
    timestamps: { timestamps: false },
  };
  /** A lab's kernel settings: its sysctl-named fields, plus the ones it names for readability. */
  const kernelSettingsOf = (shape: Record<string, unknown>, renamed: string[]) =>
    Object.keys(shape).filter((key) => key in LINUX_DEFAULTS || renamed.includes(key)).sort();

  it("has a case for each kernel setting a lab accepts", () => {
    // portRange is ip_local_port_range, timestamps tcp_timestamps.
    expect(kernelSettingsOf(timeWaitLabSchema.shape, ["portRange", "timestamps"])).toEqual(Object.keys(TIME_WAIT).sort());
    expect(kernelSettingsOf(synBacklogLabSchema.shape, [])).toEqual(Object.keys(SYN).sort());
  });

  it.each(Object.entries(TIME_WAIT))("TIME-WAIT lab: %s", (_key, change) => {
    expect(parseTimeWaitLab({ ...timeWait, ...change }).ok).toBe(true);
    const before = runTimeWaitLab({ ...timeWait, tcp_tw_reuse: 2 }).summary;
    const after = runTimeWaitLab({ ...timeWait, tcp_tw_reuse: 2, ...change }).summary;
    expect(after).not.toEqual(before);
  });

  const flood: SynBacklogLabParams = { durationSeconds: 30, attackSynPerSecond: 2000, legitConnectsPerSecond: 50, tcp_syncookies: 0, backlog: 128 };
  const SYN: Record<string, Partial<SynBacklogLabParams>> = {
    somaxconn: { somaxconn: 16 },
    tcp_max_syn_backlog: { tcp_max_syn_backlog: 64 },
    tcp_syncookies: { tcp_syncookies: 1 },
    tcp_synack_retries: { tcp_synack_retries: 1 },
    tcp_syn_retries: { tcp_syn_retries: 1 },
    tcp_syn_linear_timeouts: { tcp_syn_linear_timeouts: 0 },
  };
  it.each(Object.entries(SYN))("SYN backlog lab: %s", (_key, change) => {
    expect(parseSynBacklogLab({ ...flood, ...change }).ok).toBe(true);
    expect(runSynBacklogLab({ ...flood, ...change }).summary).not.toEqual(runSynBacklogLab(flood).summary);
  });
});
