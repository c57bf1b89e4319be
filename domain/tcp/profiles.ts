/**
 * The numbers the engine runs on. Course text is tested against these constants, so every value
 * here is documented with its source in docs/linux-tcp-facts.md.
 */
import type { ProfileName } from "./types";

/** Kernel compile-time constants (include/net/tcp.h), in milliseconds at HZ=250. Not sysctls. */
export const LINUX_CONSTANTS = {
  /** HZ of the measured kernel (CONFIG_HZ=250); one jiffy is 4 ms. */
  HZ: 250,
  JIFFY_MS: 4,
  /** TCP_TIMEOUT_INIT: initial RTO (RFC 6298). */
  TCP_TIMEOUT_INIT_MS: 1000,
  /** TCP_TIMEOUT_FALLBACK: RTO after a handshake without a valid RTT sample. */
  TCP_TIMEOUT_FALLBACK_MS: 3000,
  /** TCP_RTO_MIN (also the tcp_rto_min_us default). */
  TCP_RTO_MIN_MS: 200,
  /** TCP_RTO_MAX (also the tcp_rto_max_ms default since 6.15). */
  TCP_RTO_MAX_MS: 120_000,
  /** TCP_TIMEWAIT_LEN: fixed, not a sysctl. */
  TCP_TIMEWAIT_LEN_MS: 60_000,
  /** TCP_DELACK_MIN = TCP_ATO_MIN = HZ/25. */
  TCP_DELACK_MIN_MS: 40,
  TCP_ATO_MIN_MS: 40,
  /** TCP_DELACK_MAX = HZ/5. */
  TCP_DELACK_MAX_MS: 200,
  /** TCP_MAX_QUICKACKS: ACKs sent at once after the first data of a connection. */
  TCP_MAX_QUICKACKS: 16,
  /** TCP_TIMEOUT_MIN (2 jiffies): added to 2*SRTT for the loss probe when several packets are out. */
  TCP_TIMEOUT_MIN_MS: 8,
  /** secure_tcp_seq(): the ISN clock ticks every 64 ns, i.e. 15625 per ms. */
  ISN_TICKS_PER_MS: 15_625,
  /** tcp_timewait_state_process() / tcp_twsk_unique(): ISN of a reused 4-tuple = tw_snd_nxt + 65535 + 2. */
  TW_ISN_OFFSET: 65_537,
  /** SOCK_MIN_RCVBUF: the smallest sk_rcvbuf SO_RCVBUF can set (2 × (2048 + sizeof(struct sk_buff)), x86_64). */
  SOCK_MIN_RCVBUF: 4608,
  /** MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL (seconds) and MAX_TCP_KEEPCNT: setsockopt refuses more with EINVAL. */
  MAX_TCP_KEEPIDLE_S: 32_767,
  MAX_TCP_KEEPINTVL_S: 32_767,
  MAX_TCP_KEEPCNT: 127,
  /** The largest SYN window: the window field of a SYN is never scaled. */
  MAX_UNSCALED_WINDOW: 65_535,
} as const;

/** Default values of the Linux sysctls the engine and the labs use (Linux 6.18 as measured). */
export const LINUX_DEFAULTS = {
  tcp_syn_retries: 6,
  tcp_syn_linear_timeouts: 4,
  tcp_synack_retries: 5,
  tcp_fin_timeout: 60,
  tcp_retries1: 3,
  tcp_retries2: 15,
  tcp_orphan_retries: 0,
  tcp_tw_reuse: 2,
  tcp_tw_reuse_delay: 1000,
  /** Scales with memory: ehash entries / 2 (262144 buckets here). */
  tcp_max_tw_buckets: 131_072,
  /** Scales with memory: max(128, ehash entries / 128). */
  tcp_max_syn_backlog: 2048,
  somaxconn: 4096,
  tcp_syncookies: 1,
  tcp_abort_on_overflow: 0,
  /** Seconds of idleness before the first keep-alive probe (TCP_KEEPIDLE overrides it per socket). */
  tcp_keepalive_time: 7200,
  tcp_keepalive_intvl: 75,
  tcp_keepalive_probes: 9,
  tcp_timestamps: 1,
  tcp_sack: 1,
  tcp_early_retrans: 3,
  tcp_rfc1337: 0,
  tcp_invalid_ratelimit: 500,
  tcp_rto_min_us: 200_000,
  tcp_rto_max_ms: 120_000,
  ip_local_port_range: [32768, 60999] as readonly [number, number],
  /** net.core.rmem_max: SO_RCVBUF is clamped to it before being doubled (the kernel's default; distributions raise it). */
  rmem_max: 212_992,
} as const;

