/**
 * Numbers lessons state (defaults, timeouts, ranges), derived from the engine's profile
 * constants so the text and the simulator can never disagree. Lessons render them with
 * `<Fact name="linux.tcp_fin_timeout" />`; tests/unit/content/facts-in-lessons.test.ts fails on a
 * number written by hand next to a sysctl or timer name that does not match.
 */
import { LINUX_CONSTANTS, LINUX_DEFAULTS, RFC9293_DEFAULTS } from "@/domain/tcp/profiles";
import { wheelExpiryMs } from "@/domain/tcp/timer-wheel";
import type { Locale } from "@/domain/locale";
import { defineWords } from "@/domain/words";

export type FactValue =
  /** A length of time, in milliseconds. `raw` is the value as its sysctl is written (e.g. seconds). */
  | { kind: "duration"; ms: number; raw?: number }
  | { kind: "count"; value: number }
  /** A setting whose numbers are modes (0/1/2), not quantities. */
  | { kind: "mode"; value: number }
  | { kind: "range"; from: number; to: number };

export type FactDefinition = FactValue & {
  /** Names a reader sees next to the number in lesson text: sysctl and timer names. */
  names: readonly string[];
  /** Where the number comes from, for docs and test messages. */
  source: string;
};

const seconds = (s: number) => s * 1000;

type LinuxSysctl = keyof typeof LINUX_DEFAULTS;

/** How each Linux sysctl's number is to be read. Sysctls not listed here are counts. */
const SYSCTL_UNITS: Partial<Record<LinuxSysctl, "s" | "ms" | "us" | "mode">> = {
  tcp_fin_timeout: "s",
  tcp_keepalive_time: "s",
  tcp_keepalive_intvl: "s",
  tcp_tw_reuse_delay: "ms",
  tcp_invalid_ratelimit: "ms",
  tcp_rto_min_us: "us",
  tcp_rto_max_ms: "ms",
  tcp_syncookies: "mode",
  tcp_tw_reuse: "mode",
  tcp_abort_on_overflow: "mode",
  tcp_timestamps: "mode",
  tcp_sack: "mode",
  tcp_early_retrans: "mode",
  tcp_rfc1337: "mode",
};

function linuxSysctlFact(name: LinuxSysctl): FactDefinition {
  const value = LINUX_DEFAULTS[name];
  const base = { names: [name, `net.ipv4.${name}`], source: `LINUX_DEFAULTS.${name}` };
  if (Array.isArray(value)) {
    const [from, to] = value as readonly [number, number];
    return { ...base, kind: "range", from, to };
  }
  const number = value as number;
  switch (SYSCTL_UNITS[name]) {
    case "s":
      return { ...base, kind: "duration", ms: seconds(number), raw: number };
    case "ms":
      return { ...base, kind: "duration", ms: number, raw: number };
    case "us":
      return { ...base, kind: "duration", ms: number / 1000, raw: number };
    case "mode":
      return { ...base, kind: "mode", value: number };
    default:
      return { ...base, kind: "count", value: number };
  }
}

const linuxSysctls = Object.fromEntries(
  (Object.keys(LINUX_DEFAULTS) as LinuxSysctl[]).map((name) => [`linux.${name}`, linuxSysctlFact(name)]),
) as Record<`linux.${LinuxSysctl}`, FactDefinition>;

/**
 * When an unanswered connect() sends its SYNs on Linux: the first timeout is TCP_TIMEOUT_INIT,
 * the next tcp_syn_linear_timeouts keep it (tcp_retransmit_timer() doubles only once
 * total_rto > tcp_syn_linear_timeouts), then it doubles; after tcp_syn_retries +
 * tcp_syn_linear_timeouts retransmissions the next timeout ends connect() with ETIMEDOUT
 * (tcp_write_timeout()). Returns the send times of every SYN and the moment of ETIMEDOUT, in ms.
 */
