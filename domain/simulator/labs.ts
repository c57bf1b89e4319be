/**
 * The labs as the UI drives them: the inputs a learner sets (with their bounds), how they map to
 * the engine's lab parameters, and a sentence that explains each result. Pure; the numbers in
 * the sentences all come from the engine's result and constants.
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
  .refine((input) => input.portLow <= input.portHigh, { message: "the low port must not exceed the high port", path: ["portHigh"] });

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

function seconds(value: number, locale: Locale = "en"): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)}${locale === "en" ? " s" : " 秒"}`;
}

function percent(part: number, whole: number, locale: Locale = "en"): string {
  if (whole === 0) return "0%";
  const value = (part / whole) * 100;
  return value < 1 && value > 0 ? (locale === "en" ? "under 1%" : "不到 1%") : `${Math.round(value)}%`;
}

/** One paragraph that explains a TIME-WAIT lab result, in English or Chinese. */
export function explainTimeWait(input: TimeWaitInput, result: TimeWaitLabResult, locale: Locale = "en"): string {
  if (locale === "zh") return explainTimeWaitZh(input, result);
  const { summary } = result;
  const sentences: string[] = [];
  const ports = `${formatCount(summary.portsPerDestination)} ephemeral ports (${input.portLow}–${input.portHigh})`;
  const rate = summary.newConnectionsPerSecond;
  const rateText = `${formatCount(rate)} new connection${rate === 1 ? "" : "s"} per second`;
  if (input.requestsPerConnection > 1) {
    sentences.push(
      `With ${formatCount(input.requestsPerConnection)} requests per connection, ${formatCount(input.requestsPerSecond)} requests per second need only ${rateText}.`,
    );
  }
  if (input.closer === "server") {
    sentences.push(
      `With the server closing first, TIME-WAIT sits on the server (up to ${formatCount(summary.peakServerTimeWait)} sockets) and each of the client's ${ports} is free again as soon as its connection ends.`,
    );
  } else {
    const hold = summary.reuseActive
      ? `until tcp_tw_reuse=${input.tcp_tw_reuse} may take it over (after ${seconds((input.tcp_tw_reuse === 0 ? 0 : LINUX_DEFAULTS.tcp_tw_reuse_delay) / 1000)})`
      : `for the whole ${seconds(summary.timeWaitSeconds)} of TIME-WAIT`;
    sentences.push(`With the client closing first, each connection keeps one of its ${ports} busy ${hold}.`);
    if (!summary.reuseActive && input.tcp_tw_reuse === 2) sentences.push("tcp_tw_reuse=2 only applies to loopback connections, so it does not help here.");
  }
  const sustainable = summary.sustainableConnectionsPerSecond;
  if (summary.firstFailureAt !== null) {
    sentences.push(
      `${rateText[0]?.toUpperCase()}${rateText.slice(1)} is more than the ${formatCount(Math.floor(sustainable))} per second the ports can sustain: connects start failing with EADDRNOTAVAIL at ${seconds(summary.firstFailureAt)}, and ${formatCount(summary.totalFailed)} of ${formatCount(summary.totalAttempted)} connects fail (${percent(summary.totalFailed, summary.totalAttempted)}).`,
    );
  } else if (input.closer === "client" && summary.twOverflows > 0 && rate > sustainable) {
    sentences.push(
      `${rateText[0]?.toUpperCase()}${rateText.slice(1)} is more than the ${formatCount(Math.floor(sustainable))} per second the ports could sustain, yet no connect fails: only because sockets skip TIME-WAIT once tcp_max_tw_buckets is reached (see below).`,
    );
  } else if (input.closer === "client" && Number.isFinite(sustainable)) {
    sentences.push(
      `${rateText[0]?.toUpperCase()}${rateText.slice(1)} stays within the ${formatCount(Math.floor(sustainable))} per second the ports can sustain, so no connect fails (peak ${formatCount(summary.peakClientTimeWait)} sockets in TIME-WAIT).`,
    );
  } else {
    sentences.push(`No connect fails in ${seconds(input.durationSeconds)}.`);
  }
  if (summary.totalReused > 0) sentences.push(`${formatCount(summary.totalReused)} connects reused a 4-tuple still in TIME-WAIT.`);
  if (summary.twOverflows > 0) {
    sentences.push(
      `tcp_max_tw_buckets (${formatCount(input.tcp_max_tw_buckets)}) was reached: ${formatCount(summary.twOverflows)} sockets skipped TIME-WAIT altogether, each counted in TcpExtTCPTimeWaitOverflow (nstat).`,
    );
  }
  return sentences.join(" ");
}

