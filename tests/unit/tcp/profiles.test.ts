/**
 * Profile constants, checked against the numbers in the kernel sources and documentation and in
 * the RFCs (course text is tested against these constants, so they must be the real ones).
 */
import { describe, expect, it } from "vitest";
import {
  LINUX_CONSTANTS,
  LINUX_DEFAULTS,
  linuxModelTimeout,
  linuxParams,
  parseScenario,
  parseTimeWaitLab,
  RFC9293_DEFAULTS,
  rfc9293Params,
} from "@/domain/tcp";
import { KERNEL } from "./kernel-fixture";

describe("Linux profile", () => {
  it("include/net/tcp.h constants", () => {
    expect(LINUX_CONSTANTS).toMatchObject({
      TCP_TIMEOUT_INIT_MS: 1000,
      TCP_RTO_MIN_MS: 200,
      TCP_RTO_MAX_MS: 120_000,
      TCP_TIMEWAIT_LEN_MS: 60_000,
      TCP_DELACK_MIN_MS: 40,
      TCP_DELACK_MAX_MS: 200,
      TCP_TIMEOUT_FALLBACK_MS: 3000,
    });
  });

  it("sysctl defaults the brief and ip-sysctl.rst give", () => {
    expect(LINUX_DEFAULTS).toMatchObject({
      tcp_syn_retries: 6,
      tcp_syn_linear_timeouts: 4,
      tcp_synack_retries: 5,
      tcp_fin_timeout: 60,
      tcp_retries2: 15,
      tcp_tw_reuse: 2,
      somaxconn: 4096,
      tcp_syncookies: 1,
      tcp_keepalive_time: 7200,
      ip_local_port_range: [32768, 60999],
    });
  });

  it("the memory-scaled defaults equal what the recording kernel had", () => {
    expect(LINUX_DEFAULTS.tcp_max_tw_buckets).toBe(Number(KERNEL.sysctls.tcp_max_tw_buckets));
    expect(LINUX_DEFAULTS.tcp_max_syn_backlog).toBe(Number(KERNEL.sysctls.tcp_max_syn_backlog));
    expect(LINUX_DEFAULTS.somaxconn).toBe(Number(KERNEL.sysctls.somaxconn));
    expect(KERNEL.sysctls.ip_local_port_range?.split(/\s+/).map(Number)).toEqual([...LINUX_DEFAULTS.ip_local_port_range]);
  });

  it("tcp_model_timeout(): 924.6 s for tcp_retries2=15 (ip-sysctl.rst), 127 s for 6 SYN retries of old kernels", () => {
    expect(linuxModelTimeout(15, 200, 120_000)).toBe(924_600);
    expect(linuxModelTimeout(6, 1000, 120_000)).toBe(127_000);
    const params = linuxParams();
    expect(params.dataGiveUpMs).toBe(924_600);
    expect(params.orphanGiveUpMs(true)).toBe(102_200);
    // tcp_orphan_retries(): once the RTO has reached TCP_RTO_MAX, 0 retries means 0: one TCP_RTO_MIN.
    expect(params.orphanGiveUpMs(false)).toBe(200);
  });

  it("overrides flow into the engine's parameters", () => {
    expect(linuxParams({ tcp_fin_timeout: 30 }).finWait2TimeoutMs).toBe(30_000);
    expect(linuxParams({ tcp_rto_min_us: 50_000 }).minRtoMs).toBe(50);
    expect(linuxParams({ tcp_early_retrans: 0 }).tailLossProbe).toBe(false);
    expect(linuxParams({ tcp_fin_timeout: 30 }).timeWaitMs).toBe(60_000);
  });
});

describe("RFC 9293 profile", () => {
  it("MSL 2 minutes, TIME-WAIT 2 MSL, RFC 6298 timers", () => {
    expect(RFC9293_DEFAULTS.msl_ms).toBe(120_000);
    expect(rfc9293Params().timeWaitMs).toBe(240_000);
    expect(RFC9293_DEFAULTS.rto_initial_ms).toBe(1000);
    expect(RFC9293_DEFAULTS.rto_min_ms).toBe(1000);
    expect(RFC9293_DEFAULTS.rto_max_ms).toBeGreaterThanOrEqual(60_000);
    expect(rfc9293Params().finWait2TimeoutMs).toBeNull();
  });
});

describe("input schemas", () => {
  it("accept the issue's example", () => {
    const result = parseScenario({
      profile: "linux",
      seed: 1,
      isn: { client: 1000, server: 5000 },
      latencyMs: 10,
      sysctl: { tcp_fin_timeout: 60 },
      actions: [{ at: 0, host: "server", do: "listen" }],
      drop: [{ from: "client", nth: 5 }],
      until: 120_000,
    });
    expect(result.ok).toBe(true);
  });

  it("name each bad field, including profile-specific sysctls", () => {
    const result = parseScenario({ profile: "rfc9293", actions: [{ at: -1, host: "client", do: "connect" }], sysctl: { tcp_fin_timeout: 10 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.join("\n")).toContain("actions.0.at");
    expect(result.issues.join("\n")).toContain("sysctl.tcp_fin_timeout: a Linux sysctl; the rfc9293 profile takes msl_ms");
  });

  it("reject unknown fields and unbounded labs", () => {
    expect(parseScenario({ actions: [], lossRate: 0.1 }).ok).toBe(false);
    expect(parseTimeWaitLab({ requestsPerSecond: 1, durationSeconds: 86_400, closer: "client", stepMs: 1 }).ok).toBe(false);
  });
});