export type LinuxSysctls = {
  -readonly [K in keyof typeof LINUX_DEFAULTS]: (typeof LINUX_DEFAULTS)[K] extends readonly [number, number]
    ? readonly [number, number]
    : number;
};

/**
 * RFC 9293 profile. The RFCs leave several of these open; the chosen values and why are in
 * docs/decisions/0102-rfc9293-profile-choices.md.
 */
export const RFC9293_DEFAULTS = {
  /** RFC 9293 3.4.2: MSL is 2 minutes (an engineering choice in the RFC). */
  msl_ms: 120_000,
  /** RFC 6298 2.1: initial RTO 1 s. */
  rto_initial_ms: 1000,
  /** RFC 6298 2.4: RTO SHOULD be rounded up to 1 s. */
  rto_min_ms: 1000,
  /** RFC 6298 2.5: a maximum MAY be placed on RTO provided it is at least 60 s. */
  rto_max_ms: 60_000,
  /** RFC 6298 5.7: RTO after a handshake with retransmissions and no RTT sample. */
  rto_fallback_ms: 3000,
  /** RFC 1122 4.2.3.5: SYN retransmission must go on for at least 3 minutes (7 → gives up at 183 s). */
  syn_retries: 7,
  synack_retries: 7,
  /** RFC 1122 4.2.3.5: R2 for data at least 100 s. */
  r2_data_ms: 100_000,
  /** RFC 9293 3.4.1: a 4 µs ISN clock, i.e. 250 per ms. */
  isn_ticks_per_ms: 250,
  /** RFC 5961 10 recommends rate-limiting challenge ACKs; same 500 ms as Linux. */
  challenge_ack_interval_ms: 500,
  /** RFC 1122 4.2.3.6: keep-alive interval "MUST default to no less than two hours". */
  keepalive_idle_ms: 7_200_000,
  /** RFC 1122 leaves the probe interval and count open: the BSD and Linux values. */
  keepalive_interval_ms: 75_000,
  keepalive_probes: 9,
} as const;

export type Rfc9293Params = {
  -readonly [K in keyof typeof RFC9293_DEFAULTS]: (typeof RFC9293_DEFAULTS)[K] extends readonly [number, number]
    ? readonly [number, number]
    : number;
};