function synSchedule(): { synTimesMs: number[]; timeoutMs: number } {
  const retransmissions = LINUX_DEFAULTS.tcp_syn_retries + LINUX_DEFAULTS.tcp_syn_linear_timeouts;
  const synTimesMs = [0];
  let rto: number = LINUX_CONSTANTS.TCP_TIMEOUT_INIT_MS;
  let elapsed = 0;
  for (let timeout = 1; timeout <= retransmissions + 1; timeout++) {
    elapsed += rto;
    if (timeout <= retransmissions) synTimesMs.push(elapsed);
    if (timeout > LINUX_DEFAULTS.tcp_syn_linear_timeouts) rto = Math.min(rto * 2, LINUX_CONSTANTS.TCP_RTO_MAX_MS);
  }
  return { synTimesMs, timeoutMs: elapsed };
}

const SYN_SCHEDULE = synSchedule();

/**
 * The most a timer of `delayMs` can fire late on the kernel's timer wheel (calc_wheel_index() in
 * kernel/time/timer.c): the granularity of the wheel level the delay falls in, found by arming
 * the timer at every phase of one wheel period.
 */
function timerWheelSlackMs(delayMs: number): number {
  const jiffy = LINUX_CONSTANTS.JIFFY_MS;
  let worst = 0;
  for (let phase = 0; phase < 4096; phase++) {
    const now = phase * jiffy;
    worst = Math.max(worst, wheelExpiryMs(now, delayMs, jiffy) - now - delayMs);
  }
  return worst;
}

const [portsFrom, portsTo] = LINUX_DEFAULTS.ip_local_port_range;
const ephemeralPorts = portsTo - portsFrom + 1;
const TIME_WAIT_NAMES = ["TIME-WAIT", "TIME_WAIT", "TIMEWAIT"];

