/**
 * The labs as the UI drives them: the inputs a learner sets (with their bounds), how they map to
 * the engine's lab parameters, and a paragraph that explains each result in either language. Pure;
 * the numbers in the sentences all come from the engine's result and constants.
 */
import { z } from "zod";
import {
  LINUX_DEFAULTS,
  type SynBacklogLabParams,
  type SynBacklogLabResult,
  type TimeWaitLabParams,
  type TimeWaitLabResult,
} from "@/domain/tcp";
import { formatCount } from "./format";
import type { Locale } from "@/domain/locale";
import { defineWords } from "@/domain/words";

/** The TIME-WAIT input's one check across fields, as zod reports it (the playground link's words reuse it). */
export const TIME_WAIT_PORTS_REVERSED = "the low port must not exceed the high port";

export const timeWaitInputSchema = z
  .object({
    requestsPerSecond: z.number().int().min(1).max(50_000),
    durationSeconds: z.number().int().min(10).max(600),
    closer: z.enum(["client", "server"]),
    requestsPerConnection: z.number().int().min(1).max(10_000),
    portLow: z.number().int().min(1024).max(65535),
    portHigh: z.number().int().min(1024).max(65535),
    tcp_tw_reuse: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    loopback: z.boolean(),
    tcp_max_tw_buckets: z.number().int().min(0).max(10_000_000),
  })
  .strict()
  .refine((input) => input.portLow <= input.portHigh, { message: TIME_WAIT_PORTS_REVERSED, path: ["portHigh"] });

export type TimeWaitInput = z.infer<typeof timeWaitInputSchema>;

export const DEFAULT_TIME_WAIT_INPUT: TimeWaitInput = {
  requestsPerSecond: 600,
  durationSeconds: 120,
  closer: "client",
  requestsPerConnection: 1,
  portLow: LINUX_DEFAULTS.ip_local_port_range[0],
  portHigh: LINUX_DEFAULTS.ip_local_port_range[1],
  tcp_tw_reuse: LINUX_DEFAULTS.tcp_tw_reuse as 0 | 1 | 2,
  loopback: false,
  tcp_max_tw_buckets: LINUX_DEFAULTS.tcp_max_tw_buckets,
};

export function timeWaitParams(input: TimeWaitInput): TimeWaitLabParams {
  return {
    requestsPerSecond: input.requestsPerSecond,
    durationSeconds: input.durationSeconds,
    closer: input.closer,
    requestsPerConnection: input.requestsPerConnection,
    portRange: [input.portLow, input.portHigh],
    tcp_tw_reuse: input.tcp_tw_reuse,
    loopback: input.loopback,
    tcp_max_tw_buckets: input.tcp_max_tw_buckets,
  };
}

/**
 * The TIME-WAIT lab's input after `changed` was set: moving one end of the port range past the
 * other brings the other end along, so the range never turns inside out.
 */
export function keepPortRangeOrdered(input: TimeWaitInput, changed: keyof TimeWaitInput): TimeWaitInput {
  if (changed === "portLow" && input.portHigh < input.portLow) return { ...input, portHigh: input.portLow };
  if (changed === "portHigh" && input.portLow > input.portHigh) return { ...input, portLow: input.portHigh };
  return input;
}

export const synBacklogInputSchema = z
  .object({
    attackSynPerSecond: z.number().int().min(0).max(200_000),
    legitConnectsPerSecond: z.number().int().min(0).max(10_000),
    durationSeconds: z.number().int().min(5).max(300),
    tcp_max_syn_backlog: z.number().int().min(0).max(1_000_000),
    somaxconn: z.number().int().min(0).max(1_000_000),
    backlog: z.number().int().min(0).max(1_000_000),
    tcp_syncookies: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    /** accept() calls per second; 0 means as fast as connections come. */
    acceptPerSecond: z.number().int().min(0).max(1_000_000),
  })
  .strict();

export type SynBacklogInput = z.infer<typeof synBacklogInputSchema>;

export const DEFAULT_SYN_BACKLOG_INPUT: SynBacklogInput = {
  attackSynPerSecond: 2000,
  legitConnectsPerSecond: 50,
  durationSeconds: 30,
  tcp_max_syn_backlog: LINUX_DEFAULTS.tcp_max_syn_backlog,
  somaxconn: LINUX_DEFAULTS.somaxconn,
  backlog: 511,
  tcp_syncookies: LINUX_DEFAULTS.tcp_syncookies as 0 | 1 | 2,
  acceptPerSecond: 0,
};

