/**
 * What the challenges say, in each language: title, summary, instructions, hint and the feedback
 * for every outcome of the goal. English lives with each challenge in registry.ts; Chinese is
 * here, keyed by challenge id and outcome. `checkChallengeTexts` (run by the tests) fails with a
 * message naming the challenge and the key when a text is missing, empty or extra, or when its
 * placeholders differ from the English.
 */
import { z } from "zod";
import type { HostId } from "@/domain/tcp";
import { CHALLENGES } from "./registry";
import type { Challenge, GoalResult } from "./types";
import type { Locale } from "@/domain/locale";

export type ChallengeText = {
  title: string;
  summary: string;
  instructions: string;
  hint: string;
  /** By outcome, exactly the keys of the challenge's English `feedback`. */
  feedback: Readonly<Record<string, string>>;
};

const HOSTS: Readonly<Record<Locale, Readonly<Record<HostId, string>>>> = {
  en: { client: "client", server: "server" },
  zh: { client: "客户端", server: "服务端" },
};

export const CHALLENGE_TEXT_ZH: Readonly<Record<string, ChallengeText>> = {
  "server-retransmits-fin": {
    title: "让服务端重传它的 FIN",
    summary: "在四次挥手中弄丢一个报文段，让服务端不得不再次发送它的 FIN。",
    instructions: "在这次运行中，两端的应用都会关闭。单步执行，并在某个报文段传输途中丢弃它，使服务端第二次发送它的 FIN。",
    hint: "在收到对自己 FIN 的 ACK 之前，服务端会一直让这个 FIN 挂在重传定时器上。那是哪个报文段？如果 FIN 本身根本没有到达呢？",
    feedback: {
      reached: "服务端的 FIN 一直没有得到确认，于是它的重传定时器把它又发了一遍。",
      "client-retransmitted": "重传 FIN 的是客户端，而不是服务端：你丢弃的是客户端的 FIN（或对它的 ACK）。看看服务端的 FIN，以及回应它的那个 ACK。",
      "fin-sent-once": "服务端的 FIN 只发了一次：它等待的 ACK 到达了。丢弃服务端的 FIN，或者客户端对它的 ACK。",
    },
  },
  "both-closing": {
    title: "让两端都进入 CLOSING",
    summary: "关闭两端，让它们的 FIN 在途中交错，使每一端都经过 CLOSING。",
    instructions: "连接正在建立。等两端都进入 ESTABLISHED 后，让双方的应用都关闭，使每一端都经过 CLOSING 状态。",
    hint: "CLOSING 的意思是：我发出了 FIN，而对方的 FIN 比对我这个 FIN 的 ACK 先到。在单程延迟为 10 毫秒时，两次 close() 调用必须相隔多近？",
    feedback: {
      reached: "两个 FIN 在途中交错：每一端都在等待对自己 FIN 的 ACK 时收到了对方的 FIN，所以双方都经过了 CLOSING。",
      "only-one": "只有{host}经过了 CLOSING。两个 FIN 必须同时在线路上。",
      "one-active-closer": "最多只有一端主动关闭；另一端先收到了 FIN，进入了 CLOSE-WAIT。要在任何一个 FIN 到达之前关闭两端。",
      "fin-already-acked": "两端都发出了 FIN，但其中一个在另一个到达时已经被确认了。要在同一时刻关闭两端。",
    },
  },
  "stuck-close-wait": {
    title: "让服务端卡在 CLOSE-WAIT",
    summary: "重现一次 CLOSE_WAIT 泄漏：对端已经关闭，服务端的应用却一直不关闭。",
    instructions: "让运行结束时（模拟器会运行一小时的虚拟时间）服务端仍然处于 CLOSE-WAIT，就像一台应用忘了关闭套接字的服务器那样。",
    hint: "CLOSE-WAIT 是套接字收到对方 FIN 之后、等待自己的应用调用 close() 时所处的状态。谁必须关闭，谁又不能关闭？",
    feedback: {
      reached: "客户端的 FIN 到达，服务端确认了它并进入 CLOSE-WAIT，之后再也没有任何东西推动它离开：只有它的应用调用 close() 才行。",
      "no-fin": "服务端从未收到 FIN，所以它从未进入 CLOSE-WAIT。必须由客户端先关闭。",
      "server-closed": "服务端的应用关闭了它的套接字（LAST-ACK），这就结束了 CLOSE-WAIT。别去动服务端的套接字。",
      "server-reset": "服务端离开了 CLOSE-WAIT，最终处于 {state}：向一个已经离开的对端发送数据会招来 RST。让服务端的套接字闲着就好。",
    },
  },
  "refused-connect": {
    title: "让连接被拒绝",
    summary: "让 connect() 以 ECONNREFUSED 失败。",
    instructions: "两个套接字一开始都是关闭的。让客户端的 connect() 以 ECONNREFUSED 失败。",
    hint: "发往无人监听端口的 SYN 会得到 RST 的回应。",
    feedback: {
      reached: "没有程序在监听，于是服务端的 TCP 用 RST+ACK 回应了 SYN，connect() 以 ECONNREFUSED 失败。",
      established: "连接建立起来了：SYN 到达时，服务端正在监听（或者也在发起连接）。",
      "no-syn": "客户端从未发出 SYN：它必须调用 connect()。",
      "not-refused": "connect() 没有以 ECONNREFUSED 失败。",
    },
  },
  "time-wait-reacks-fin": {
    title: "让 TIME-WAIT 确认一个重传的 FIN",
    summary: "展示 TIME-WAIT 存在的理由：对端重传的 FIN 到达处于 TIME-WAIT 的套接字，后者再次确认它。",
    instructions: "两端的应用都会关闭。丢弃一个报文段，让一个重传的 FIN 到达处于 TIME-WAIT 的套接字，并让这个套接字再次确认它。",
    hint: "哪一端处于 TIME-WAIT？另一端的 FIN 得不到确认时，它会怎么做？",
    feedback: {
      reached: "最后的 ACK 丢失了，服务端从 LAST-ACK 重传了它的 FIN，仍处于 TIME-WAIT 的客户端用一个新的 ACK 回应了它（并重新开始 TIME-WAIT 计时）。",
      "not-in-time-wait":
        "服务端重传了它的 FIN，但它到达时客户端并不处于 TIME-WAIT（客户端自己的 FIN 还没有被确认，或者第一个 FIN 根本没有到达它）。改为丢弃客户端最后的 ACK。",
      "no-retransmission": "没有 FIN 被重传给处于 TIME-WAIT 的一方。丢失哪个报文段，会让服务端重发它的 FIN？",
    },
  },
  "syn-timeout": {
    title: "让 connect() 以 ETIMEDOUT 放弃",
    summary: "连接一台从不应答的主机，看看 Linux 会重传 SYN 多久。",
    instructions: "服务端所在的主机宕机了：客户端发出的一切都会丢失。让客户端的 connect() 以 ETIMEDOUT 失败，然后从分组列表里读出每次重传的时间。",
    hint: "connect() 会按重传定时器不断重传 SYN；在此期间调用 close() 或 abort() 会结束这次尝试，而且不会报错。",
    feedback: {
      reached: "客户端发出了 {syns} 个 SYN，connect() 在虚拟时间第 {seconds} 秒以 ETIMEDOUT 放弃。",
      "no-syn": "客户端从未发出 SYN：调用 connect()。",
      "closed-while-retrying": "connect() 还在重试时套接字就被关闭了，所以它始终没有超时。让它跑下去。",
    },
  },
  "handshake-survives-loss": {
    title: "丢掉一个握手报文段，照样建立连接",
    summary: "丢弃 SYN、SYN-ACK 或第三个 ACK，看重传如何照样完成握手。",
    instructions: "在握手的某个报文段传输途中丢弃它。两端最终仍然都必须进入 ESTABLISHED。",
    hint: "每一端都会重传还没有被确认的东西：客户端重传它的 SYN，服务端重传它的 SYN-ACK。",
    feedback: {
      reached: "一个握手报文段丢失了，发送方的重传定时器把它又发了一遍，两端仍然都进入了 ESTABLISHED。",
      "nothing-lost": "没有任何握手报文段丢失。在 SYN、SYN-ACK 或客户端的 ACK 传输途中丢弃它。",
      "not-connected": "一个握手报文段丢失了，但两端始终没有都进入 ESTABLISHED。",
    },
  },
  "reset-the-peer": {
    title: "让服务端的应用收到 ECONNRESET",
    summary: "粗暴地结束一条连接，让对端的应用收到 ECONNRESET，而不是一个有序的文件结束。",
    instructions: "连接建立之后，从客户端结束它，让服务端的应用收到 ECONNRESET。",
    hint: "close() 发出的是 FIN：一次有序的结束。SO_LINGER 设为 0 时关闭，发出的又是什么？",
    feedback: {
      reached: "客户端的 abort() 发出了一个 RST；服务端立即丢弃了这条连接，它的应用收到 ECONNRESET。",
      "orderly-close": "客户端发出的是 FIN：服务端的应用看到的是一次有序的文件结束，它的套接字停在 CLOSE-WAIT。用 abort()。",
      "no-error": "服务端的应用没有收到任何错误。从客户端用 abort() 结束这条连接。",
    },
  },
};

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort().join(",");