/** One paragraph that explains a SYN backlog lab result, in English or Chinese. */
export function explainSynBacklog(input: SynBacklogInput, result: SynBacklogLabResult, locale: Locale = "en"): string {
  if (locale === "zh") return explainSynBacklogZh(input, result);
  const { summary } = result;
  const sentences: string[] = [];
  const capped = input.backlog > input.somaxconn ? ` (listen(${formatCount(input.backlog)}) is capped by somaxconn)` : "";
  sentences.push(
    `The listener's queues hold about ${formatCount(summary.synQueueCapacity)} requests: min(backlog, somaxconn) = ${formatCount(summary.maxAckBacklog)}${capped}.`,
  );
  const attack = input.attackSynPerSecond;
  if (attack > 0) {
    sentences.push(
      `${formatCount(attack)} spoofed SYNs per second never complete the handshake` +
        (input.tcp_syncookies === 2 ? "." : " and occupy the SYN queue until their SYN-ACK retries run out."),
    );
  }
  if (summary.totalCookiesSent > 0) {
    sentences.push(
      input.tcp_syncookies === 2
        ? `With tcp_syncookies=2 every SYN is answered with a cookie (${formatCount(summary.totalCookiesSent)} in all) and no request state is kept.`
        : `Once the SYN queue was full the server answered with SYN cookies instead (${formatCount(summary.totalCookiesSent)} sent)` +
            (summary.totalSynDropped === 0 ? ", so legitimate clients still got through." : "."),
    );
  }
  if (summary.totalSynDropped > 0) {
    sentences.push(`${formatCount(summary.totalSynDropped)} SYNs were dropped.`);
    if (summary.firstLegitDropAt !== null) {
      sentences.push(`Legitimate clients lost SYNs from ${seconds(summary.firstLegitDropAt)} on and retried on their retransmission timer.`);
    }
  }
  const legit = input.legitConnectsPerSecond * input.durationSeconds;
  if (input.legitConnectsPerSecond > 0) {
    sentences.push(
      `${formatCount(summary.totalHandshakesCompleted)} legitimate handshakes completed out of about ${formatCount(legit)} attempts` +
        (summary.totalConnectTimeouts > 0 ? `, and ${formatCount(summary.totalConnectTimeouts)} connect() calls gave up with ETIMEDOUT.` : "."),
    );
  }
  if (input.acceptPerSecond > 0 && summary.peakAcceptQueue > 0) {
    sentences.push(
      `The application accepts only ${formatCount(input.acceptPerSecond)} connections per second, so completed connections queue up (peak ${formatCount(summary.peakAcceptQueue)})` +
        (summary.peakAcceptQueue > summary.maxAckBacklog ? "; with the accept queue full, even cookies stop and SYNs are dropped." : "."),
    );
  }
  if (summary.brokenHandshakes > 0) {
    sentences.push(`${formatCount(summary.brokenHandshakes)} clients believe they are connected although the server dropped their final ACK.`);
  }
  return sentences.join(" ");
}

// ---------------------------------------------------------------------------------------------
// The same explanations in Chinese: the same cases and numbers, written for a Chinese reader.
// ---------------------------------------------------------------------------------------------

function explainTimeWaitZh(input: TimeWaitInput, result: TimeWaitLabResult): string {
  const { summary } = result;
  const sentences: string[] = [];
  const ports = `${formatCount(summary.portsPerDestination)} 个临时端口（${input.portLow}–${input.portHigh}）`;
  const rate = summary.newConnectionsPerSecond;
  const rateText = `每秒新建 ${formatCount(rate)} 条连接`;
  if (input.requestsPerConnection > 1) {
    sentences.push(`每条连接承载 ${formatCount(input.requestsPerConnection)} 个请求，每秒 ${formatCount(input.requestsPerSecond)} 个请求只需要${rateText}。`);
  }
  if (input.closer === "server") {
    sentences.push(
      `服务端先关闭时，TIME-WAIT 落在服务端（最多 ${formatCount(summary.peakServerTimeWait)} 个套接字），客户端的 ${ports}在各自的连接结束后就能立即再用。`,
    );
  } else if (summary.reuseActive) {
    sentences.push(
      `客户端先关闭时，每条连接都会占住它那 ${ports}中的一个，直到 tcp_tw_reuse=${input.tcp_tw_reuse} 可以接管它为止（${seconds((input.tcp_tw_reuse === 0 ? 0 : LINUX_DEFAULTS.tcp_tw_reuse_delay) / 1000, "zh")}之后）。`,
    );
  } else {
    sentences.push(`客户端先关闭时，每条连接都会在整整 ${seconds(summary.timeWaitSeconds, "zh")}的 TIME-WAIT 期间占住它那 ${ports}中的一个。`);
    if (input.tcp_tw_reuse === 2) sentences.push("tcp_tw_reuse=2 只对回环连接生效，所以在这里帮不上忙。");
  }
  const sustainable = summary.sustainableConnectionsPerSecond;
  const limit = `这些端口每秒能够支撑的 ${formatCount(Math.floor(sustainable))} 条`;
  if (summary.firstFailureAt !== null) {
    sentences.push(
      `${rateText}，超过了${limit}：从 ${seconds(summary.firstFailureAt, "zh")}起，connect() 开始以 EADDRNOTAVAIL 失败，${formatCount(summary.totalAttempted)} 次连接中有 ${formatCount(summary.totalFailed)} 次失败（${percent(summary.totalFailed, summary.totalAttempted, "zh")}）。`,
    );
  } else if (input.closer === "client" && summary.twOverflows > 0 && rate > sustainable) {
    sentences.push(`${rateText}，超过了${limit}，却没有任何 connect() 失败：这只是因为达到 tcp_max_tw_buckets 之后，套接字跳过了 TIME-WAIT（见下文）。`);
  } else if (input.closer === "client" && Number.isFinite(sustainable)) {
    sentences.push(`${rateText}，没有超过${limit}，所以没有任何 connect() 失败（TIME-WAIT 套接字最多 ${formatCount(summary.peakClientTimeWait)} 个）。`);
  } else {
    sentences.push(`${seconds(input.durationSeconds, "zh")}内没有任何 connect() 失败。`);
  }
  if (summary.totalReused > 0) sentences.push(`有 ${formatCount(summary.totalReused)} 次 connect() 复用了仍处于 TIME-WAIT 的四元组。`);
  if (summary.twOverflows > 0) {
    sentences.push(
      `达到了 tcp_max_tw_buckets（${formatCount(input.tcp_max_tw_buckets)}）：有 ${formatCount(summary.twOverflows)} 个套接字完全跳过了 TIME-WAIT，每一个都计入 TcpExtTCPTimeWaitOverflow（nstat）。`,
    );
  }
  return sentences.join("");
}