/** Everything the per-connection engine needs, resolved from a profile plus overrides. */
export interface EngineParams {
  profile: ProfileName;
  initialRtoMs: number;
  minRtoMs: number;
  maxRtoMs: number;
  fallbackRtoMs: number;
  synRetries: number;
  /** Linux tcp_syn_linear_timeouts; 0 in the RFC profile. */
  synLinearTimeouts: number;
  synackRetries: number;
  timeWaitMs: number;
  /** tcp_max_tw_buckets: with none free a socket that would enter TIME-WAIT is destroyed instead. */
  timeWaitBuckets: number;
  /** Orphaned FIN-WAIT-2 lifetime (Linux tcp_fin_timeout); null = wait forever (RFC). */
  finWait2TimeoutMs: number | null;
  /** How long a connection keeps retransmitting data/FIN before giving up. */
  dataGiveUpMs: number;
  /**
   * The same for an orphaned socket (after close()). `alive` is Linux's "the RTO is still below
   * its maximum" (tcp_orphan_retries()); the RFC profile ignores it.
   */
  orphanGiveUpMs: (alive: boolean) => number;
  /**
   * When unanswered zero-window probes give up: after `probes` unanswered probes (Linux:
   * tcp_retries2, tcp_orphan_retries for orphans), or after `ms` without an answer (RFC: R2).
   */
  persistGiveUp: { probes: number; orphanProbes: (alive: boolean) => number } | { ms: number };
  /** Linux: a zero-window probe is an empty ACK at SND.UNA - 1; RFC 9293 3.8.6.1: one octet of new data. */
  zeroWindowProbeCarriesData: boolean;
  /** The zero-window probe timer starts from the RTO but never below this (Linux: TCP_RTO_MIN). */
  probeBaseMinMs: number;
  /** Keep-alive defaults (TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT override them per socket). */
  keepaliveIdleMs: number;
  keepaliveIntervalMs: number;
  keepaliveProbes: number;
  /** SO_RCVBUF is clamped to this before doubling (net.core.rmem_max). */
  rmemMax: number;
  /** Linux: also give up SYNs on a time budget (tcp_model_timeout), not only on a count. */
  synTimeBudget: boolean;
  /** Linux: delayed ACKs, quick-ack and ping-pong modes. RFC profile ACKs every segment at once. */
  delayedAcks: boolean;
  /** Linux: tail loss probe before the first RTO (tcp_early_retrans=3 with SACK). */
  tailLossProbe: boolean;
  /** Linux: timestamps give an RTT sample even for retransmitted segments (RFC 7323). */
  timestamps: boolean;
  /** Linux: ACK+RST on abort (tcp_send_active_reset); RFC 9293: RST alone. */
  rstCarriesAck: boolean;
  /**
   * Linux: an ACK for an old or out-of-window segment without payload (a keep-alive or window
   * probe among them) is rate-limited like a challenge ACK (tcp_oow_rate_limited()).
   */
  rateLimitEmptyOldSegmentAcks: boolean;
  /** Minimum gap between ACKs sent for out-of-window segments and challenge ACKs. */
  invalidAckIntervalMs: number;
  isnTicksPerMs: number;
  twReuse: 0 | 1 | 2;
  twReuseDelayMs: number;
  rfc1337: boolean;
  /** RTO from RTT samples: Linux tcp_rtt_estimator() + __tcp_set_rto() (RTO = SRTT + max(mdev, rto_min)) or RFC 6298. */
  rtoEstimator: "linux" | "rfc6298";
  /** Segments in TIME-WAIT: Linux tcp_timewait_state_process() or RFC 9293 3.10.7.4 with RFC 5961. */
  timeWaitRules: "linux" | "rfc9293";
  /**
   * When a segment's window replaces SND.WND: Linux tcp_may_update_window() (the ACK advances, or
   * a newer sequence number, or the same one with a larger or zero window) or RFC 9293 3.10.7.4's
   * SND.WL1/SND.WL2 test.
   */
  windowUpdateRule: "linux" | "rfc9293";
  /** Linux tcp_check_req(): a retransmitted SYN in SYN-RECEIVED gets the SYN-ACK again (rate-limited); RFC: challenge ACK. */
  resendSynAckOnDuplicateSyn: boolean;
  /**
   * Linux tcp_data_queue(): a data segment outside the window, or data at RCV.NXT into a zero
   * window, is dropped and ACKed at once (not rate-limited); RFC 9293: an ACK for an unacceptable
   * segment, rate-limited here like every out-of-window ACK.
   */
  ackOutOfWindowDataAtOnce: boolean;
  /** Linux tcp_ack(): an ACK of data not yet sent is dropped silently; RFC 9293 3.10.7.4 answers it with an ACK. */
  ignoreAckOfUnsentData: boolean;
  /** The error an application in CLOSE-WAIT sees when an RST arrives: Linux tcp_reset() EPIPE, RFC 9293 "connection reset". */
  resetErrorInCloseWait: "EPIPE" | "ECONNRESET";
  /** Linux tcp_reset(): an RST in CLOSING or LAST-ACK still sets ECONNRESET; RFC 9293 just closes. */
  reportResetWhenClosing: boolean;
  /** send() with no connection: Linux sk_stream_wait_connect() EPIPE, RFC 9293 "connection does not exist" (ENOTCONN). */
  sendWithoutConnectionError: "EPIPE" | "ENOTCONN";
  /** connect() may take over a TIME-WAIT 4-tuple (Linux tcp_twsk_unique(), subject to tcp_tw_reuse); never in RFC 9293. */
  connectMayReuseTimeWait: boolean;
  /** Round timer expiries like the Linux timer wheel (HZ=250) instead of exact milliseconds. */
  timerWheel: boolean;
  mss: number;
  receiveWindow: number;
  /** Linux delack timer granularity: an ACK "at the next tick" waits this long. */
  jiffyMs: number;
}