export function synBacklogParams(input: SynBacklogInput): SynBacklogLabParams {
  return {
    durationSeconds: input.durationSeconds,
    attackSynPerSecond: input.attackSynPerSecond,
    legitConnectsPerSecond: input.legitConnectsPerSecond,
    tcp_max_syn_backlog: input.tcp_max_syn_backlog,
    somaxconn: input.somaxconn,
    backlog: input.backlog,
    tcp_syncookies: input.tcp_syncookies,
    ...(input.acceptPerSecond > 0 ? { acceptPerSecond: input.acceptPerSecond } : {}),
  };
}

/**
 * A lab's input from the settings a lesson gives: those left out take the defaults, and settings
 * the schema refuses (out of bounds, or unknown) give the defaults whole.
 */
export function labInputFrom<T>(schema: z.ZodType<T>, defaults: T, given: Readonly<Record<string, unknown>>): T {
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  const parsed = schema.safeParse({ ...defaults, ...defined });
  return parsed.success ? parsed.data : defaults;
}

function roundedSeconds(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Number.isInteger(rounded) ? rounded : rounded.toFixed(1));
}

/** "12%", or `under` for a share that rounds to 0% without being zero. */
function percent(part: number, whole: number, under: string): string {
  if (whole === 0) return "0%";
  const value = (part / whole) * 100;
  return value < 1 && value > 0 ? under : `${Math.round(value)}%`;
}

const count = formatCount;
const capitalized = (text: string) => `${text[0]?.toUpperCase()}${text.slice(1)}`;

interface PortRange {
  count: number;
  low: number;
  high: number;
}

/** The phrases the sentences are built from, worded first: rate(600) is "600 new connections per second". */
interface LabPhrases {
  seconds: (value: number) => string;
  /** New connections per second. */
  rate: (perSecond: number) => string;
  ports: (ports: PortRange) => string;
  /** The connections per second the ports can sustain. */
  sustainable: (perSecond: number) => string;
  underOnePercent: string;
}

interface LabExplanationWords extends LabPhrases {
  /** Between two sentences. */
  sentenceJoin: string;
  timeWait: {
    perConnection: (requestsPerConnection: number, requestsPerSecond: number, rate: string) => string;
    serverCloses: (peakServerTimeWait: number, ports: string) => string;
    heldUntilReuse: (ports: string, tcpTwReuse: number, delay: string) => string;
    heldForTimeWait: (ports: string, timeWait: string) => string;
    reuse2OnlyLoopback: string;
    failing: (rate: string, sustainable: string, firstFailureAt: string, failed: number, attempted: number, share: string) => string;
    savedByOverflow: (rate: string, sustainable: string) => string;
    withinLimit: (rate: string, sustainable: string, peakClientTimeWait: number) => string;
    noFailure: (duration: string) => string;
    reused: (connects: number) => string;
    overflowed: (buckets: number, sockets: number) => string;
  };
  synBacklog: {
    queues: (capacity: number, maxAckBacklog: number, cappedBacklog: number | null) => string;
    attack: (synsPerSecond: number, cookiesAlways: boolean) => string;
    cookiesAlways: (sent: number) => string;
    cookiesWhenFull: (sent: number, noneDropped: boolean) => string;
    synsDropped: (dropped: number) => string;
    legitDropped: (from: string) => string;
    handshakes: (completed: number, attempts: number, timeouts: number) => string;
    slowAccept: (acceptPerSecond: number, peakAcceptQueue: number, queueFull: boolean) => string;
    brokenHandshakes: (clients: number) => string;
  };
}

