/**
 * The capture-challenge goals' sentences, English and Chinese side by side: the notes under the
 * segments of the judged connection and each outcome's summary. An end is passed as its role and
 * named in the sentence's language (`EN_ROLES`, `ZH_ROLES`).
 */
import type { Role } from "@/domain/tcp/pcap";
import { defineWords } from "@/domain/words";
import type { Localized } from "./types";

/** A value a judge hands its outcome text (`Judgement.vars`). */
type Value = string | number;

/** An end's name in each language: the goals' sentences and the grader's (grade-words.ts) name ends alike. */
export const roleWords = defineWords<Readonly<Record<Role, string>>>({
  en: { client: "client", server: "server" },
  zh: { client: "客户端", server: "服务端" },
});
const EN_ROLES = roleWords("en");
const ZH_ROLES = roleWords("zh");

export const goalWords = defineWords({
  en: {
    tokenIsYours: (from: Role, token: string) => `The ${EN_ROLES[from]}'s data carries your token ${token}: this connection is yours.`,
    noSyn: "The connection's SYN is not in the capture: start the capture first, then run the client.",

    // The server's socket ends in TIME-WAIT
    serverClosesFirst: (server: Role) =>
      `The ${EN_ROLES[server]} sends the first FIN: it closes actively and enters FIN-WAIT-1. TIME-WAIT is always on the end that closes first.`,
    serverEntersTimeWait: (server: Role, client: Role, from: string) =>
      `The ${EN_ROLES[server]} gets the ${EN_ROLES[client]}'s FIN and acknowledges it: ${from} → TIME-WAIT. It stays there for 2 MSL (60 s on Linux), where ss shows it.`,
    clientClosesFirst: (client: Role, server: Role) =>
      `The ${EN_ROLES[client]}'s FIN comes first: the ${EN_ROLES[client]} closes actively, so the TIME-WAIT is on its side; the ${EN_ROLES[server]} goes CLOSE-WAIT → LAST-ACK → CLOSED.`,
    resetBeforeTimeWait: (from: Role) =>
      `The RST from the ${EN_ROLES[from]} ends the connection at once: a reset connection never enters TIME-WAIT.`,
    timeWaitReached: (serverPort: number) =>
      `Goal reached: the server on port ${serverPort} closed first and entered TIME-WAIT when the client's FIN arrived, on a connection carrying your token.`,
    timeWaitTokenCutShort: (token: string) =>
      `The server does enter TIME-WAIT, but the capture cut the payloads short (tcpdump's -s option), so your token ${token} cannot be found. Capture again without -s.`,
    timeWaitNoToken: (token: string) =>
      `The server does enter TIME-WAIT, but no data of this connection carries your token ${token}. The challenge checks the values issued to you: have the server send it, as the commands do.`,
    timeWaitClientClosedFirst:
      "The client closed first, so the TIME-WAIT is on the client's side and the server went through LAST-ACK to CLOSED. Make the server call close() first.",
    timeWaitReset: "A RST ended the connection: a reset connection never enters TIME-WAIT. Close both ends with plain close(), leaving no unread data.",
    timeWaitNoClose: "The connection has no FIN in the capture: it stopped before either end closed. Press Ctrl+C only after both programs have ended.",
    timeWaitNotFinished: (state: Value) =>
      `The server sent the first FIN but is left in ${state} when the capture ends: the client's FIN (or its acknowledgement) is not in the capture. Stop the capture after the client program has ended.`,

    // Connection refused
    refusedSyn: (client: Role, clientPort: number, serverPort: number) =>
      `The ${EN_ROLES[client]}'s SYN from your port ${clientPort} to port ${serverPort}: connect() starts.`,
    refusedSynFromOtherPort: (used: number, clientPort: number) =>
      `This SYN comes from port ${used}, not your port ${clientPort}: bind the client to ${clientPort} before connecting (the bind() in the command).`,
    refusalRst: (flags: string, serverPort: number) =>
      `${flags} with ack 1, acknowledging exactly that SYN: no socket listens on port ${serverPort}, so the kernel refuses with a RST and connect() fails with ECONNREFUSED (RFC 9293 §3.10.7.1; Linux tcp_v4_send_reset()).`,
    rstNotAcknowledgingSyn: "This RST does not acknowledge the SYN, so it is not the refusal of the connection request.",
    synAckListening: (serverPort: number) =>
      `SYN+ACK: something listens on port ${serverPort}, so the connection is accepted. Stop it, or try once nothing listens.`,
    refusedReached: (clientPort: number, serverPort: number) =>
      `Goal reached: the SYN from your port ${clientPort} to port ${serverPort} was answered with RST+ACK, and the connection was refused (ECONNREFUSED).`,
    refusedWrongClientPort: (used: Value, clientPort: number) =>
      `The connection is refused, but the client used port ${used}, not your port ${clientPort}. bind() to ${clientPort} before connecting, as the command does.`,
    refusedListening: (serverPort: number) =>
      `Something listens on port ${serverPort}: the connection was accepted (SYN+ACK). The kernel refuses with a RST only when nothing listens.`,
    refusedUnanswered:
      "The SYN got no answer in the capture: a firewall may have dropped it (that leads to SYN retransmissions, not a refusal), or the capture stopped too soon. A refusal is an immediate RST.",
    refusedResetNotRefusal: "There is a RST, but it does not answer the client's SYN: this is not a refused connection.",

    // Half-close: data after the FIN
    halfCloseFin: (closer: Role, sender: Role) =>
      `The ${EN_ROLES[closer]}'s FIN: it closes its sending side and enters FIN-WAIT-1. The half-close starts here: the ${EN_ROLES[sender]} may still send.`,
    dataAfterFin: (sender: Role, bytes: number) =>
      `After the FIN the ${EN_ROLES[sender]} (in CLOSE-WAIT) still sends data: ${bytes} bytes. CLOSE-WAIT only means the peer sends no more; this end may still send (RFC 9293 §3.10.4).`,
    closedEndResets: (closer: Role) =>
      `The ${EN_ROLES[closer]} answers the data with a RST: its socket was closed entirely (close(), not shutdown(SHUT_WR)), and Linux resets a closed socket that still receives data.`,
    halfClosedEndReceives: (closer: Role, ack: number | null) =>
      `The ${EN_ROLES[closer]} acknowledges the data (ack ${ack}): the half-closed end still receives.`,
    halfCloseReached: (token: string, serverPort: number) =>
      `Goal reached: after one end's FIN the other still sent data (with your token ${token}), and the half-closed end acknowledged it. Port ${serverPort}.`,
    halfCloseNoFin: "The connection has no FIN: neither end closed its sending side. Have the client send one with shutdown(SHUT_WR).",
    halfCloseNoDataAfterFin:
      "After the FIN the other end sent no new data: an ordinary close, not a half-close with data flowing. Have the server send after it reads the end of file.",
    halfCloseTokenBeforeFin: (token: string) => `Data did flow after the FIN, but your token ${token} was sent before it. Send the token after the FIN.`,
    halfCloseTokenCutShort: (token: string) =>
      `Data flowed after the FIN, but the capture cut payloads short (tcpdump's -s option), so your token ${token} cannot be found. Capture again without -s.`,
    halfCloseNoToken: (token: string) =>
      `Data flowed after the FIN, but it does not carry your token ${token}. The challenge checks the values issued to you: send the token after the FIN.`,
    halfCloseResetAfterFin:
      "The data after the FIN drew a RST: the end that sent the FIN called close(), so its socket was gone. Use shutdown(SHUT_WR) to close only the sending side, and keep reading.",
    halfCloseNotAcknowledged:
      "The data sent after the FIN is not acknowledged in the capture: it stopped too soon. Stop the capture after both programs have ended.",

    // A SYN retransmission
    firstSyn: (client: Role, clientPort: number, serverPort: number) =>
      `The ${EN_ROLES[client]}'s first SYN from your port ${clientPort} to port ${serverPort}; its retransmission timer starts (initial RTO 1 s, RFC 6298 §2).`,
    synFromOtherPort: (used: number, clientPort: number) =>
      `This SYN comes from port ${used}, not your port ${clientPort}: bind the client to ${clientPort} before connecting.`,
    synRetransmitted: (count: number, gap: string) =>
      `Retransmission ${count} of the same SYN (same sequence number), ${gap} s after the previous one: no SYN+ACK arrived before the retransmission timer expired.`,
    serverFinallyAnswers: (server: Role, flags: string) => `The ${EN_ROLES[server]} finally answers (${flags}).`,
    serverAnswersAtOnce: (server: Role, flags: string) =>
      `The ${EN_ROLES[server]} answers the first SYN at once (${flags}): no retransmission needed. The SYN must go unanswered (a listener with a full queue, or a host that does not exist).`,
    synReached: (clientPort: number, serverPort: number, copies: Value, gaps: Value) =>
      `Goal reached: the SYN from your port ${clientPort} to port ${serverPort} was sent ${copies} times, ${gaps} s apart. Linux first retransmits at a fixed 1 s (net.ipv4.tcp_syn_linear_timeouts, 4 by default), then doubles each time; macOS and older kernels double from the start.`,
    synWrongClientPort: (used: Value, clientPort: number) =>
      `The SYN was retransmitted, but from port ${used}, not your port ${clientPort}. bind() to ${clientPort} before connecting.`,
    synAnswered:
      "The first SYN was answered, so nothing was retransmitted. Fill the queue of the backlog-0 listener with the first client before running the second.",
    synSingle: (waited: Value) =>
      `The SYN appears once and the capture ends ${waited} s after it: the first retransmission comes after 1 s. Let the client run until its timeout before stopping the capture.`,

    // Close with unread data: RST instead of FIN
    tokenLeftUnread: (sender: Role, receiver: Role, token: string) =>
      `The ${EN_ROLES[sender]}'s data with your token ${token} reaches the ${EN_ROLES[receiver]}: its application never reads it, so it stays in the receive queue.`,
    unreadDataRst: (receiver: Role, flags: string, ack: number | null) =>
      `The ${EN_ROLES[receiver]} sends ${flags} instead of a FIN: close() found unread data in the receive queue, so Linux drops the connection with a RST (RFC 1122 §4.2.2.13; data_was_unread in Linux tcp_close()). Its ack ${ack} shows the data had arrived, unread. The peer's next read gets ECONNRESET.`,
    rstBeforeData: (receiver: Role, sender: Role) =>
      `The ${EN_ROLES[receiver]} sends a RST, but it does not acknowledge the ${EN_ROLES[sender]}'s data: the RST came before the data arrived, not from a close with unread data.`,
    closesInOrder: (receiver: Role) =>
      `The ${EN_ROLES[receiver]} closes in order with a FIN: at close() its receive queue was empty (the application had read the data), so no RST.`,
    laterRst: (receiver: Role) =>
      `The later RST answers data that arrived after the close, which is another rule. The ${EN_ROLES[receiver]} had nothing unread when it closed.`,
    senderResets: (sender: Role) => `The RST comes from the ${EN_ROLES[sender]}, which sent the data, not from the end holding it unread.`,
    unreadReached: (token: string, serverPort: number) =>
      `Goal reached: your token ${token} reached the server on port ${serverPort} and was never read, and the server's close() sent a RST instead of a FIN.`,
    unreadTokenCutShort: (token: string) =>
      `There is a RST for unread data, but the capture cut payloads short (tcpdump's -s option), so your token ${token} cannot be found. Capture again without -s.`,
    unreadNoToken: (token: string) =>
      `There is a RST for unread data, but the unread data does not carry your token ${token}. The challenge checks the values issued to you: have the client send it.`,
    unreadFinNotRst:
      "The server closed in order with a FIN: its application read the data before closing. Leave the data unread in the receive queue, then call close(). (BSD-derived systems such as macOS may discard unread data and send a FIN here; then run the server on Linux.)",
    unreadRstAfterFin:
      "The server closed with a FIN first; the later RST answers data that arrived after the close: it had nothing unread when it closed. Let the data arrive first, leave it unread, then close.",
    unreadRstBeforeData: "The RST comes before the data arrived: let the client send its data first, then close the server.",
    unreadNoData: "No data came before this RST: without unread data this is not the goal. Have the client send your token first.",
    unreadSenderReset: "The RST comes from the end that sent the data (a close() with SO_LINGER 0, say), not from the server holding it unread.",
    unreadNoClose: "The end holding the data sent neither FIN nor RST in the capture: stop the capture after the server has closed.",
  },
  zh: {
    tokenIsYours: (from, token) => `${ZH_ROLES[from]}发出的数据包含你的令牌 ${token}：这条连接是你的。`,
    noSyn: "这条连接的 SYN 不在抓包里：先开始抓包，再运行客户端。",

    serverClosesFirst: (server) => `${ZH_ROLES[server]}先发出 FIN：它是主动关闭的一方，进入 FIN-WAIT-1。TIME-WAIT 总是落在主动关闭的一端。`,
    serverEntersTimeWait: (server, client, from) =>
      `${ZH_ROLES[server]}收到${ZH_ROLES[client]}的 FIN 并确认它：${from} → TIME-WAIT。它会在 TIME-WAIT 中停留 2 MSL（Linux 上是 60 秒），期间 ss 能看到它。`,
    clientClosesFirst: (client, server) =>
      `${ZH_ROLES[client]}先发出 FIN：主动关闭的是${ZH_ROLES[client]}，所以 TIME-WAIT 在${ZH_ROLES[client]}那一端；${ZH_ROLES[server]}走的是 CLOSE-WAIT → LAST-ACK → CLOSED。`,
    resetBeforeTimeWait: (from) => `${ZH_ROLES[from]}发出的 RST 立即结束了连接：复位的连接不会进入 TIME-WAIT。`,
    timeWaitReached: (serverPort) => `目标达成：端口 ${serverPort} 上的服务端先关闭，收到客户端的 FIN 后进入了 TIME-WAIT，而这条连接携带着你的令牌。`,
    timeWaitTokenCutShort: (token) => `服务端确实进入了 TIME-WAIT，但抓包截短了载荷（tcpdump 的 -s 选项），找不到你的令牌 ${token}。去掉 -s 重新抓包。`,
    timeWaitNoToken: (token) =>
      `服务端确实进入了 TIME-WAIT，但这条连接的数据里没有你的令牌 ${token}。挑战检查的是发给你的值：让服务端发送这个令牌（如命令所示）。`,
    timeWaitClientClosedFirst: "客户端先关闭了，所以 TIME-WAIT 在客户端那一端，服务端经过 LAST-ACK 后直接 CLOSED。让服务端先调用 close()。",
    timeWaitReset: "连接被 RST 结束了：复位的连接不会进入 TIME-WAIT。两端都要用普通的 close() 关闭，并且不要留下未读数据。",
    timeWaitNoClose: "抓包里这条连接没有任何 FIN：抓包在任何一端关闭之前就停止了。等两个程序都结束后再按 Ctrl+C。",
    timeWaitNotFinished: (state) =>
      `服务端先发出了 FIN，但抓包结束时它停在 ${state}：客户端的 FIN（或对它的确认）不在抓包里。等客户端程序结束后再停止抓包。`,

    refusedSyn: (client, clientPort, serverPort) => `${ZH_ROLES[client]}从你的端口 ${clientPort} 向端口 ${serverPort} 发出 SYN：connect() 开始了。`,
    refusedSynFromOtherPort: (used, clientPort) =>
      `这个 SYN 来自端口 ${used}，而不是你的端口 ${clientPort}：连接之前要把客户端绑定到 ${clientPort}（如命令中的 bind()）。`,
    refusalRst: (flags, serverPort) =>
      `${flags}，确认号 1 恰好确认了这个 SYN：端口 ${serverPort} 上没有监听的套接字，内核用 RST 拒绝连接，connect() 以 ECONNREFUSED 失败（RFC 9293 §3.10.7.1；Linux tcp_v4_send_reset()）。`,
    rstNotAcknowledgingSyn: "这个 RST 没有确认那个 SYN，所以它不是对连接请求的拒绝。",
    synAckListening: (serverPort) => `SYN+ACK：有程序在端口 ${serverPort} 上监听，所以连接被接受了。停掉它，或者在确认没有监听后再试。`,
    refusedReached: (clientPort, serverPort) =>
      `目标达成：从你的端口 ${clientPort} 发往端口 ${serverPort} 的 SYN 得到了 RST+ACK 的回答，连接被拒绝（ECONNREFUSED）。`,
    refusedWrongClientPort: (used, clientPort) =>
      `连接确实被拒绝了，但客户端用的是端口 ${used}，不是发给你的 ${clientPort}。连接前先 bind() 到 ${clientPort}，如命令所示。`,
    refusedListening: (serverPort) => `端口 ${serverPort} 上有程序在监听，连接被接受了（SYN+ACK）。只有在没有监听者时，内核才会用 RST 拒绝。`,
    refusedUnanswered:
      "SYN 在抓包里没有得到任何回答：可能被防火墙丢弃了（那会导致 SYN 重传，而不是拒绝），也可能抓包停得太早。拒绝是立即返回的 RST。",
    refusedResetNotRefusal: "有 RST，但它没有回答客户端的 SYN：这不是连接被拒绝。",

    halfCloseFin: (closer, sender) =>
      `${ZH_ROLES[closer]}的 FIN：它关闭了自己的发送方向，进入 FIN-WAIT-1。半关闭从这里开始：${ZH_ROLES[sender]}仍然可以发送。`,
    dataAfterFin: (sender, bytes) =>
      `FIN 之后，${ZH_ROLES[sender]}（处于 CLOSE-WAIT）仍在发送数据：${bytes} 字节。CLOSE-WAIT 只表示对方不再发送，本端照常可以发送（RFC 9293 §3.10.4）。`,
    closedEndResets: (closer) =>
      `${ZH_ROLES[closer]}用 RST 回答了这些数据：它的套接字已经完全关闭（调用的是 close()，而不是 shutdown(SHUT_WR)），Linux 对仍收到数据的已关闭套接字发送 RST。`,
    halfClosedEndReceives: (closer, ack) => `${ZH_ROLES[closer]}确认了这些数据（确认号 ${ack}）：半关闭的一端仍在接收。`,
    halfCloseReached: (token, serverPort) =>
      `目标达成：一端发出 FIN 之后，另一端仍然发送了数据（其中有你的令牌 ${token}），而半关闭的一端确认了它们。端口 ${serverPort}。`,
    halfCloseNoFin: "这条连接没有 FIN：没有任何一端关闭发送方向。用 shutdown(SHUT_WR) 让客户端发出 FIN。",
    halfCloseNoDataAfterFin: "FIN 之后，另一端再也没有发送新数据：这只是普通的关闭，不是有数据流动的半关闭。让服务端在读到文件结束之后再发送。",
    halfCloseTokenBeforeFin: (token) => `FIN 之后确实有数据，但你的令牌 ${token} 是在 FIN 之前发送的。令牌要在 FIN 之后发送。`,
    halfCloseTokenCutShort: (token) => `FIN 之后有数据流动，但抓包截短了载荷（tcpdump 的 -s 选项），找不到你的令牌 ${token}。去掉 -s 重新抓包。`,
    halfCloseNoToken: (token) => `FIN 之后有数据流动，但其中没有你的令牌 ${token}。挑战检查的是发给你的值：在 FIN 之后发送这个令牌。`,
    halfCloseResetAfterFin:
      "FIN 之后的数据换来了 RST：发出 FIN 的一端调用的是 close()，套接字已经不在了。用 shutdown(SHUT_WR) 只关闭发送方向，并继续读取。",
    halfCloseNotAcknowledged: "FIN 之后的数据在抓包里没有得到确认：抓包停得太早了。等两个程序都结束后再停止抓包。",

    firstSyn: (client, clientPort, serverPort) =>
      `${ZH_ROLES[client]}从你的端口 ${clientPort} 发出的第一个 SYN，发往端口 ${serverPort}；它的重传定时器开始计时（初始 RTO 为 1 秒，RFC 6298 §2）。`,
    synFromOtherPort: (used, clientPort) => `这个 SYN 来自端口 ${used}，而不是你的端口 ${clientPort}：连接前要把客户端绑定到 ${clientPort}。`,
    synRetransmitted: (count, gap) =>
      `第 ${count} 次重传同一个 SYN（序列号相同），距上一次 ${gap} 秒：在此之前没有 SYN+ACK 到达，重传定时器到期了。`,
    serverFinallyAnswers: (server, flags) => `${ZH_ROLES[server]}终于回答了（${flags}）。`,
    serverAnswersAtOnce: (server, flags) =>
      `${ZH_ROLES[server]}立即回答了第一个 SYN（${flags}）：不需要重传。要让 SYN 得不到回答（队列已满的监听者，或不存在的主机）。`,
    synReached: (clientPort, serverPort, copies, gaps) =>
      `目标达成：从你的端口 ${clientPort} 发往端口 ${serverPort} 的 SYN 一共发送了 ${copies} 次，间隔 ${gaps} 秒。Linux 先以固定 1 秒的间隔重传（net.ipv4.tcp_syn_linear_timeouts，默认 4 次），之后每次加倍；macOS 和较早的内核从一开始就加倍。`,
    synWrongClientPort: (used, clientPort) => `SYN 确实被重传了，但客户端用的是端口 ${used}，不是发给你的 ${clientPort}。连接前先 bind() 到 ${clientPort}。`,
    synAnswered: "第一个 SYN 就得到了回答，所以没有重传。先用第一个客户端占满 backlog 为 0 的监听者的队列，再运行第二个客户端。",
    synSingle: (waited) => `SYN 只出现了一次，抓包在它之后 ${waited} 秒就结束了：第一次重传在 1 秒后。让客户端等到超时再停止抓包。`,

    tokenLeftUnread: (sender, receiver, token) =>
      `${ZH_ROLES[sender]}的数据带着你的令牌 ${token} 到达${ZH_ROLES[receiver]}：它的应用从未读取，数据留在接收队列里。`,
    unreadDataRst: (receiver, flags, ack) =>
      `${ZH_ROLES[receiver]}发出 ${flags} 而不是 FIN：close() 时接收队列里还有未读数据，Linux 丢弃连接并发送 RST（RFC 1122 §4.2.2.13；Linux tcp_close() 中的 data_was_unread）。它的确认号 ${ack} 表明数据已经到达却没被读取。对方下一次读取会得到 ECONNRESET。`,
    rstBeforeData: (receiver, sender) =>
      `${ZH_ROLES[receiver]}发出了 RST，但它没有确认${ZH_ROLES[sender]}的数据：RST 发生在数据到达之前，不是“带着未读数据关闭”。`,
    closesInOrder: (receiver) => `${ZH_ROLES[receiver]}用 FIN 正常关闭：close() 时接收队列是空的（应用读过数据），所以是有序关闭，而不是 RST。`,
    laterRst: (receiver) => `之后的 RST 回答的是关闭后才到达的数据，这是另一条规则。${ZH_ROLES[receiver]}关闭时没有未读数据。`,
    senderResets: (sender) => `RST 来自发送数据的${ZH_ROLES[sender]}，而不是持有未读数据的一端。`,
    unreadReached: (token, serverPort) =>
      `目标达成：你的令牌 ${token} 到达端口 ${serverPort} 上的服务端后一直未被读取，服务端 close() 时发出了 RST，而不是 FIN。`,
    unreadTokenCutShort: (token) => `确实有一个未读数据导致的 RST，但抓包截短了载荷（tcpdump 的 -s 选项），找不到你的令牌 ${token}。去掉 -s 重新抓包。`,
    unreadNoToken: (token) => `确实有一个未读数据导致的 RST，但未读的数据里没有你的令牌 ${token}。挑战检查的是发给你的值：让客户端发送这个令牌。`,
    unreadFinNotRst:
      "服务端用 FIN 正常关闭了：它的应用在关闭前读取了数据。要让数据留在接收队列里不读，再调用 close()。（macOS 等 BSD 系统在这种情况下可能丢弃未读数据并发送 FIN；那就在 Linux 上运行服务端。）",
    unreadRstAfterFin: "服务端先用 FIN 关闭，之后的 RST 回答的是关闭后才到达的数据：关闭时它没有未读数据。让数据先到达，保持不读，再关闭。",
    unreadRstBeforeData: "RST 出现在数据到达之前：先让客户端发送数据，再让服务端关闭。",
    unreadNoData: "这个 RST 之前没有任何数据：没有未读数据，就不是这个目标。让客户端先发送你的令牌。",
    unreadSenderReset: "RST 来自发送数据的一端（例如 SO_LINGER 为 0 的 close()），而不是持有未读数据的服务端。",
    unreadNoClose: "持有数据的一端在抓包里既没有发 FIN 也没有发 RST：等服务端关闭之后再停止抓包。",
  },
});

export type GoalWords = ReturnType<typeof goalWords>;

/**
 * A goal's text in every language, for the `Localized` notes and summaries the grader picks from
 * (a judgement is made once and explained in whichever language asks).
 */
export function both(write: (words: GoalWords) => string): Localized {
  return { en: write(goalWords("en")), zh: write(goalWords("zh")) };
}