/**
 * tcp_model_timeout() from net/ipv4/tcp_timer.c: the time `boundary` exponentially backed-off
 * retransmissions take, starting from `rtoBase`, with each RTO capped at `rtoMax`.
 */
export function linuxModelTimeout(boundary: number, rtoBaseMs: number, rtoMaxMs: number): number {
  const linearBackoffThresh = Math.floor(Math.log2(rtoMaxMs / rtoBaseMs));
  if (boundary <= linearBackoffThresh) return (2 ** (boundary + 1) - 1) * rtoBaseMs;
  return (2 ** (linearBackoffThresh + 1) - 1) * rtoBaseMs + (boundary - linearBackoffThresh) * rtoMaxMs;
}

/**
 * tcp_orphan_retries(): 0 means 8 while the socket is still "alive" (its RTO below TCP_RTO_MAX),
 * and 0 once it is not.
 */
export function linuxOrphanRetries(tcpOrphanRetries: number, alive = true): number {
  return tcpOrphanRetries === 0 && alive ? 8 : tcpOrphanRetries;
}

export interface ProfileOptions {
  timerWheel?: boolean;
  mss?: number;
  receiveWindow?: number;
}

export function linuxParams(overrides: Partial<LinuxSysctls> = {}, options: ProfileOptions = {}): EngineParams {
  const s: LinuxSysctls = { ...LINUX_DEFAULTS, ...overrides };
  const minRtoMs = s.tcp_rto_min_us / 1000;
  const maxRtoMs = s.tcp_rto_max_ms;
  return {
    profile: "linux",
    initialRtoMs: LINUX_CONSTANTS.TCP_TIMEOUT_INIT_MS,
    minRtoMs,
    maxRtoMs,
    fallbackRtoMs: LINUX_CONSTANTS.TCP_TIMEOUT_FALLBACK_MS,
    synRetries: s.tcp_syn_retries,
    synLinearTimeouts: s.tcp_syn_linear_timeouts,
    synackRetries: s.tcp_synack_retries,
    timeWaitMs: LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS,
    timeWaitBuckets: s.tcp_max_tw_buckets,
    finWait2TimeoutMs: s.tcp_fin_timeout * 1000,
    // retransmits_timed_out() models the budget from TCP_RTO_MIN, whatever tcp_rto_min_us says.
    dataGiveUpMs: linuxModelTimeout(s.tcp_retries2, LINUX_CONSTANTS.TCP_RTO_MIN_MS, maxRtoMs),
    orphanGiveUpMs: (alive) =>
      linuxModelTimeout(linuxOrphanRetries(s.tcp_orphan_retries, alive), LINUX_CONSTANTS.TCP_RTO_MIN_MS, maxRtoMs),
    persistGiveUp: {
      probes: s.tcp_retries2,
      orphanProbes: (alive) => linuxOrphanRetries(s.tcp_orphan_retries, alive),
    },
    zeroWindowProbeCarriesData: false,
    probeBaseMinMs: LINUX_CONSTANTS.TCP_RTO_MIN_MS,
    keepaliveIdleMs: s.tcp_keepalive_time * 1000,
    keepaliveIntervalMs: s.tcp_keepalive_intvl * 1000,
    keepaliveProbes: s.tcp_keepalive_probes,
    rmemMax: s.rmem_max,
    synTimeBudget: true,
    delayedAcks: true,
    tailLossProbe: s.tcp_early_retrans === 3 || s.tcp_early_retrans === 4 ? s.tcp_sack === 1 : false,
    timestamps: s.tcp_timestamps !== 0,
    rstCarriesAck: true,
    rateLimitEmptyOldSegmentAcks: true,
    invalidAckIntervalMs: s.tcp_invalid_ratelimit,
    isnTicksPerMs: LINUX_CONSTANTS.ISN_TICKS_PER_MS,
    twReuse: clampTwReuse(s.tcp_tw_reuse),
    twReuseDelayMs: s.tcp_tw_reuse_delay,
    rfc1337: s.tcp_rfc1337 !== 0,
    rtoEstimator: "linux",
    timeWaitRules: "linux",
    windowUpdateRule: "linux",
    resendSynAckOnDuplicateSyn: true,
    ackOutOfWindowDataAtOnce: true,
    ignoreAckOfUnsentData: true,
    resetErrorInCloseWait: "EPIPE",
    reportResetWhenClosing: true,
    sendWithoutConnectionError: "EPIPE",
    connectMayReuseTimeWait: true,
    timerWheel: options.timerWheel ?? false,
    mss: options.mss ?? 1460,
    receiveWindow: options.receiveWindow ?? 65535,
    jiffyMs: LINUX_CONSTANTS.JIFFY_MS,
  };
}