function explainSynBacklogZh(input: SynBacklogInput, result: SynBacklogLabResult): string {
  const { summary } = result;
  const sentences: string[] = [];
  const capped = input.backlog > input.somaxconn ? `（listen(${formatCount(input.backlog)}) 被 somaxconn 截断）` : "";
  sentences.push(
    `监听套接字的队列大约能容纳 ${formatCount(summary.synQueueCapacity)} 个请求：min(backlog, somaxconn) = ${formatCount(summary.maxAckBacklog)}${capped}。`,
  );
  const attack = input.attackSynPerSecond;
  if (attack > 0) {
    sentences.push(
      `每秒 ${formatCount(attack)} 个伪造的 SYN 永远不会完成握手` +
        (input.tcp_syncookies === 2 ? "。" : "，它们会一直占着 SYN 队列，直到各自的 SYN-ACK 重试次数用尽。"),
    );
  }
  if (summary.totalCookiesSent > 0) {
    sentences.push(
      input.tcp_syncookies === 2
        ? `tcp_syncookies=2 时，每个 SYN 都用 cookie 回应（共 ${formatCount(summary.totalCookiesSent)} 个），不保存任何请求状态。`
        : `SYN 队列满了之后，服务端改用 SYN cookie 回应（共发出 ${formatCount(summary.totalCookiesSent)} 个）` +
            (summary.totalSynDropped === 0 ? "，所以合法客户端仍然能连上。" : "。"),
    );
  }
  if (summary.totalSynDropped > 0) {
    sentences.push(`有 ${formatCount(summary.totalSynDropped)} 个 SYN 被丢弃。`);
    if (summary.firstLegitDropAt !== null) {
      sentences.push(`从 ${seconds(summary.firstLegitDropAt, "zh")}起，合法客户端的 SYN 也开始被丢弃，它们只能按重传定时器重试。`);
    }
  }
  const legit = input.legitConnectsPerSecond * input.durationSeconds;
  if (input.legitConnectsPerSecond > 0) {
    sentences.push(
      `约 ${formatCount(legit)} 次合法的连接尝试中，有 ${formatCount(summary.totalHandshakesCompleted)} 次完成了握手` +
        (summary.totalConnectTimeouts > 0 ? `，另有 ${formatCount(summary.totalConnectTimeouts)} 次 connect() 以 ETIMEDOUT 放弃。` : "。"),
    );
  }
  if (input.acceptPerSecond > 0 && summary.peakAcceptQueue > 0) {
    sentences.push(
      `应用每秒只 accept ${formatCount(input.acceptPerSecond)} 条连接，完成握手的连接于是排起了队（最多 ${formatCount(summary.peakAcceptQueue)} 条）` +
        (summary.peakAcceptQueue > summary.maxAckBacklog ? "；accept 队列满了之后，连 cookie 也不再发送，SYN 被丢弃。" : "。"),
    );
  }
  if (summary.brokenHandshakes > 0) {
    sentences.push(`有 ${formatCount(summary.brokenHandshakes)} 个客户端以为自己已经连上了，其实服务端丢掉了它们最后的 ACK。`);
  }
  return sentences.join("");
}
