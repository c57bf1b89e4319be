/**
 * What each capture challenge asks, in English and Chinese, without its grading: the challenge
 * pages load this (and the commands) in the browser; the goals that judge a capture live in
 * goals.ts and are joined in registry.ts. Ids are stable (completions and assignments store them,
 * in the same namespace as the simulator challenges, hence the "capture-" prefix): never rename one.
 */
import { COMMANDS } from "./commands";
import type { CaptureLocale, CaptureValues, CommandStep, Localized, OperatingSystem, ValueName } from "./types";

export interface CaptureChallengeInfo {
  id: string;
  /** The lesson it belongs to (a content folder). */
  lesson: string;
  /** The issued values its goal checks. */
  uses: readonly ValueName[];
  title: Localized;
  /** One sentence for lists and the instructors' catalog. */
  summary: Localized;
  /** The goal, with the learner's values. */
  goal: (values: CaptureValues) => Localized;
  /** What the capture will show and why it matters. */
  background: Localized;
}

/** What a challenge says in one language; each entry gives it for every language, so a missing text is a type error. */
interface CaptureChallengeText {
  title: string;
  summary: string;
  goal: (values: CaptureValues) => string;
  background: string;
}

interface CaptureChallengeEntry {
  id: string;
  lesson: string;
  uses: readonly ValueName[];
  text: Readonly<Record<CaptureLocale, CaptureChallengeText>>;
}

const ENTRIES: readonly CaptureChallengeEntry[] = [
  {
    id: "capture-server-time-wait",
    lesson: "time-wait",
    uses: ["serverPort", "token"],
    text: {
      en: {
        title: "Put a server's socket into TIME-WAIT",
        summary: "On your own machine, make the server close first so that its socket, not the client's, waits in TIME-WAIT.",
        goal: (v) => `Run a server on port ${v.serverPort} that sends your token ${v.token} to its client and closes the connection first, so that its socket ends in TIME-WAIT. Capture that connection and upload it.`,
        background: "TIME-WAIT belongs to whichever end closes first. Servers that close first (HTTP/1.0, many proxies) collect thousands of TIME-WAIT sockets on their own port; clients that close first keep them on ephemeral ports.",
      },
      zh: {
        title: "让服务端的套接字进入 TIME-WAIT",
        summary: "在你自己的机器上，让服务端先关闭，使等待在 TIME-WAIT 中的是服务端的套接字，而不是客户端的。",
        goal: (v) => `在端口 ${v.serverPort} 上运行一个服务端，让它向客户端发送令牌 ${v.token}，并且先关闭连接，使它的套接字最终处于 TIME-WAIT。抓下这条连接并上传。`,
        background: "TIME-WAIT 属于先关闭的那一端。先关闭的服务端（HTTP/1.0、许多代理）会在自己的端口上积累成千上万个 TIME-WAIT 套接字；先关闭的客户端则把它们留在临时端口上。",
      },
    },
  },
  {
    id: "capture-connection-refused",
    lesson: "three-way-handshake",
    uses: ["serverPort", "clientPort"],
    text: {
      en: {
        title: "Get a connection refused",
        summary: "Connect to a port where nothing listens and capture the RST that refuses the SYN.",
        goal: (v) => `Connect from local port ${v.clientPort} to port ${v.serverPort}, where nothing listens, so that connect() fails with ECONNREFUSED. Capture the attempt and upload it.`,
        background: "A SYN to a closed port is answered at once with RST+ACK (RFC 9293 §3.10.7.1): that is the difference between 'connection refused' and a timeout, where nothing answers at all.",
      },
      zh: {
        title: "让连接被拒绝",
        summary: "连接一个没有程序监听的端口，抓下拒绝这个 SYN 的 RST。",
        goal: (v) => `从本机端口 ${v.clientPort} 连接端口 ${v.serverPort}（那里没有程序监听），让 connect() 以 ECONNREFUSED 失败。抓下这次尝试并上传。`,
        background: "发往关闭端口的 SYN 会立即得到 RST+ACK 的回答（RFC 9293 §3.10.7.1）：这就是“连接被拒绝”和超时（根本没有回答）的区别。",
      },
    },
  },
  {
    id: "capture-half-close",
    lesson: "closing-states",
    uses: ["serverPort", "token"],
    text: {
      en: {
        title: "Show a half-close with data after the FIN",
        summary: "Close one direction with shutdown(SHUT_WR) and capture the other end still sending data after the FIN.",
        goal: (v) => `On a connection to port ${v.serverPort}, have the client send its FIN first (closing only its sending side), then have the server send your token ${v.token} after that FIN, and the client acknowledge it. Capture the connection and upload it.`,
        background: "A FIN closes one direction only. The end that received it sits in CLOSE-WAIT and may keep sending for as long as it likes: that is how a client says 'that was my whole request' and still reads the answer.",
      },
      zh: {
        title: "展示 FIN 之后仍有数据流动的半关闭",
        summary: "用 shutdown(SHUT_WR) 关闭一个方向，抓下另一端在 FIN 之后仍在发送数据。",
        goal: (v) => `在端口 ${v.serverPort} 上建立连接，让客户端先发出 FIN（只关闭发送方向），然后让服务端在这个 FIN 之后发送令牌 ${v.token}，客户端确认它。抓下这条连接并上传。`,
        background: "FIN 只关闭一个方向。收到它的一端处于 CLOSE-WAIT，想发送多久就可以发送多久：客户端正是这样表示“我的请求发完了”，同时仍能读取回答。",
      },
    },
  },
  {
    id: "capture-syn-retransmission",
    lesson: "three-way-handshake",
    uses: ["serverPort", "clientPort"],
    text: {
      en: {
        title: "Catch a SYN retransmission",
        summary: "Make a listener drop a SYN and capture the client sending it again when its retransmission timer expires.",
        goal: (v) => `From local port ${v.clientPort}, send port ${v.serverPort} a SYN that goes unanswered, so that the client retransmits it at least once. Capture the attempt and upload it.`,
        background: "A listener whose accept queue is full drops new SYNs silently (Linux counts them in ListenOverflows): the client only sees time pass and retransmits. This is what a server too slow to accept() looks like from outside.",
      },
      zh: {
        title: "抓到一次 SYN 重传",
        summary: "让监听者丢弃一个 SYN，抓下客户端在重传定时器到期时再次发送它。",
        goal: (v) => `从本机端口 ${v.clientPort} 向端口 ${v.serverPort} 发出一个得不到回答的 SYN，让客户端至少重传一次。抓下这次尝试并上传。`,
        background: "全连接队列已满的监听者会默默丢弃新的 SYN（Linux 把它们计入 ListenOverflows）：客户端只看到时间流逝，于是重传。一台来不及 accept() 的服务器从外面看就是这样。",
      },
    },
  },
  {
    id: "capture-unread-rst",
    lesson: "closing-states",
    uses: ["serverPort", "token"],
    text: {
      en: {
        title: "Close with unread data and see the RST",
        summary: "Close a socket that still holds unread data and capture the RST Linux sends instead of a FIN.",
        goal: (v) => `Have a client send your token ${v.token} to a server on port ${v.serverPort} that closes the connection without ever reading it, so that it sends a RST instead of a FIN. Capture the connection and upload it.`,
        background: "Closing with unread data tells the peer that data was lost, so Linux resets the connection instead of closing it in order (RFC 1122 §4.2.2.13). A server that closes before reading the whole request produces exactly this, and the client sees ECONNRESET.",
      },
      zh: {
        title: "带着未读数据关闭，看到 RST",
        summary: "关闭一个仍有未读数据的套接字，抓下 Linux 发出的 RST（而不是 FIN）。",
        goal: (v) => `让客户端向端口 ${v.serverPort} 上的服务端发送令牌 ${v.token}，服务端从不读取就关闭连接，于是发出 RST 而不是 FIN。抓下这条连接并上传。`,
        background: "带着未读数据关闭意味着有数据丢失，所以 Linux 会复位连接而不是有序关闭（RFC 1122 §4.2.2.13）。一个没读完请求就关闭的服务器正会产生这种情况，客户端看到的是 ECONNRESET。",
      },
    },
  },
];