export function rfc9293Params(overrides: Partial<Rfc9293Params> = {}, options: ProfileOptions = {}): EngineParams {
  const p: Rfc9293Params = { ...RFC9293_DEFAULTS, ...overrides };
  return {
    profile: "rfc9293",
    initialRtoMs: p.rto_initial_ms,
    minRtoMs: p.rto_min_ms,
    maxRtoMs: p.rto_max_ms,
    fallbackRtoMs: p.rto_fallback_ms,
    synRetries: p.syn_retries,
    synLinearTimeouts: 0,
    synackRetries: p.synack_retries,
    timeWaitMs: 2 * p.msl_ms,
    timeWaitBuckets: Number.POSITIVE_INFINITY,
    finWait2TimeoutMs: null,
    dataGiveUpMs: p.r2_data_ms,
    orphanGiveUpMs: () => p.r2_data_ms,
    persistGiveUp: { ms: p.r2_data_ms },
    zeroWindowProbeCarriesData: true,
    probeBaseMinMs: p.rto_min_ms,
    keepaliveIdleMs: p.keepalive_idle_ms,
    keepaliveIntervalMs: p.keepalive_interval_ms,
    keepaliveProbes: p.keepalive_probes,
    rmemMax: LINUX_DEFAULTS.rmem_max,
    synTimeBudget: false,
    delayedAcks: false,
    tailLossProbe: false,
    timestamps: false,
    rstCarriesAck: false,
    rateLimitEmptyOldSegmentAcks: false,
    invalidAckIntervalMs: p.challenge_ack_interval_ms,
    isnTicksPerMs: p.isn_ticks_per_ms,
    twReuse: 0,
    twReuseDelayMs: 0,
    rfc1337: false,
    rtoEstimator: "rfc6298",
    timeWaitRules: "rfc9293",
    windowUpdateRule: "rfc9293",
    resendSynAckOnDuplicateSyn: false,
    ackOutOfWindowDataAtOnce: false,
    ignoreAckOfUnsentData: false,
    resetErrorInCloseWait: "ECONNRESET",
    reportResetWhenClosing: false,
    sendWithoutConnectionError: "ENOTCONN",
    connectMayReuseTimeWait: false,
    timerWheel: false,
    mss: options.mss ?? 1460,
    receiveWindow: options.receiveWindow ?? 65535,
    jiffyMs: 0,
  };
}

function clampTwReuse(value: number): 0 | 1 | 2 {
  return value === 1 ? 1 : value === 2 ? 2 : 0;
}