/** The labs' explanations: the same cases and numbers in both languages, written for each reader. */
const labExplanationWords = defineWords<LabExplanationWords>({
  en: {
    seconds: (value) => `${roundedSeconds(value)} s`,
    rate: (perSecond) => `${count(perSecond)} new connection${perSecond === 1 ? "" : "s"} per second`,
    ports: (ports) => `${count(ports.count)} ephemeral ports (${ports.low}–${ports.high})`,
    sustainable: (perSecond) => `${count(Math.floor(perSecond))} per second`,
    underOnePercent: "under 1%",
    sentenceJoin: " ",
    timeWait: {
      perConnection: (perConnection, perSecond, rate) => `With ${count(perConnection)} requests per connection, ${count(perSecond)} requests per second need only ${rate}.`,
      serverCloses: (peak, ports) =>
        `With the server closing first, TIME-WAIT sits on the server (up to ${count(peak)} sockets) and each of the client's ${ports} is free again as soon as its connection ends.`,
      heldUntilReuse: (ports, reuse, delay) =>
        `With the client closing first, each connection keeps one of its ${ports} busy until tcp_tw_reuse=${reuse} may take it over (after ${delay}).`,
      heldForTimeWait: (ports, timeWait) => `With the client closing first, each connection keeps one of its ${ports} busy for the whole ${timeWait} of TIME-WAIT.`,
      reuse2OnlyLoopback: "tcp_tw_reuse=2 only applies to loopback connections, so it does not help here.",
      failing: (rate, sustainable, firstFailureAt, failed, attempted, share) =>
        `${capitalized(rate)} is more than the ${sustainable} the ports can sustain: connects start failing with EADDRNOTAVAIL at ${firstFailureAt}, and ${count(failed)} of ${count(attempted)} connects fail (${share}).`,
      savedByOverflow: (rate, sustainable) =>
        `${capitalized(rate)} is more than the ${sustainable} the ports could sustain, yet no connect fails: only because sockets skip TIME-WAIT once tcp_max_tw_buckets is reached (see below).`,
      withinLimit: (rate, sustainable, peak) =>
        `${capitalized(rate)} stays within the ${sustainable} the ports can sustain, so no connect fails (peak ${count(peak)} sockets in TIME-WAIT).`,
      noFailure: (duration) => `No connect fails in ${duration}.`,
      reused: (connects) => `${count(connects)} connects reused a 4-tuple still in TIME-WAIT.`,
      overflowed: (buckets, sockets) =>
        `tcp_max_tw_buckets (${count(buckets)}) was reached: ${count(sockets)} sockets skipped TIME-WAIT altogether, each counted in TcpExtTCPTimeWaitOverflow (nstat).`,
    },
    synBacklog: {
      queues: (capacity, maxAckBacklog, capped) =>
        `The listener's queues hold about ${count(capacity)} requests: min(backlog, somaxconn) = ${count(maxAckBacklog)}${capped === null ? "" : ` (listen(${count(capped)}) is capped by somaxconn)`}.`,
      attack: (perSecond, cookiesAlways) =>
        `${count(perSecond)} spoofed SYNs per second never complete the handshake${cookiesAlways ? "." : " and occupy the SYN queue until their SYN-ACK retries run out."}`,
      cookiesAlways: (sent) => `With tcp_syncookies=2 every SYN is answered with a cookie (${count(sent)} in all) and no request state is kept.`,
      cookiesWhenFull: (sent, noneDropped) =>
        `Once the SYN queue was full the server answered with SYN cookies instead (${count(sent)} sent)${noneDropped ? ", so legitimate clients still got through." : "."}`,
      synsDropped: (dropped) => `${count(dropped)} SYNs were dropped.`,
      legitDropped: (from) => `Legitimate clients lost SYNs from ${from} on and retried on their retransmission timer.`,
      handshakes: (completed, attempts, timeouts) =>
        `${count(completed)} legitimate handshakes completed out of about ${count(attempts)} attempts${timeouts > 0 ? `, and ${count(timeouts)} connect() calls gave up with ETIMEDOUT.` : "."}`,
      slowAccept: (perSecond, peak, queueFull) =>
        `The application accepts only ${count(perSecond)} connections per second, so completed connections queue up (peak ${count(peak)})${queueFull ? "; with the accept queue full, even cookies stop and SYNs are dropped." : "."}`,
      brokenHandshakes: (clients) => `${count(clients)} clients believe they are connected although the server dropped their final ACK.`,
    },
  },
  zh: {
    seconds: (value) => `${roundedSeconds(value)} 秒`,
    rate: (perSecond) => `每秒新建 ${count(perSecond)} 条连接`,
    ports: (ports) => `${count(ports.count)} 个临时端口（${ports.low}–${ports.high}）`,
    sustainable: (perSecond) => `这些端口每秒能够支撑的 ${count(Math.floor(perSecond))} 条`,
    underOnePercent: "不到 1%",
    sentenceJoin: "",
    timeWait: {
      perConnection: (perConnection, perSecond, rate) => `每条连接承载 ${count(perConnection)} 个请求，每秒 ${count(perSecond)} 个请求只需要${rate}。`,
      serverCloses: (peak, ports) => `服务端先关闭时，TIME-WAIT 落在服务端（最多 ${count(peak)} 个套接字），客户端的 ${ports}在各自的连接结束后就能立即再用。`,
      heldUntilReuse: (ports, reuse, delay) => `客户端先关闭时，每条连接都会占住它那 ${ports}中的一个，直到 tcp_tw_reuse=${reuse} 可以接管它为止（${delay}之后）。`,
      heldForTimeWait: (ports, timeWait) => `客户端先关闭时，每条连接都会在整整 ${timeWait}的 TIME-WAIT 期间占住它那 ${ports}中的一个。`,
      reuse2OnlyLoopback: "tcp_tw_reuse=2 只对回环连接生效，所以在这里帮不上忙。",
      failing: (rate, sustainable, firstFailureAt, failed, attempted, share) =>
        `${rate}，超过了${sustainable}：从 ${firstFailureAt}起，connect() 开始以 EADDRNOTAVAIL 失败，${count(attempted)} 次连接中有 ${count(failed)} 次失败（${share}）。`,
      savedByOverflow: (rate, sustainable) => `${rate}，超过了${sustainable}，却没有任何 connect() 失败：这只是因为达到 tcp_max_tw_buckets 之后，套接字跳过了 TIME-WAIT（见下文）。`,
      withinLimit: (rate, sustainable, peak) => `${rate}，没有超过${sustainable}，所以没有任何 connect() 失败（TIME-WAIT 套接字最多 ${count(peak)} 个）。`,
      noFailure: (duration) => `${duration}内没有任何 connect() 失败。`,
      reused: (connects) => `有 ${count(connects)} 次 connect() 复用了仍处于 TIME-WAIT 的四元组。`,
      overflowed: (buckets, sockets) => `达到了 tcp_max_tw_buckets（${count(buckets)}）：有 ${count(sockets)} 个套接字完全跳过了 TIME-WAIT，每一个都计入 TcpExtTCPTimeWaitOverflow（nstat）。`,
    },
    synBacklog: {
      queues: (capacity, maxAckBacklog, capped) =>
        `监听套接字的队列大约能容纳 ${count(capacity)} 个请求：min(backlog, somaxconn) = ${count(maxAckBacklog)}${capped === null ? "" : `（listen(${count(capped)}) 被 somaxconn 截断）`}。`,
      attack: (perSecond, cookiesAlways) =>
        `每秒 ${count(perSecond)} 个伪造的 SYN 永远不会完成握手${cookiesAlways ? "。" : "，它们会一直占着 SYN 队列，直到各自的 SYN-ACK 重试次数用尽。"}`,
      cookiesAlways: (sent) => `tcp_syncookies=2 时，每个 SYN 都用 cookie 回应（共 ${count(sent)} 个），不保存任何请求状态。`,
      cookiesWhenFull: (sent, noneDropped) => `SYN 队列满了之后，服务端改用 SYN cookie 回应（共发出 ${count(sent)} 个）${noneDropped ? "，所以合法客户端仍然能连上。" : "。"}`,
      synsDropped: (dropped) => `有 ${count(dropped)} 个 SYN 被丢弃。`,
      legitDropped: (from) => `从 ${from}起，合法客户端的 SYN 也开始被丢弃，它们只能按重传定时器重试。`,
      handshakes: (completed, attempts, timeouts) =>
        `约 ${count(attempts)} 次合法的连接尝试中，有 ${count(completed)} 次完成了握手${timeouts > 0 ? `，另有 ${count(timeouts)} 次 connect() 以 ETIMEDOUT 放弃。` : "。"}`,
      slowAccept: (perSecond, peak, queueFull) =>
        `应用每秒只 accept ${count(perSecond)} 条连接，完成握手的连接于是排起了队（最多 ${count(peak)} 条）${queueFull ? "；accept 队列满了之后，连 cookie 也不再发送，SYN 被丢弃。" : "。"}`,
      brokenHandshakes: (clients) => `有 ${count(clients)} 个客户端以为自己已经连上了，其实服务端丢掉了它们最后的 ACK。`,
    },
  },
});