/**
 * Checks the Chinese texts against the registry: every challenge, every field, every outcome,
 * nothing extra, the same placeholders. Returns one line per problem (empty when all is well).
 */
export function checkChallengeTexts(challenges: readonly Challenge[] = CHALLENGES, texts: Readonly<Record<string, unknown>> = CHALLENGE_TEXT_ZH): string[] {
  const text = z.string({ error: (issue) => (issue.input === undefined ? "missing" : "must be text") }).trim().min(1, "must not be empty");
  const problems: string[] = [];
  for (const extra of Object.keys(texts).filter((id) => !challenges.some((c) => c.id === id))) problems.push(`${extra}: no such challenge`);
  for (const challenge of challenges) {
    const schema = z.strictObject({
      title: text,
      summary: text,
      instructions: text,
      hint: text,
      feedback: z.strictObject(Object.fromEntries(Object.keys(challenge.feedback).map((outcome) => [outcome, text]))),
    });
    const parsed = schema.safeParse(texts[challenge.id]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = [challenge.id, ...issue.path].join(".");
        problems.push(issue.code === "unrecognized_keys" ? `${where}: ${issue.keys.join(", ")}: no such key in the English challenge` : `${where}: ${issue.message}`);
      }
      continue;
    }
    for (const [outcome, english] of Object.entries(challenge.feedback)) {
      const translated = parsed.data.feedback[outcome] ?? "";
      if (placeholders(translated) !== placeholders(english)) problems.push(`${challenge.id}.feedback.${outcome}: placeholders {${placeholders(translated)}} instead of {${placeholders(english)}}`);
    }
  }
  return problems;
}

