/**
 * Every simulator challenge. Ids are stable (completions and assignments store them): never
 * rename one; add a new challenge instead. Goals read the engine's trace only.
 */
import type { HostId, ScenarioResult } from "@/domain/tcp";
import type { Challenge, ChallengeSummary, ChallengeText, GoalVerdict } from "./types";
import type { Locale } from "@/domain/locale";
import { arrivalsInState, droppedSegments, gotError, reachedState, retransmittedFin, sentBy } from "./trace-queries";

/**
 * A challenge with its words in every language side by side. The outcomes are the keys of the
 * English feedback: the Chinese feedback must have exactly those keys and the goal may return
 * only those outcomes, or the registry does not compile.
 */
export function defineChallenge<Outcome extends string>(
  challenge: Omit<Challenge, "text" | "goal"> & {
    text: { en: ChallengeText<Outcome>; zh: NoInfer<ChallengeText<Outcome>> };
    goal: (trace: ScenarioResult) => NoInfer<GoalVerdict<Outcome>>;
  },
): Challenge {
  return challenge;
}

const CLOSE_ACTIONS = ["client:close", "server:close", "client:shutdown", "server:shutdown", "client:send", "server:send"] as const;

export const CHALLENGES: readonly Challenge[] = [
  defineChallenge({
    id: "server-retransmits-fin",
    lesson: "four-way-teardown",
    preset: "four-way-close",
    allowed: ["drop"],
    text: {
      en: {
        title: "Make the server retransmit its FIN",
        summary: "Lose one segment of a four-way close so that the server has to send its FIN again.",
        instructions:
          "Both applications close in this run. Step through it and drop one segment while it is in flight so that the server sends its FIN a second time.",
        hint: "The server keeps its FIN on its retransmission timer until an ACK for it arrives. Which segment would that be, and what if the FIN itself never arrives?",
        feedback: {
          reached: "The server's FIN went unacknowledged, so its retransmission timer sent it again.",
          "client-retransmitted":
            "The client retransmitted its FIN, not the server: you dropped the client's FIN (or its ACK). Look at the server's FIN and the ACK that answers it.",
          "fin-sent-once": "The server sent its FIN only once: the ACK it was waiting for arrived. Drop the server's FIN or the client's ACK of it.",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      if (retransmittedFin(trace, "server")) return { reached: true, outcome: "reached" };
      if (retransmittedFin(trace, "client")) return { reached: false, outcome: "client-retransmitted" };
      return { reached: false, outcome: "fin-sent-once" };
    },
  }),
  defineChallenge({
    id: "both-closing",
    lesson: "closing-states",
    preset: "three-way-handshake",
    allowed: CLOSE_ACTIONS,
    text: {
      en: {
        title: "Get both ends into CLOSING",
        summary: "Close both ends so that their FINs cross and each end passes through CLOSING.",
        instructions:
          "The connection is being set up. Once both ends are ESTABLISHED, make both applications close so that each end goes through the CLOSING state.",
        hint: "CLOSING means: I sent a FIN, and the peer's FIN arrived before the ACK of mine. How close together must the two close() calls be with a one-way latency of 10 ms?",
        feedback: {
          reached: "The two FINs crossed in flight: each end received a FIN while waiting for the ACK of its own, so both went through CLOSING.",
          "only-one": "Only the {host} went through CLOSING. Both FINs must be on the wire at the same time.",
          "one-active-closer": "At most one end closed actively; the other received the FIN first and went to CLOSE-WAIT. Close both before either FIN arrives.",
          "fin-already-acked": "Both ends sent a FIN, but one of them had already been acknowledged when the other arrived. Close both ends at the same moment.",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      const client = reachedState(trace, "client", "CLOSING");
      const server = reachedState(trace, "server", "CLOSING");
      if (client && server) return { reached: true, outcome: "reached" };
      if (client || server) {
        const only: HostId = client ? "client" : "server";
        return { reached: false, outcome: "only-one", values: { host: only } };
      }
      if (!reachedState(trace, "client", "FIN-WAIT-1") || !reachedState(trace, "server", "FIN-WAIT-1")) return { reached: false, outcome: "one-active-closer" };
      return { reached: false, outcome: "fin-already-acked" };
    },
  }),
  defineChallenge({
    id: "stuck-close-wait",
    lesson: "closing-states",
    preset: "three-way-handshake",
    allowed: ["client:close", "client:shutdown", "client:send", "client:abort", "server:send", "server:close", "server:shutdown"],
    text: {
      en: {
        title: "Leave the server stuck in CLOSE-WAIT",
        summary: "Reproduce a CLOSE_WAIT leak: the peer has closed, but the server's application never does.",
        instructions:
          "Make the run end (the simulator runs for an hour of virtual time) with the server still in CLOSE-WAIT, as on a server whose application forgets to close its sockets.",
        hint: "CLOSE-WAIT is where a socket waits after the peer's FIN arrived, until its own application calls close(). Who has to close, and who must not?",
        feedback: {
          reached: "The client's FIN arrived, the server acknowledged it and went to CLOSE-WAIT, and nothing ever moves it on: only its application's close() would.",
          "no-fin": "The server never received a FIN, so it never entered CLOSE-WAIT. The client has to close first.",
          "server-closed": "The server's application closed its socket (LAST-ACK), which ends CLOSE-WAIT. Leave the server's socket alone.",
          "server-reset": "The server left CLOSE-WAIT and ended in {state}: sending to a peer that has gone away draws an RST. Let the server's socket sit idle.",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      if (trace.final.server === "CLOSE-WAIT") return { reached: true, outcome: "reached" };
      if (!reachedState(trace, "server", "CLOSE-WAIT")) return { reached: false, outcome: "no-fin" };
      if (reachedState(trace, "server", "LAST-ACK")) return { reached: false, outcome: "server-closed" };
      return { reached: false, outcome: "server-reset", values: { state: trace.final.server } };
    },
  }),
  defineChallenge({
    id: "refused-connect",
    lesson: "three-way-handshake",
    preset: "blank",
    allowed: ["client:connect", "server:listen", "client:listen", "server:connect"],
    text: {
      en: {
        title: "Get a connection refused",
        summary: "Make connect() fail with ECONNREFUSED.",
        instructions: "Both sockets start closed. Make the client's connect() fail with ECONNREFUSED.",
        hint: "A SYN to a port where nobody listens is answered with RST.",
        feedback: {
          reached: "Nobody was listening, so the server's TCP answered the SYN with RST+ACK and connect() failed with ECONNREFUSED.",
          established: "The connection was established: the server was listening (or connecting) when the SYN arrived.",
          "no-syn": "The client never sent a SYN: it has to call connect().",
          "not-refused": "connect() did not fail with ECONNREFUSED.",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      if (gotError(trace, "client", "ECONNREFUSED")) return { reached: true, outcome: "reached" };
      if (reachedState(trace, "client", "ESTABLISHED")) return { reached: false, outcome: "established" };
      if (!trace.segments.some((segment) => segment.from === "client" && segment.flags.includes("SYN"))) return { reached: false, outcome: "no-syn" };
      return { reached: false, outcome: "not-refused" };
    },
  }),
  defineChallenge({
    id: "time-wait-reacks-fin",
    lesson: "time-wait",
    preset: "four-way-close",
    allowed: ["drop"],
    text: {
      en: {
        title: "Make TIME-WAIT acknowledge a retransmitted FIN",
        summary: "Show why TIME-WAIT exists: a FIN retransmitted by the peer reaches the socket in TIME-WAIT, which ACKs it again.",
        instructions:
          "Both applications close. Drop one segment so that a retransmitted FIN arrives at a socket in TIME-WAIT, and that socket acknowledges it again.",
        hint: "Which end is in TIME-WAIT, and what does the other end do when its FIN is not acknowledged?",
        feedback: {
          reached:
            "The last ACK was lost, the server retransmitted its FIN from LAST-ACK, and the client, still in TIME-WAIT, answered it with a new ACK (and restarted its TIME-WAIT timer).",
          "not-in-time-wait":
            "The server retransmitted its FIN, but the client was not in TIME-WAIT when it arrived (its own FIN was not yet acknowledged, or the first FIN never reached it). Drop the client's last ACK instead.",
          "no-retransmission": "No FIN was retransmitted to the side in TIME-WAIT. Which segment, if lost, makes the server repeat its FIN?",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      const reAcked = arrivalsInState(trace, "TIME-WAIT").some(
        ({ segment, replies }) => segment.flags.includes("FIN") && replies.some((reply) => reply.flags.includes("ACK") && !reply.flags.includes("RST")),
      );
      if (reAcked) return { reached: true, outcome: "reached" };
      if (retransmittedFin(trace, "server")) return { reached: false, outcome: "not-in-time-wait" };
      return { reached: false, outcome: "no-retransmission" };
    },
  }),
  defineChallenge({
    id: "syn-timeout",
    lesson: "three-way-handshake",
    preset: "silent-host",
    allowed: ["client:connect", "client:close", "client:abort"],
    text: {
      en: {
        title: "Make connect() give up with ETIMEDOUT",
        summary: "Connect to a host that never answers and see how long Linux keeps retransmitting the SYN.",
        instructions:
          "The server's host is down: everything the client sends is lost. Make the client's connect() fail with ETIMEDOUT, then read the retransmission times off the packet list.",
        hint: "connect() keeps retransmitting the SYN on its retransmission timer; close() or abort() during that time ends the attempt without an error.",
        feedback: {
          reached: "The client sent {syns} SYNs and connect() gave up with ETIMEDOUT at {seconds} s of virtual time.",
          "no-syn": "The client never sent a SYN: call connect().",
          "closed-while-retrying": "The socket was closed while connect() was still retrying, so it never timed out. Let it run.",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      if (gotError(trace, "client", "ETIMEDOUT")) {
        const last = trace.errors.find((error) => error.code === "ETIMEDOUT");
        const syns = sentBy(trace, "client").filter((segment) => segment.flags.includes("SYN")).length;
        return { reached: true, outcome: "reached", values: { syns, seconds: ((last?.t ?? 0) / 1000).toFixed(0) } };
      }
      if (!sentBy(trace, "client").some((segment) => segment.flags.includes("SYN"))) return { reached: false, outcome: "no-syn" };
      return { reached: false, outcome: "closed-while-retrying" };
    },
  }),
  defineChallenge({
    id: "handshake-survives-loss",
    lesson: "three-way-handshake",
    preset: "three-way-handshake",
    allowed: ["drop"],
    text: {
      en: {
        title: "Lose a handshake segment and still connect",
        summary: "Drop a SYN, SYN-ACK or the third ACK and watch retransmission complete the handshake anyway.",
        instructions: "Drop one of the handshake's segments while it is in flight. Both ends must still end up ESTABLISHED.",
        hint: "Each end keeps retransmitting what it has not seen acknowledged: the client its SYN, the server its SYN-ACK.",
        feedback: {
          reached: "A handshake segment was lost, the sender's retransmission timer sent it again, and both ends still reached ESTABLISHED.",
          "nothing-lost": "No handshake segment was lost. Drop the SYN, the SYN-ACK or the client's ACK while it is in flight.",
          "not-connected": "A handshake segment was lost but the two ends never both reached ESTABLISHED.",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      const lost = droppedSegments(trace).filter((segment) => segment.flags.includes("SYN") || (segment.from === "client" && segment.flags.join(",") === "ACK"));
      const connected = reachedState(trace, "client", "ESTABLISHED") && reachedState(trace, "server", "ESTABLISHED");
      if (lost.length > 0 && connected) return { reached: true, outcome: "reached" };
      if (lost.length === 0) return { reached: false, outcome: "nothing-lost" };
      return { reached: false, outcome: "not-connected" };
    },
  }),
  defineChallenge({
    id: "reset-the-peer",
    lesson: "closing-states",
    preset: "three-way-handshake",
    allowed: ["client:close", "client:abort", "client:send", "client:shutdown"],
    text: {
      en: {
        title: "Make the server's application see ECONNRESET",
        summary: "End a connection abruptly so that the peer's application gets ECONNRESET instead of an orderly end of file.",
        instructions: "Once the connection is established, end it from the client so that the server's application gets ECONNRESET.",
        hint: "close() sends a FIN: an orderly end. What does a close with SO_LINGER set to 0 send?",
        feedback: {
          reached: "The client's abort() sent an RST; the server dropped the connection at once and its application got ECONNRESET.",
          "orderly-close": "The client sent a FIN: the server's application sees an orderly end of file and its socket waits in CLOSE-WAIT. Use abort().",
          "no-error": "The server's application got no error. End the connection from the client with abort().",
        },
      },
      zh: {
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
    },
    goal: (trace) => {
      if (gotError(trace, "server", "ECONNRESET")) return { reached: true, outcome: "reached" };
      if (reachedState(trace, "server", "CLOSE-WAIT")) return { reached: false, outcome: "orderly-close" };
      return { reached: false, outcome: "no-error" };
    },
  }),
];

const BY_ID = new Map(CHALLENGES.map((challenge) => [challenge.id, challenge]));

export function getChallenge(id: string): Challenge | null {
  return BY_ID.get(id) ?? null;
}

export function challengeHref(id: string): string {
  return `/playground?challenge=${encodeURIComponent(id)}#challenges`;
}

/** What the instructors' catalog and the playground list: id, title, summary, lesson, where to do it. */
export function challengeSummary({ id, text, lesson }: Challenge, locale: Locale = "en"): ChallengeSummary {
  return { id, title: text[locale].title, summary: text[locale].summary, lesson, href: challengeHref(id) };
}

export const CHALLENGE_LIST: readonly ChallengeSummary[] = CHALLENGES.map((challenge) => challengeSummary(challenge));