/** One paragraph that explains a TIME-WAIT lab result. */
export function explainTimeWait(input: TimeWaitInput, result: TimeWaitLabResult, locale: Locale = "en"): string {
  const words = labExplanationWords(locale);
  const say = words.timeWait;
  const { summary } = result;
  const sentences: string[] = [];
  const ports = words.ports({ count: summary.portsPerDestination, low: input.portLow, high: input.portHigh });
  const perSecond = summary.newConnectionsPerSecond;
  const rate = words.rate(perSecond);
  if (input.requestsPerConnection > 1) sentences.push(say.perConnection(input.requestsPerConnection, input.requestsPerSecond, rate));
  if (input.closer === "server") sentences.push(say.serverCloses(summary.peakServerTimeWait, ports));
  else if (summary.reuseActive) sentences.push(say.heldUntilReuse(ports, input.tcp_tw_reuse, words.seconds((input.tcp_tw_reuse === 0 ? 0 : LINUX_DEFAULTS.tcp_tw_reuse_delay) / 1000)));
  else {
    sentences.push(say.heldForTimeWait(ports, words.seconds(summary.timeWaitSeconds)));
    if (input.tcp_tw_reuse === 2) sentences.push(say.reuse2OnlyLoopback);
  }
  const sustainable = summary.sustainableConnectionsPerSecond;
  const limit = words.sustainable(sustainable);
  if (summary.firstFailureAt !== null) {
    const share = percent(summary.totalFailed, summary.totalAttempted, words.underOnePercent);
    sentences.push(say.failing(rate, limit, words.seconds(summary.firstFailureAt), summary.totalFailed, summary.totalAttempted, share));
  } else if (input.closer === "client" && summary.twOverflows > 0 && perSecond > sustainable) sentences.push(say.savedByOverflow(rate, limit));
  else if (input.closer === "client" && Number.isFinite(sustainable)) sentences.push(say.withinLimit(rate, limit, summary.peakClientTimeWait));
  else sentences.push(say.noFailure(words.seconds(input.durationSeconds)));
  if (summary.totalReused > 0) sentences.push(say.reused(summary.totalReused));
  if (summary.twOverflows > 0) sentences.push(say.overflowed(input.tcp_max_tw_buckets, summary.twOverflows));
  return sentences.join(words.sentenceJoin);
}