/** Every fact a lesson may render, by name. */
export const FACTS = {
  ...linuxSysctls,
  "linux.somaxconn": { ...linuxSysctlFact("somaxconn"), names: ["somaxconn", "net.core.somaxconn"] },
  "linux.timeWait": {
    kind: "duration",
    ms: LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS,
    names: [...TIME_WAIT_NAMES, "TCP_TIMEWAIT_LEN"],
    source: "LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS",
  },
  "linux.rtoInitial": {
    kind: "duration",
    ms: LINUX_CONSTANTS.TCP_TIMEOUT_INIT_MS,
    names: ["RTO", "TCP_TIMEOUT_INIT"],
    source: "LINUX_CONSTANTS.TCP_TIMEOUT_INIT_MS",
  },
  "linux.rtoMin": { kind: "duration", ms: LINUX_CONSTANTS.TCP_RTO_MIN_MS, names: ["RTO", "TCP_RTO_MIN"], source: "LINUX_CONSTANTS.TCP_RTO_MIN_MS" },
  "linux.rtoMax": { kind: "duration", ms: LINUX_CONSTANTS.TCP_RTO_MAX_MS, names: ["RTO", "TCP_RTO_MAX"], source: "LINUX_CONSTANTS.TCP_RTO_MAX_MS" },
  "linux.rtoFallback": {
    kind: "duration",
    ms: LINUX_CONSTANTS.TCP_TIMEOUT_FALLBACK_MS,
    names: ["RTO", "TCP_TIMEOUT_FALLBACK"],
    source: "LINUX_CONSTANTS.TCP_TIMEOUT_FALLBACK_MS",
  },
  "linux.delayedAckMin": { kind: "duration", ms: LINUX_CONSTANTS.TCP_DELACK_MIN_MS, names: ["TCP_DELACK_MIN"], source: "LINUX_CONSTANTS.TCP_DELACK_MIN_MS" },
  "linux.delayedAckMax": { kind: "duration", ms: LINUX_CONSTANTS.TCP_DELACK_MAX_MS, names: ["TCP_DELACK_MAX"], source: "LINUX_CONSTANTS.TCP_DELACK_MAX_MS" },
  /** How many local ports one source address can use towards one destination ip:port. */
  "linux.ephemeralPortCount": {
    kind: "count",
    value: ephemeralPorts,
    names: ["ip_local_port_range"],
    source: "ip_local_port_range: to − from + 1",
  },
  /**
   * Sustained new connections per second from one source address to one destination ip:port
   * when the client closes first: each port then sits in TIME-WAIT for TCP_TIMEWAIT_LEN.
   */
  "linux.connectionsPerSecondPerDestination": {
    kind: "count",
    value: Math.floor(ephemeralPorts / (LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS / 1000)),
    names: ["ip_local_port_range", ...TIME_WAIT_NAMES],
    source: "floor(ephemeral ports / TIME-WAIT seconds)",
  },
  /** Retransmissions of an unanswered SYN: tcp_syn_retries + tcp_syn_linear_timeouts. */
  "linux.synRetransmissions": {
    kind: "count",
    value: SYN_SCHEDULE.synTimesMs.length - 1,
    names: ["SYN retransmissions", "SYN 重传"],
    source: "tcp_syn_retries + tcp_syn_linear_timeouts (tcp_write_timeout())",
  },
  /** When the last SYN of an unanswered connect() leaves, by the constants (ip-sysctl: "67seconds"). */
  "linux.lastSynRetransmission": {
    kind: "duration",
    ms: SYN_SCHEDULE.synTimesMs.at(-1)!,
    names: ["last SYN", "最后一个 SYN"],
    source: "synSchedule(): TCP_TIMEOUT_INIT, tcp_syn_linear_timeouts, tcp_syn_retries",
  },
  /** When connect() to a silent host fails with ETIMEDOUT, by the constants (ip-sysctl: "131seconds"). */
  "linux.connectTimeout": {
    kind: "duration",
    ms: SYN_SCHEDULE.timeoutMs,
    names: ["ETIMEDOUT"],
    source: "synSchedule(): the timeout after the last SYN",
  },
  /** How late the TIME-WAIT timer can fire: the timer-wheel granularity for TCP_TIMEWAIT_LEN at HZ. */
  "linux.timeWaitTimerSlack": {
    kind: "duration",
    ms: timerWheelSlackMs(LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS),
    names: ["timer wheel", "timer-wheel", "时间轮"],
    source: "calc_wheel_index() granularity for TCP_TIMEWAIT_LEN at HZ=250",
  },
  /** Segments of a simultaneous open on Linux: both SYNs, both SYN-ACKs, and an ACK from each side. */
  "linux.simultaneousOpenSegments": {
    kind: "count",
    value: 6,
    names: ["simultaneous open", "同时打开"],
    source: "tcp_data_queue(): the SYN of the peer's SYN-ACK is old data, so it is ACKed at once; engine preset simultaneous-open and the capture simultaneous-open.pcap",
  },
  "rfc9293.simultaneousOpenSegments": {
    kind: "count",
    value: 4,
    names: ["simultaneous open", "同时打开"],
    source: "RFC 9293 §3.5, Figure 7: two SYNs and two SYN-ACKs",
  },
  // Measured on Linux 6.18 (tests/fixtures/tcp/kernel-timings.json); a unit test keeps them equal
  // to the recording, rounded as written here.
  "measured.lastSynRetransmission": {
    kind: "duration",
    ms: 69_060,
    names: ["last SYN", "最后一个 SYN"],
    source: "kernel-timings.json, syn-retries: the 11th SYN, after the first",
  },
  "measured.connectTimeout": {
    kind: "duration",
    ms: 134_600,
    names: ["ETIMEDOUT"],
    source: "kernel-timings.json, syn-retries: connect() error after the first SYN",
  },
  "measured.timeWait": {
    kind: "duration",
    ms: 60_700,
    names: TIME_WAIT_NAMES,
    source: "kernel-timings.json, time-wait: socket gone after the last ACK",
  },
  /** listen(4), ten connects, no accept(): how many clients are still in SYN-SENT. */
  "measured.acceptQueueFullSynSent": {
    kind: "count",
    value: 5,
    names: ["SYN-SENT"],
    source: "kernel-timings.json, accept-queue: clientSide SYN-SENT",
  },
  /** listen(4), ten connects, no accept(): how many connections complete (backlog + 1). */
  "measured.acceptQueueFullEstablished": {
    kind: "count",
    value: 5,
    names: ["accept queue", "accept 队列"],
    source: "kernel-timings.json, accept-queue: serverSide ESTABLISHED",
  },
  "rfc9293.msl": { kind: "duration", ms: RFC9293_DEFAULTS.msl_ms, names: ["MSL"], source: "RFC9293_DEFAULTS.msl_ms" },
  "rfc9293.timeWait": {
    kind: "duration",
    ms: 2 * RFC9293_DEFAULTS.msl_ms,
    names: ["2MSL", "2 MSL", "2×MSL", "2 × MSL", ...TIME_WAIT_NAMES],
    source: "2 × RFC9293_DEFAULTS.msl_ms",
  },
  "rfc9293.rtoInitial": { kind: "duration", ms: RFC9293_DEFAULTS.rto_initial_ms, names: ["RTO"], source: "RFC9293_DEFAULTS.rto_initial_ms" },
  "rfc9293.rtoMin": { kind: "duration", ms: RFC9293_DEFAULTS.rto_min_ms, names: ["RTO"], source: "RFC9293_DEFAULTS.rto_min_ms" },
  "rfc9293.rtoMax": { kind: "duration", ms: RFC9293_DEFAULTS.rto_max_ms, names: ["RTO"], source: "RFC9293_DEFAULTS.rto_max_ms" },
} satisfies Record<string, FactDefinition>;