/** A challenge's texts in the given language (English when a translation is missing). */
export function challengeText(challenge: Challenge, locale: Locale = "en"): ChallengeText {
  return (locale === "zh" ? CHALLENGE_TEXT_ZH[challenge.id] : undefined) ?? challenge;
}

/** Asks the challenge's goal about a trace and writes its feedback out in `locale`. */
export function judge(challenge: Challenge, trace: Parameters<Challenge["goal"]>[0], locale: Locale = "en"): GoalResult {
  const verdict = challenge.goal(trace);
  const template = challengeText(challenge, locale).feedback[verdict.outcome] ?? challenge.feedback[verdict.outcome] ?? verdict.outcome;
  const values = verdict.values ?? {};
  const feedback = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return name === "host" && (value === "client" || value === "server") ? HOSTS[locale][value] : String(value);
  });
  return { reached: verdict.reached, outcome: verdict.outcome, feedback };
}

const REFUSALS_ZH: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
  [/^Only the server decides whether a challenge is complete: send the actions, not a result\.$/, () => "挑战是否完成只由服务器判定：请发送操作，而不是结果。"],
  [/^The action log is too long: at most (\d+) actions are accepted\.$/, (n) => `操作记录太长：最多接受 ${n} 个操作。`],
  [/^The action log is not valid, so it was not checked\.$/, () => "操作记录无效，因此没有检查。"],
  [/^There is no challenge "(.*)"\.$/, (id) => `没有名为“${id}”的挑战。`],
  [/^The log uses actions this challenge does not allow\.$/, () => "操作记录中用到了这个挑战不允许的操作。"],
  [/^(\S+): (\S+) is not allowed here \(allowed: (.+)\)$/, (where, key, allowed) => `${where}：这里不允许 ${key}（允许的操作：${allowed}）`],
  [/^(\S+): not accepted from the browser$/, (key) => `${key}：不接受浏览器发来的这个字段`],
];

/** The server's refusal of a log (and its issues) in Chinese; unknown texts stay as they are. */
export function refusalZh(text: string): string {
  for (const [pattern, translate] of REFUSALS_ZH) {
    const match = pattern.exec(text);
    if (match) return translate(...match.slice(1).map((group) => group ?? ""));
  }
  return text;
}