/** One paragraph that explains a SYN backlog lab result. */
export function explainSynBacklog(input: SynBacklogInput, result: SynBacklogLabResult, locale: Locale = "en"): string {
  const words = labExplanationWords(locale);
  const say = words.synBacklog;
  const { summary } = result;
  const sentences = [say.queues(summary.synQueueCapacity, summary.maxAckBacklog, input.backlog > input.somaxconn ? input.backlog : null)];
  if (input.attackSynPerSecond > 0) sentences.push(say.attack(input.attackSynPerSecond, input.tcp_syncookies === 2));
  if (summary.totalCookiesSent > 0) {
    sentences.push(input.tcp_syncookies === 2 ? say.cookiesAlways(summary.totalCookiesSent) : say.cookiesWhenFull(summary.totalCookiesSent, summary.totalSynDropped === 0));
  }
  if (summary.totalSynDropped > 0) {
    sentences.push(say.synsDropped(summary.totalSynDropped));
    if (summary.firstLegitDropAt !== null) sentences.push(say.legitDropped(words.seconds(summary.firstLegitDropAt)));
  }
  if (input.legitConnectsPerSecond > 0) {
    sentences.push(say.handshakes(summary.totalHandshakesCompleted, input.legitConnectsPerSecond * input.durationSeconds, summary.totalConnectTimeouts));
  }
  if (input.acceptPerSecond > 0 && summary.peakAcceptQueue > 0) sentences.push(say.slowAccept(input.acceptPerSecond, summary.peakAcceptQueue, summary.peakAcceptQueue > summary.maxAckBacklog));
  if (summary.brokenHandshakes > 0) sentences.push(say.brokenHandshakes(summary.brokenHandshakes));
  return sentences.join(words.sentenceJoin);
}