export type FactName = keyof typeof FACTS;

export const FACT_NAMES = Object.keys(FACTS) as FactName[];

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(FACTS, name);
}

export function getFact(name: string): FactDefinition {
  if (!isFactName(name)) throw new Error(`Unknown fact "${name}". Known facts: ${FACT_NAMES.join(", ")}.`);
  return FACTS[name];
}

/** Units a duration can be shown in; `auto` picks the one a person would say. */
export type DurationUnit = "auto" | "ms" | "s" | "min" | "h";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const unitWords = defineWords<Record<Exclude<DurationUnit, "auto">, (n: number) => string>>({
  en: {
    ms: () => "ms",
    s: () => "s",
    min: (n) => (n === 1 ? "minute" : "minutes"),
    h: (n) => (n === 1 ? "hour" : "hours"),
  },
  zh: { ms: () => "毫秒", s: () => "秒", min: () => "分钟", h: () => "小时" },
});

const NUMBER_LOCALE: Record<Locale, string> = { en: "en-US", zh: "zh-CN" };

function pickUnit(ms: number): Exclude<DurationUnit, "auto"> {
  if (ms >= HOUR && ms % HOUR === 0) return "h";
  if (ms >= 2 * MINUTE && ms % MINUTE === 0) return "min";
  // A second and more reads in seconds, with decimals when measured ("60.7 s", "2.048 s").
  if (ms >= 1000) return "s";
  return "ms";
}

const UNIT_MS: Record<Exclude<DurationUnit, "auto">, number> = { ms: 1, s: 1000, min: MINUTE, h: HOUR };

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[locale], { maximumFractionDigits: 3 }).format(value);
}

export function formatDuration(ms: number, locale: Locale, unit: DurationUnit = "auto"): string {
  const chosen = unit === "auto" ? pickUnit(ms) : unit;
  const amount = ms / UNIT_MS[chosen];
  return `${formatNumber(amount, locale)} ${unitWords(locale)[chosen](amount)}`;
}

export type FactFormat = {
  /** For durations: the unit to show (default: the natural one, e.g. "60 s", "2 minutes"). */
  unit?: DurationUnit;
  /** The bare number as the sysctl is written ("60", "32768 60999"), for use beside commands. */
  raw?: boolean;
};

const FACT_PLACEHOLDER = /\{fact:([\w.]+)\}/g;

/**
 * Text with `{fact:name}` placeholders replaced by the facts in the given language: how callout
 * titles and glossary entries carry numbers while staying plain strings.
 */
export function withFacts(text: string, locale: Locale): string {
  return text.replace(FACT_PLACEHOLDER, (_all, name: string) => formatFact(name, locale));
}

/** The text a `<Fact>` renders, e.g. "60 s" / "60 秒", "32768–60999", "131,072". */
export function formatFact(name: string, locale: Locale, format: FactFormat = {}): string {
  const fact = getFact(name);
  switch (fact.kind) {
    case "duration":
      if (format.raw) return String(fact.raw ?? fact.ms);
      return formatDuration(fact.ms, locale, format.unit);
    case "count":
      return format.raw ? String(fact.value) : formatNumber(fact.value, locale);
    case "mode":
      return String(fact.value);
    case "range":
      return format.raw ? `${fact.from} ${fact.to}` : `${fact.from}–${fact.to}`;
  }
}