/** One text of an entry in every language. */
function inEveryLanguage(text: CaptureChallengeEntry["text"], pick: (words: CaptureChallengeText) => string): Localized {
  return { en: pick(text.en), zh: pick(text.zh) };
}

export const CAPTURE_CATALOG: readonly CaptureChallengeInfo[] = ENTRIES.map(({ id, lesson, uses, text }) => ({
  id,
  lesson,
  uses,
  title: inEveryLanguage(text, (words) => words.title),
  summary: inEveryLanguage(text, (words) => words.summary),
  goal: (values) => inEveryLanguage(text, (words) => words.goal(values)),
  background: inEveryLanguage(text, (words) => words.background),
}));

const INFO_BY_ID = new Map(CAPTURE_CATALOG.map((challenge) => [challenge.id, challenge]));

export function getCaptureChallengeInfo(id: string): CaptureChallengeInfo | null {
  return INFO_BY_ID.get(id) ?? null;
}

export function captureChallengeHref(id: string, locale: CaptureLocale = "en"): string {
  return `${locale === "zh" ? "/zh" : ""}/capture-challenges/${encodeURIComponent(id)}`;
}

export function captureCommands(challengeId: string, values: CaptureValues, os: OperatingSystem): CommandStep[] {
  return COMMANDS[challengeId]!(values, os);
}

/** What the instructors' catalog lists: id, title, summary, lesson, where to do it (English). */
export const CAPTURE_CHALLENGE_LIST = CAPTURE_CATALOG.map(({ id, title, summary, lesson }) => ({
  id,
  title: title.en,
  summary: summary.en,
  lesson,
  href: captureChallengeHref(id),
}));
