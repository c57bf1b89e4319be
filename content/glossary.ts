/**
 * The course glossary: every RFC 9293 state, every header flag, every sysctl the course talks
 * about, and the concepts around them, in English and Chinese. Lessons link to entries with
 * `<Term id="time-wait">TIME-WAIT</Term>`; /glossary and /zh/glossary render them.
 *
 * Text may use `code`, [[other-id]] or [[other-id|label]] links to other entries, and
 * {fact:linux.tcp_fin_timeout} for a number from the engine (domain/content/facts.ts): defaults are
 * never typed by hand.
 */
import { z } from "zod";
import { isFactName } from "@/domain/content/facts";

const localized = z.object({ en: z.string().min(1), zh: z.string().min(1) });

export const GLOSSARY_KINDS = ["state", "flag", "sysctl", "socket-option", "timer", "concept"] as const;

const glossaryEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "lowercase, digits, - or _"),
  kind: z.enum(GLOSSARY_KINDS),
  term: localized,
  /** Other spellings readers meet: Linux's `TIME_WAIT`, `SYN_RECV`, the sysctl's full path. */
  aliases: z.array(z.string().min(1)).default([]),
  /** One sentence, shown as the tooltip of a `<Term>`. */
  short: localized.refine((text) => text.en.length <= 220 && text.zh.length <= 120, "short definitions stay short"),
  body: localized,
  /** Numbers shown with the entry, each from the engine's constants. */
  facts: z
    .array(z.object({ fact: z.string().refine(isFactName, "unknown fact name"), label: localized }))
    .default([]),
  /** For settings that no longer exist. */
  removedIn: z.string().optional(),
  related: z.array(z.string()).default([]),
});

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
export type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

const linuxDefault = { en: "Default on Linux", zh: "Linux 默认值" };

const ENTRIES: Array<z.input<typeof glossaryEntrySchema>> = [
  // ── States (RFC 9293 §3.3.2) ────────────────────────────────────────────────────────────
  {
    id: "closed",
    kind: "state",
    term: { en: "CLOSED", zh: "CLOSED" },
    aliases: ["CLOSE", "UNCONN"],
    short: {
      en: "No connection at all: the “fictional” state before a connection exists and after it is gone.",
      zh: "没有连接：连接建立之前和彻底结束之后的“虚构”状态。",
    },
    body: {
      en: "RFC 9293 calls CLOSED fictional because there is no connection record (TCB) in it. A client socket is CLOSED until `connect()`; every connection ends here, after [[time-wait]] on the active closer and after [[last-ack]] on the passive closer. A closed connection is in none of the kernel's tables, so `ss` and `netstat` do not list it; where `ss` shows the kernel's CLOSE state (a socket that is only bound), it prints `UNCONN`, and `/proc/net/tcp` numbers the state `07`.",
      zh: "RFC 9293 称 CLOSED 为“虚构”的状态，因为此时并不存在连接控制块（TCB）。客户端套接字在调用 `connect()` 之前处于 CLOSED；每条连接最终都回到这里：主动关闭方经过 [[time-wait]]，被动关闭方经过 [[last-ack]]。已关闭的连接不在内核的任何一张表里，所以 `ss` 和 `netstat` 都不会列出它；`ss` 显示内核的 CLOSE 状态时（比如一个只绑定了地址的套接字），打印的是 `UNCONN`，`/proc/net/tcp` 中这个状态的编号是 `07`。",
    },
    related: ["listen", "time-wait"],
  },
  {
    id: "listen",
    kind: "state",
    term: { en: "LISTEN", zh: "LISTEN" },
    short: {
      en: "A server socket waiting for connection requests (SYNs) after `listen()`.",
      zh: "服务端套接字调用 `listen()` 后等待连接请求（SYN）的状态。",
    },
    body: {
      en: "A listening socket belongs to no connection. Each SYN it accepts creates a new connection in [[syn-received]]; finished handshakes wait in the [[accept-queue]] until the application calls `accept()`. This is the *passive open*.",
      zh: "监听套接字本身不属于任何连接。它每接受一个 SYN，就生成一条处于 [[syn-received]] 的新连接；完成握手的连接在 [[accept-queue]] 中等待应用调用 `accept()`。这就是“被动打开”。",
    },
    related: ["syn-received", "somaxconn"],
  },
  {
    id: "syn-sent",
    kind: "state",
    term: { en: "SYN-SENT", zh: "SYN-SENT" },
    aliases: ["SYN_SENT"],
    short: {
      en: "The client has sent its SYN and waits for the SYN+ACK.",
      zh: "客户端已发出 SYN，正在等待对方的 SYN+ACK。",
    },
    body: {
      en: "Entered by `connect()` (the *active open*). If no answer comes, Linux retransmits the SYN [[tcp_syn_linear_timeouts]] + [[tcp_syn_retries]] times ({fact:linux.synRetransmissions} with the defaults) and then fails `connect()` with `ETIMEDOUT`. A reset counts in this state only if its ACK acknowledges our SYN; then `connect()` fails with `ECONNREFUSED`. `ss` shows `SYN-SENT`, `/proc/net/tcp` the code `02`.",
      zh: "调用 `connect()`（主动打开）后进入。如果迟迟没有回应，Linux 会把 SYN 重传 [[tcp_syn_linear_timeouts]] + [[tcp_syn_retries]] 次（默认共 {fact:linux.synRetransmissions} 次），然后让 `connect()` 以 `ETIMEDOUT` 失败。在这个状态下，只有 ACK 确认了本端 SYN 的复位才算数；收到这样的复位，`connect()` 以 `ECONNREFUSED` 失败。`ss` 显示为 `SYN-SENT`，`/proc/net/tcp` 中的代码是 `02`。",
    },
    related: ["three-way-handshake", "tcp_syn_retries"],
  },
  {
    id: "syn-received",
    kind: "state",
    term: { en: "SYN-RECEIVED", zh: "SYN-RECEIVED" },
    aliases: ["SYN_RECV", "SYN-RCVD", "SYN_RCVD"],
    short: {
      en: "The server has answered a SYN with SYN+ACK and waits for the final ACK of the handshake.",
      zh: "服务端已用 SYN+ACK 回应 SYN，正在等待握手的最后一个 ACK。",
    },
    body: {
      en: "On Linux these half-open connections are kept as small request sockets in the [[syn-queue]] (`ss` shows `SYN-RECV`, `netstat` `SYN_RECV`, `/proc/net/tcp` the code `03`). The SYN+ACK is retransmitted up to [[tcp_synack_retries]] times.",
      zh: "Linux 把这些半连接以轻量的请求套接字放在 [[syn-queue]] 里（`ss` 显示 `SYN-RECV`，`netstat` 显示 `SYN_RECV`，`/proc/net/tcp` 中的代码是 `03`）。SYN+ACK 最多重传 [[tcp_synack_retries]] 次。",
    },
    related: ["syn-queue", "tcp_synack_retries", "tcp_syncookies"],
  },
  {
    id: "established",
    kind: "state",
    term: { en: "ESTABLISHED", zh: "ESTABLISHED" },
    short: {
      en: "The handshake is complete: both sides can send and receive data.",
      zh: "握手已完成，双方都可以收发数据。",
    },
    body: {
      en: "The normal state of an open connection. The client reaches it when the SYN+ACK arrives, the server when the third segment (the ACK) arrives. Closing starts from here: the side that calls `close()` first is the [[active-close|active closer]].",
      zh: "连接打开后的正常状态。客户端收到 SYN+ACK 时进入，服务端收到第三个报文段（ACK）时进入。关闭也从这里开始：先调用 `close()` 的一方就是[[active-close|主动关闭方]]。",
    },
    related: ["three-way-handshake", "fin-wait-1", "close-wait"],
  },
  {
    id: "fin-wait-1",
    kind: "state",
    term: { en: "FIN-WAIT-1", zh: "FIN-WAIT-1" },
    aliases: ["FIN_WAIT1", "FIN_WAIT_1"],
    short: {
      en: "The active closer has sent its FIN and waits for it to be acknowledged.",
      zh: "主动关闭方已发出 FIN，正在等待对方确认。",
    },
    body: {
      en: "Entered when the application calls `close()` or `shutdown(SHUT_WR)` first. An ACK of our FIN moves it to [[fin-wait-2]]. A FIN from the peer decides by its acknowledgment number: if it acknowledges our FIN, the socket goes straight to [[time-wait]]; if it does not — the two FINs crossed, each carrying an ACK of older data — it goes to [[closing]] (a simultaneous close). Every FIN after the handshake carries ACK, so “FIN+ACK” alone does not tell the two apart (RFC 9293 §3.10.7.4).",
      zh: "应用先调用 `close()` 或 `shutdown(SHUT_WR)` 时进入。收到对本端 FIN 的 ACK 后转入 [[fin-wait-2]]。收到对方的 FIN 时，看它的确认号：如果它确认了本端的 FIN，就直接进入 [[time-wait]]；如果没有——两个 FIN 交错而过，各自只确认了更早的数据——就进入 [[closing]]（同时关闭）。握手之后的每个 FIN 都带 ACK，所以光凭“FIN+ACK”分不出这两种情况（RFC 9293 §3.10.7.4）。",
    },
    related: ["active-close", "fin-wait-2", "closing"],
  },
  {
    id: "fin-wait-2",
    kind: "state",
    term: { en: "FIN-WAIT-2", zh: "FIN-WAIT-2" },
    aliases: ["FIN_WAIT2", "FIN_WAIT_2"],
    short: {
      en: "The active closer's FIN is acknowledged; it waits for the peer's FIN while still receiving data.",
      zh: "主动关闭方的 FIN 已被确认，它一边继续接收数据，一边等待对方的 FIN。",
    },
    body: {
      en: "The connection is half-closed: the peer may keep sending. RFC 9293 waits here for as long as it takes. Linux limits only *orphaned* sockets (closed by the application) to [[tcp_fin_timeout]]; a socket that merely called `shutdown()` waits as long as the RFC says.",
      zh: "此时连接处于半关闭状态，对方仍可以继续发送。RFC 9293 允许无限期地在这里等待。Linux 只对“孤儿”套接字（应用已经关闭的套接字）用 [[tcp_fin_timeout]] 限时；只调用了 `shutdown()` 的套接字会按 RFC 一直等下去。",
    },
    facts: [{ fact: "linux.tcp_fin_timeout", label: { en: "Limit for orphaned sockets on Linux", zh: "Linux 对孤儿套接字的时限" } }],
    related: ["half-close", "tcp_fin_timeout", "orphan-socket"],
  },
  {
    id: "close-wait",
    kind: "state",
    term: { en: "CLOSE-WAIT", zh: "CLOSE-WAIT" },
    aliases: ["CLOSE_WAIT"],
    short: {
      en: "The peer has closed its direction; the kernel ACKed its FIN and now waits for this application to call `close()`.",
      zh: "对方已关闭它的发送方向，内核也已确认了对方的 FIN，现在等待本端应用调用 `close()`。",
    },
    body: {
      en: "The passive closer enters CLOSE-WAIT when the peer's FIN arrives; its kernel acknowledges the FIN by itself, within milliseconds. It stays there until the application closes the socket — no CLOSE-WAIT timer exists. Keepalive, if the application enabled it, still probes a CLOSE-WAIT socket and can move it to CLOSED once the peer is gone, but the descriptor stays allocated until `close()`. Many sockets in `CLOSE_WAIT` therefore mean an application that does not close its sockets (a leak); find it with `ss -tanp` and fix the code. No sysctl helps.",
      zh: "被动关闭方收到对方的 FIN 后进入 CLOSE-WAIT；内核会自行确认这个 FIN，耗时不过几毫秒。它会一直停留在这个状态，直到应用关闭套接字——并不存在 CLOSE-WAIT 定时器。如果应用开启了保活，保活仍会探测 CLOSE-WAIT 套接字，对端消失后可以把它转入 CLOSED，但文件描述符要到 `close()` 才释放。因此大量 `CLOSE_WAIT` 说明应用没有关闭套接字（泄漏）：用 `ss -tanp` 找到进程，修改代码。任何 sysctl 都无济于事。",
    },
    related: ["passive-close", "last-ack"],
  },
  {
    id: "closing",
    kind: "state",
    term: { en: "CLOSING", zh: "CLOSING" },
    short: {
      en: "Both sides sent a FIN at the same time; each waits for the ACK of its own FIN.",
      zh: "双方同时发送了 FIN，各自等待对自己 FIN 的确认。",
    },
    body: {
      en: "Reached from [[fin-wait-1]] when the peer's FIN arrives before the ACK of our own FIN: a *simultaneous close*. When that ACK arrives, the socket moves to [[time-wait]] — in a simultaneous close both sides end up in TIME-WAIT.",
      zh: "处于 [[fin-wait-1]] 时，如果对方的 FIN 先于对本端 FIN 的 ACK 到达，就进入 CLOSING，这就是“同时关闭”。等到那个 ACK 到达后转入 [[time-wait]]——同时关闭时，双方都会经历 TIME-WAIT。",
    },
    related: ["fin-wait-1", "time-wait"],
  },
  {
    id: "last-ack",
    kind: "state",
    term: { en: "LAST-ACK", zh: "LAST-ACK" },
    aliases: ["LAST_ACK"],
    short: {
      en: "The passive closer has sent its own FIN and waits for the last ACK.",
      zh: "被动关闭方已发出自己的 FIN，正在等待最后一个 ACK。",
    },
    body: {
      en: "Entered from [[close-wait]] when the application calls `close()`. The FIN is retransmitted until it is acknowledged; the ACK ends the connection on this side ([[closed]]).",
      zh: "应用在 [[close-wait]] 状态下调用 `close()` 后进入。FIN 会一直重传，直到被确认；收到 ACK 后，本端连接结束（[[closed]]）。",
    },
    related: ["close-wait", "passive-close"],
  },
  {
    id: "time-wait",
    kind: "state",
    term: { en: "TIME-WAIT", zh: "TIME-WAIT" },
    aliases: ["TIME_WAIT", "TIMEWAIT"],
    short: {
      en: "The active closer's last state: it waits after the final ACK so a lost ACK can be resent and old segments die out.",
      zh: "主动关闭方的最后一个状态：发出最后的 ACK 后再等待一段时间，以便重发丢失的 ACK，并让旧报文段在网络中消失。",
    },
    body: {
      en: "Two reasons: if the last ACK is lost the peer retransmits its FIN, and only a socket still in TIME-WAIT can answer it with an ACK instead of an RST; and old duplicate segments of this connection must expire before the same [[four-tuple]] can carry a new one. RFC 9293 waits [[2msl]]; Linux's timer is a fixed {fact:linux.timeWait} (`TCP_TIMEWAIT_LEN`), which no sysctl changes — [[tcp_fin_timeout]] does not. It is not always that long: a retransmitted FIN restarts the timer (on Linux, so does any acknowledging segment that reaches the socket), a reset ends it early unless [[tcp_rfc1337]] is on, and a newer SYN for the same 4-tuple can turn it into a new connection. `ss` shows `TIME-WAIT`, `netstat` `TIME_WAIT`, `/proc/net/tcp` the code `06`.",
      zh: "原因有二：一是最后的 ACK 如果丢失，对方会重传 FIN，只有仍处于 TIME-WAIT 的套接字才能再回一个 ACK，而不是 RST；二是这条连接的旧重复报文段必须先在网络中过期，同一个[[four-tuple]]才能承载新连接。RFC 9293 规定等待 [[2msl]]；Linux 的定时器固定为 {fact:linux.timeWait}（`TCP_TIMEWAIT_LEN`），没有任何 sysctl 能改变它，[[tcp_fin_timeout]] 也不能。但它并不总是持续这么久：重传的 FIN 会让定时器重新开始（在 Linux 上，任何到达这个套接字、带确认的报文段都会如此），复位会让它提前结束（除非开启了 [[tcp_rfc1337]]），同一个四元组上更新的 SYN 则可以把它直接变成一条新连接。`ss` 显示为 `TIME-WAIT`，`netstat` 显示为 `TIME_WAIT`，`/proc/net/tcp` 中的代码是 `06`。",
    },
    facts: [
      { fact: "linux.timeWait", label: { en: "Length on Linux (fixed)", zh: "Linux 上的时长（固定）" } },
      { fact: "rfc9293.timeWait", label: { en: "Length in RFC 9293 (2MSL)", zh: "RFC 9293 中的时长（2MSL）" } },
    ],
    related: ["2msl", "active-close", "tcp_tw_reuse", "tcp_max_tw_buckets", "tcp_rfc1337"],
  },

  // ── Flags (RFC 9293 §3.1, RFC 3168) ─────────────────────────────────────────────────────
  {
    id: "syn",
    kind: "flag",
    term: { en: "SYN", zh: "SYN（同步）" },
    short: {
      en: "Synchronise: the segment proposes an initial sequence number. Alone it requests a connection; with ACK it accepts one.",
      zh: "同步：报文段提出一个初始序列号。单独出现表示请求连接，与 ACK 一起出现表示接受连接。",
    },
    body: {
      en: "A SYN occupies one sequence number though it carries no data, so a SYN with `seq = x` is acknowledged with `ack = x + 1`. Only the first two segments of a connection carry it.",
      zh: "SYN 不携带数据，却要占用一个序列号，所以 `seq = x` 的 SYN 由 `ack = x + 1` 确认。只有连接的前两个报文段带有 SYN。",
    },
    related: ["isn", "three-way-handshake"],
  },
  {
    id: "ack",
    kind: "flag",
    term: { en: "ACK", zh: "ACK（确认）" },
    short: {
      en: "The acknowledgment number is valid. Every segment after the first SYN carries it, except some resets.",
      zh: "表示确认号有效。除第一个 SYN 和某些复位之外，每个报文段都带有 ACK。",
    },
    body: {
      en: "With ACK clear the 32-bit acknowledgment field is ignored. RFC 9293 requires ACK on every segment once a connection is synchronised; the exceptions are the opening SYN and two kinds of reset: one answering a segment that carried an ACK (it takes its sequence number from that ACK), and the reset of the ABORT call, `<SEQ=SND.NXT><CTL=RST>` (§3.10.5). Linux sends the abort reset with ACK set (`[R.]`).",
      zh: "ACK 位为 0 时，32 位的确认号字段会被忽略。RFC 9293 要求连接同步之后的每个报文段都置 ACK；例外是开头的 SYN 和两种复位：回应带 ACK 报文段的复位（它的序列号取自那个 ACK），以及 ABORT 调用发出的复位 `<SEQ=SND.NXT><CTL=RST>`（§3.10.5）。Linux 发出中止复位时会置 ACK（`[R.]`）。",
    },
    related: ["acknowledgment-number"],
  },
  {
    id: "fin",
    kind: "flag",
    term: { en: "FIN", zh: "FIN（结束）" },
    short: {
      en: "The sender has no more data to send: it closes one direction of the connection.",
      zh: "发送方已没有数据要发送：关闭连接的一个方向。",
    },
    body: {
      en: "A FIN ends only its sender's direction ([[half-close]]); the connection is released once both sides have sent a FIN and had it acknowledged. Like SYN, it occupies one sequence number.",
      zh: "FIN 只结束发送方这一个方向（[[half-close]]）；双方都发出 FIN 并被确认后，连接才真正释放。与 SYN 一样，FIN 占用一个序列号。",
    },
    related: ["four-way-teardown", "half-close"],
  },
  {
    id: "rst",
    kind: "flag",
    term: { en: "RST", zh: "RST（复位）" },
    short: {
      en: "Reset: abort the connection at once, with no orderly close.",
      zh: "复位：立即中止连接，不走正常的关闭流程。",
    },
    body: {
      en: "Sent for a segment that matches no connection (a SYN to a closed port makes `connect()` fail with `ECONNREFUSED`), by an application that closes with [[so_linger]] set to zero, or when unread data is discarded on close. A reset is never acknowledged. In SYN-SENT it counts only if its ACK acknowledges our SYN. In the other states RFC 9293 accepts one whose sequence number is in the receive window; Linux applies RFC 5961: only a reset at exactly RCV.NXT ends the connection, one elsewhere in the window gets a challenge ACK, and one outside is dropped.",
      zh: "以下情况会发送 RST：报文段不属于任何连接（向没有监听的端口发 SYN，`connect()` 会以 `ECONNREFUSED` 失败）；应用在 [[so_linger]] 超时为零时关闭套接字；关闭时还有未读数据被丢弃。RST 不会被确认。在 SYN-SENT 中，只有 ACK 确认了本端 SYN 的复位才算数。在其他状态下，RFC 9293 接受序列号落在接收窗口内的复位；Linux 则按 RFC 5961 处理：只有序列号恰好等于 RCV.NXT 的复位才会结束连接，落在窗口内其他位置的复位换来一个挑战 ACK，窗口外的直接丢弃。",
    },
    related: ["so_linger"],
  },
  {
    id: "psh",
    kind: "flag",
    term: { en: "PSH", zh: "PSH（推送）" },
    short: {
      en: "Push: deliver the data to the application now rather than waiting for more.",
      zh: "推送：请接收方立即把数据交给应用，而不是等待更多数据。",
    },
    body: {
      en: "Linux sets PSH on the last segment of each write, which is why most data segments in a capture show it (`[P.]` in tcpdump).",
      zh: "Linux 在每次写操作的最后一个报文段上设置 PSH，所以抓包中大多数数据报文段都带有它（tcpdump 显示为 `[P.]`）。",
    },
  },
  {
    id: "urg",
    kind: "flag",
    term: { en: "URG", zh: "URG（紧急）" },
    short: {
      en: "Urgent: the urgent pointer field is valid. Obsolete: RFC 9293 says new applications SHOULD NOT use it.",
      zh: "紧急：表示紧急指针字段有效。已过时：RFC 9293 规定新应用不应（SHOULD NOT）使用它。",
    },
    body: {
      en: "RFC 9293 §3.8.5 (after RFC 6093): new applications SHOULD NOT employ the urgent mechanism, while TCP implementations MUST still support it for existing ones; implementations disagree on what the pointer points to.",
      zh: "RFC 9293 §3.8.5（沿用 RFC 6093）：新应用不应（SHOULD NOT）使用紧急机制，而 TCP 实现仍必须（MUST）支持它，以兼容现有应用；各实现对紧急指针指向哪里的理解并不一致。",
    },
  },
  {
    id: "ece",
    kind: "flag",
    term: { en: "ECE", zh: "ECE（ECN 回显）" },
    short: {
      en: "ECN-Echo: tells the sender that the network marked congestion (RFC 3168); on a SYN, offers ECN.",
      zh: "ECN 回显：告诉发送方网络标记了拥塞（RFC 3168）；出现在 SYN 上时表示希望使用 ECN。",
    },
    body: {
      en: "Explicit Congestion Notification lets routers mark packets instead of dropping them. ECE and [[cwr]] together on a SYN ask to use it.",
      zh: "显式拥塞通知（ECN）让路由器在拥塞时标记报文而不是丢弃。SYN 上同时设置 ECE 和 [[cwr]] 表示请求使用 ECN。",
    },
    related: ["cwr"],
  },
  {
    id: "cwr",
    kind: "flag",
    term: { en: "CWR", zh: "CWR（拥塞窗口已减小）" },
    short: {
      en: "Congestion Window Reduced: the sender has reacted to an ECN-Echo (RFC 3168).",
      zh: "拥塞窗口已减小：发送方已对 ECN 回显作出反应（RFC 3168）。",
    },
    body: {
      en: "Answers [[ece]]: the sender slowed down, so the receiver may stop echoing the congestion mark.",
      zh: "用来回应 [[ece]]：发送方已经降速，接收方可以停止回显拥塞标记。",
    },
    related: ["ece"],
  },

  // ── Linux sysctls ───────────────────────────────────────────────────────────────────────
  {
    id: "tcp_syncookies",
    kind: "sysctl",
    term: { en: "tcp_syncookies", zh: "tcp_syncookies" },
    aliases: ["net.ipv4.tcp_syncookies", "SYN cookies"],
    short: {
      en: "When the SYN queue overflows, answer SYNs with a SYN+ACK that encodes the connection instead of queueing it.",
      zh: "SYN 队列溢出时，用一个把连接信息编码进序列号的 SYN+ACK 来回应，而不是把它放入队列。",
    },
    body: {
      en: "The defence against [[syn-flood|SYN floods]]. `1` uses cookies only when the [[syn-queue]] is full, `2` always, `0` never; the default is {fact:linux.tcp_syncookies}. The article's comment is right in spirit; note that cookies are a fallback, not a tuning knob, and that connections made from a cookie lose some TCP options.",
      zh: "抵御 [[syn-flood|SYN 泛洪]]攻击的手段。`1` 只在 [[syn-queue]] 满时启用 cookie，`2` 始终启用，`0` 从不启用；默认值为 {fact:linux.tcp_syncookies}。原文的注释大意不错；需要注意的是，cookie 只是兜底手段而不是调优参数，靠 cookie 建立的连接会丢失部分 TCP 选项。",
    },
    facts: [{ fact: "linux.tcp_syncookies", label: linuxDefault }],
    related: ["syn-queue", "tcp_max_syn_backlog"],
  },
  {
    id: "tcp_tw_reuse",
    kind: "sysctl",
    term: { en: "tcp_tw_reuse", zh: "tcp_tw_reuse" },
    aliases: ["net.ipv4.tcp_tw_reuse"],
    short: {
      en: "Lets a new outgoing connection reuse the 4-tuple of a TIME-WAIT socket when timestamps prove it safe; by default on loopback only.",
      zh: "在时间戳能证明安全时，允许新的出站连接复用处于 TIME-WAIT 的四元组；默认只对回环地址生效。",
    },
    body: {
      en: "Affects only connections this host opens (`connect()`), never incoming ones, so it does nothing for a server whose own sockets sit in TIME-WAIT after closing first. `0` off, `1` on for all addresses, `2` on for loopback only; the default is {fact:linux.tcp_tw_reuse}. It relies on [[tcp_timestamps]] (PAWS) to reject old segments, and takes over a TIME-WAIT socket only once it is [[tcp_tw_reuse_delay]] ({fact:linux.tcp_tw_reuse_delay}) old, counted from its entry into TIME-WAIT.",
      zh: "它只影响本机发起的连接（`connect()`），对入站连接毫无作用；所以服务端先关闭连接、自己的套接字留在 TIME-WAIT 时，它帮不上忙。`0` 关闭，`1` 对所有地址开启，`2` 只对回环地址开启；默认值为 {fact:linux.tcp_tw_reuse}。它依靠 [[tcp_timestamps]]（PAWS）拒绝旧报文段，而且只接管进入 TIME-WAIT 已满 [[tcp_tw_reuse_delay]]（{fact:linux.tcp_tw_reuse_delay}）的套接字。",
    },
    facts: [
      { fact: "linux.tcp_tw_reuse", label: linuxDefault },
      { fact: "linux.tcp_tw_reuse_delay", label: { en: "tcp_tw_reuse_delay", zh: "tcp_tw_reuse_delay" } },
    ],
    related: ["time-wait", "tcp_tw_recycle", "tcp_timestamps"],
  },
  {
    id: "tcp_tw_recycle",
    kind: "sysctl",
    term: { en: "tcp_tw_recycle", zh: "tcp_tw_recycle" },
    aliases: ["net.ipv4.tcp_tw_recycle"],
    removedIn: "Linux 4.12",
    short: {
      en: "Removed in Linux 4.12. It dropped SYNs whose timestamps went backwards, which broke clients behind NAT. Never use it.",
      zh: "已在 Linux 4.12 中移除。它会丢弃时间戳倒退的 SYN，导致 NAT 后面的客户端无法连接。切勿使用。",
    },
    body: {
      en: "The article recommends turning it on. It remembered the last timestamp per peer IP and dropped SYNs with older timestamps — but many clients behind one NAT address have unrelated clocks, so their connections failed at random. Linux 4.10 made timestamps per-connection random, which made the option useless, and 4.12 removed it; setting it on a current kernel fails with “No such file or directory”.",
      zh: "原文建议开启它。它按对端 IP 记录最近的时间戳，并丢弃时间戳更旧的 SYN——可是同一个 NAT 地址后面的众多客户端时钟互不相关，于是它们的连接会随机失败。Linux 4.10 让时间戳按连接随机化，这个选项随之失去意义，4.12 将其彻底移除；在新内核上设置它会报 “No such file or directory”。",
    },
    related: ["tcp_tw_reuse", "tcp_timestamps"],
  },
  {
    id: "tcp_fin_timeout",
    kind: "sysctl",
    term: { en: "tcp_fin_timeout", zh: "tcp_fin_timeout" },
    aliases: ["net.ipv4.tcp_fin_timeout"],
    short: {
      en: "How long an orphaned socket may stay in FIN-WAIT-2. It does not change how long TIME-WAIT lasts.",
      zh: "孤儿套接字在 FIN-WAIT-2 中最多停留多久。它并不改变 TIME-WAIT 的时长。",
    },
    body: {
      en: "Applies only to sockets the application has already closed ([[orphan-socket|orphans]]) that wait in [[fin-wait-2]] for the peer's FIN. The article presents it as the way to shorten TIME-WAIT; it is not: Linux's TIME-WAIT is the fixed `TCP_TIMEWAIT_LEN` ({fact:linux.timeWait}).",
      zh: "只作用于应用已经关闭、正在 [[fin-wait-2]] 中等待对方 FIN 的套接字（[[orphan-socket|孤儿套接字]]）。原文把它当作缩短 TIME-WAIT 的办法，这是误解：Linux 的 TIME-WAIT 时长是固定的 `TCP_TIMEWAIT_LEN`（{fact:linux.timeWait}）。",
    },
    facts: [{ fact: "linux.tcp_fin_timeout", label: linuxDefault }],
    related: ["fin-wait-2", "time-wait"],
  },
  {
    id: "tcp_keepalive_time",
    kind: "sysctl",
    term: { en: "tcp_keepalive_time", zh: "tcp_keepalive_time" },
    aliases: ["net.ipv4.tcp_keepalive_time"],
    short: {
      en: "Idle time before the first keepalive probe, for sockets that enabled SO_KEEPALIVE.",
      zh: "开启了 SO_KEEPALIVE 的套接字在空闲多久之后发送第一个保活探测。",
    },
    body: {
      en: "Keepalive is off unless the application sets `SO_KEEPALIVE` (`TCP_KEEPIDLE` changes the idle time per socket). After the idle time, probes go out every [[tcp_keepalive_intvl]] and the connection is dropped after [[tcp_keepalive_probes]] unanswered ones. It runs in every connected state, CLOSE-WAIT included (`tcp_keepalive_timer()` skips only CLOSED and SYN-SENT). It finds dead peers; it has nothing to do with TIME-WAIT. The kernel's own ip-sysctl text still calls it “how often TCP sends out keepalive messages”, which is the wording the article copied.",
      zh: "除非应用设置了 `SO_KEEPALIVE`，否则保活是关闭的（`TCP_KEEPIDLE` 可以为单个套接字修改空闲时间）。空闲时间到后，每隔 [[tcp_keepalive_intvl]] 发一个探测，连续 [[tcp_keepalive_probes]] 个没有回应就断开连接。它在所有已连接的状态下都会运行，CLOSE-WAIT 也不例外（`tcp_keepalive_timer()` 只跳过 CLOSED 和 SYN-SENT）。它用来发现已经失联的对端，与 TIME-WAIT 无关。内核自己的 ip-sysctl 文档至今仍把它写成“TCP 发送保活消息的频率”，原文照抄的正是这句话。",
    },
    facts: [{ fact: "linux.tcp_keepalive_time", label: linuxDefault }],
    related: ["keepalive", "tcp_keepalive_intvl", "tcp_keepalive_probes"],
  },
  {
    id: "tcp_keepalive_intvl",
    kind: "sysctl",
    term: { en: "tcp_keepalive_intvl", zh: "tcp_keepalive_intvl" },
    aliases: ["net.ipv4.tcp_keepalive_intvl"],
    short: { en: "Time between keepalive probes once probing has started.", zh: "开始探测后，相邻两次保活探测之间的间隔。" },
    body: {
      en: "See [[tcp_keepalive_time]]. Per socket: `TCP_KEEPINTVL`.",
      zh: "参见 [[tcp_keepalive_time]]。按套接字设置时使用 `TCP_KEEPINTVL`。",
    },
    facts: [{ fact: "linux.tcp_keepalive_intvl", label: linuxDefault }],
    related: ["tcp_keepalive_time"],
  },
  {
    id: "tcp_keepalive_probes",
    kind: "sysctl",
    term: { en: "tcp_keepalive_probes", zh: "tcp_keepalive_probes" },
    aliases: ["net.ipv4.tcp_keepalive_probes"],
    short: { en: "Unanswered keepalive probes before the connection is dropped.", zh: "连续多少个保活探测无应答后断开连接。" },
    body: {
      en: "See [[tcp_keepalive_time]]. Per socket: `TCP_KEEPCNT`.",
      zh: "参见 [[tcp_keepalive_time]]。按套接字设置时使用 `TCP_KEEPCNT`。",
    },
    facts: [{ fact: "linux.tcp_keepalive_probes", label: linuxDefault }],
    related: ["tcp_keepalive_time"],
  },
  {
    id: "tcp_tw_reuse_delay",
    kind: "sysctl",
    term: { en: "tcp_tw_reuse_delay", zh: "tcp_tw_reuse_delay" },
    aliases: ["net.ipv4.tcp_tw_reuse_delay"],
    short: {
      en: "How long after entering TIME-WAIT a socket may be taken over by tcp_tw_reuse for a new outgoing connection.",
      zh: "套接字进入 TIME-WAIT 之后要过多久，tcp_tw_reuse 才能把它交给新的出站连接。",
    },
    body: {
      en: "Added in Linux 6.13, in milliseconds. `tcp_twsk_unique()` compares the clock with the moment the socket entered TIME-WAIT (`tw_entry_stamp`) plus this delay; later segments do not move that moment. The delay gives the peer's timestamp clock time to tick, so that PAWS can tell the new connection's segments from the old one's.",
      zh: "Linux 6.13 加入的参数，单位是毫秒。`tcp_twsk_unique()` 拿当前时间与“套接字进入 TIME-WAIT 的时刻（`tw_entry_stamp`）加上这个延迟”比较；之后到达的报文段不会推后这个时刻。这段延迟让对端的时间戳时钟至少走一格，PAWS 才能分辨新旧两条连接的报文段。",
    },
    facts: [{ fact: "linux.tcp_tw_reuse_delay", label: linuxDefault }],
    related: ["tcp_tw_reuse"],
  },
  {
    id: "tcp_rfc1337",
    kind: "sysctl",
    term: { en: "tcp_rfc1337", zh: "tcp_rfc1337" },
    aliases: ["net.ipv4.tcp_rfc1337"],
    short: {
      en: "When on, a TIME-WAIT socket ignores resets instead of ending early (RFC 1337, “TIME-WAIT assassination”).",
      zh: "开启后，TIME-WAIT 套接字会忽略复位，而不是提前结束（RFC 1337 所说的“TIME-WAIT 暗杀”）。",
    },
    body: {
      en: "RFC 1337 describes how a stray reset can kill a [[time-wait]] socket before its time and recommends ignoring resets in TIME-WAIT. Linux does so only when this is `1`; the default is {fact:linux.tcp_rfc1337}.",
      zh: "RFC 1337 描述了一个游离的复位如何让 [[time-wait]] 套接字提前结束，并建议在 TIME-WAIT 中忽略复位。Linux 只有在它为 `1` 时才这样做；默认值为 {fact:linux.tcp_rfc1337}。",
    },
    facts: [{ fact: "linux.tcp_rfc1337", label: linuxDefault }],
    related: ["time-wait", "rst"],
  },
  {
    id: "tcp_invalid_ratelimit",
    kind: "sysctl",
    term: { en: "tcp_invalid_ratelimit", zh: "tcp_invalid_ratelimit" },
    aliases: ["net.ipv4.tcp_invalid_ratelimit"],
    short: {
      en: "The least time between two ACKs Linux sends in answer to invalid segments: challenge ACKs, out-of-window and TIME-WAIT answers.",
      zh: "Linux 回应无效报文段（挑战 ACK、窗口外报文段、TIME-WAIT 中的应答）时，两个 ACK 之间的最短间隔。",
    },
    body: {
      en: "In milliseconds. An out-of-window segment, an old duplicate, a segment PAWS rejects or a reset inside the window but not at RCV.NXT each deserve an ACK (RFC 5961's challenge ACK, RFC 9293's answer to an unacceptable segment), but an attacker could make a host send them in a loop. `tcp_oow_rate_limited()` sends at most one per this interval per socket, [[time-wait]] sockets included; the rest are dropped silently. The default is {fact:linux.tcp_invalid_ratelimit}.",
      zh: "单位是毫秒。窗口之外的报文段、旧的重复报文段、被 PAWS 拒绝的报文段，以及落在窗口内却不等于 RCV.NXT 的复位，本来都应得到一个 ACK（RFC 5961 的挑战 ACK，RFC 9293 对不可接受报文段的应答），但攻击者可以借此让主机不停地发送 ACK。`tcp_oow_rate_limited()` 让每个套接字（包括 [[time-wait]] 套接字）在这个间隔内最多发出一个，其余的直接丢弃，不作应答。默认值为 {fact:linux.tcp_invalid_ratelimit}。",
    },
    facts: [{ fact: "linux.tcp_invalid_ratelimit", label: linuxDefault }],
    related: ["rst", "time-wait"],
  },
  {
    id: "ip_local_reserved_ports",
    kind: "sysctl",
    term: { en: "ip_local_reserved_ports", zh: "ip_local_reserved_ports" },
    aliases: ["net.ipv4.ip_local_reserved_ports"],
    short: {
      en: "Ports the kernel never picks as ephemeral ports, so services can always bind them.",
      zh: "内核永远不会选作临时端口的端口，保证服务总能绑定它们。",
    },
    body: {
      en: "Empty by default. List the ports your services listen on when [[ip_local_port_range]] overlaps them, so that an outgoing connection cannot occupy a port a service needs at startup.",
      zh: "默认为空。当 [[ip_local_port_range]] 与服务监听的端口重叠时，把这些端口列在这里，避免出站连接占用服务启动时需要的端口。",
    },
    related: ["ip_local_port_range", "ephemeral-port"],
  },
  {
    id: "ip_local_port_range",
    kind: "sysctl",
    term: { en: "ip_local_port_range", zh: "ip_local_port_range" },
    aliases: ["net.ipv4.ip_local_port_range"],
    short: {
      en: "The range of ephemeral ports the kernel picks from for outgoing connections.",
      zh: "内核为出站连接挑选临时端口的范围。",
    },
    body: {
      en: "A connection is named by its [[four-tuple]], so the range limits connections from one source address to one destination ip:port, not connections in total. The article's default of 32768–61000 is outdated. Widening it helps a busy client; keep it clear of ports your services listen on (or reserve them with `ip_local_reserved_ports`).",
      zh: "连接由[[four-tuple]]标识，所以这个范围限制的是同一源地址到同一目的 ip:端口的连接数，而不是总连接数。原文给出的默认值 32768–61000 已经过时。繁忙的客户端可以扩大范围，但要避开本机服务监听的端口（或用 `ip_local_reserved_ports` 预留）。",
    },
    facts: [
      { fact: "linux.ip_local_port_range", label: linuxDefault },
      { fact: "linux.ephemeralPortCount", label: { en: "Ports in the default range", zh: "默认范围内的端口数" } },
    ],
    related: ["ephemeral-port", "four-tuple", "time-wait"],
  },
  {
    id: "tcp_max_syn_backlog",
    kind: "sysctl",
    term: { en: "tcp_max_syn_backlog", zh: "tcp_max_syn_backlog" },
    aliases: ["net.ipv4.tcp_max_syn_backlog"],
    short: {
      en: "With SYN cookies off, how full a listener's SYN queue may get before SYNs from peers not yet seen alive are dropped. It does not size the SYN queue.",
      zh: "关闭 SYN cookie 时，监听套接字的 SYN 队列满到什么程度，就开始丢弃来自尚未确认存活的对端的 SYN。它并不决定 SYN 队列的长度。",
    },
    body: {
      en: "The kernel documentation calls it the maximal number of remembered connection requests, but in `tcp_conn_request()` (net/ipv4/tcp_input.c) the [[syn-queue]] is full when it holds more requests than the listener's backlog, `min(backlog, [[somaxconn]])`; then [[tcp_syncookies]] answers with cookies or, with cookies off, the SYN is dropped. This sysctl is read only when cookies are off (`tcp_syncookies = 0`): once fewer than a quarter of its slots remain, SYNs from peers the kernel has not seen alive are dropped. Raising it therefore changes nothing with the default cookies. The default is computed at boot from the size of the connection hash table, so it differs between machines; the value here is the one the simulator uses.",
      zh: "内核文档把它称为“记住的连接请求的最大数量”，但在 `tcp_conn_request()`（net/ipv4/tcp_input.c）中，判断 [[syn-queue]] 已满的依据是请求数超过了监听套接字的 backlog，即 `min(backlog, [[somaxconn]])`；此时由 [[tcp_syncookies]] 用 cookie 回应，关闭了 cookie 则丢弃这个 SYN。只有关闭 cookie（`tcp_syncookies = 0`）时内核才会读取这个参数：剩余名额不足它的四分之一时，来自尚未确认存活的对端的 SYN 会被丢弃。所以在默认开启 cookie 的情况下，调大它什么也不会改变。默认值在启动时根据连接哈希表的大小计算，因机器而异；这里给出的是模拟器使用的值。",
    },
    facts: [{ fact: "linux.tcp_max_syn_backlog", label: { en: "Default in the simulator", zh: "模拟器中的默认值" } }],
    related: ["syn-queue", "somaxconn", "tcp_syncookies"],
  },
  {
    id: "tcp_max_tw_buckets",
    kind: "sysctl",
    term: { en: "tcp_max_tw_buckets", zh: "tcp_max_tw_buckets" },
    aliases: ["net.ipv4.tcp_max_tw_buckets"],
    short: {
      en: "Most TIME-WAIT sockets the system keeps; beyond it, closing sockets skip TIME-WAIT (counted as TCPTimeWaitOverflow).",
      zh: "系统最多保留多少个 TIME-WAIT 套接字；超出后，新关闭的套接字直接跳过 TIME-WAIT（计入 TCPTimeWaitOverflow 计数）。",
    },
    body: {
      en: "A safety limit against memory exhaustion, not a tuning knob: sockets that skip TIME-WAIT lose its protection against a lost last ACK and old duplicates. The default scales with memory; the value here is the one the simulator uses.",
      zh: "这是防止内存耗尽的安全上限，而不是调优参数：跳过 TIME-WAIT 的套接字也就失去了它对“最后的 ACK 丢失”和旧重复报文段的保护。默认值随内存大小变化，这里给出的是模拟器使用的值。",
    },
    facts: [{ fact: "linux.tcp_max_tw_buckets", label: { en: "Default in the simulator", zh: "模拟器中的默认值" } }],
    related: ["time-wait"],
  },
  {
    id: "somaxconn",
    kind: "sysctl",
    term: { en: "somaxconn", zh: "somaxconn" },
    aliases: ["net.core.somaxconn"],
    short: {
      en: "Upper limit on the backlog an application can pass to listen(), which bounds both the accept queue and the SYN queue.",
      zh: "应用传给 listen() 的 backlog 的上限；这个 backlog 同时限制 accept 队列和 SYN 队列的长度。",
    },
    body: {
      en: "`listen(fd, n)` gets `min(n, somaxconn)`, stored as `sk_max_ack_backlog`: the [[accept-queue]] is full when it holds more completed connections than that, and the [[syn-queue]] when it holds more half-open ones. Raising it helps only if the application also asks for a larger backlog.",
      zh: "`listen(fd, n)` 实际得到 `min(n, somaxconn)`，存为 `sk_max_ack_backlog`：已完成的连接超过这个数，[[accept-queue]] 就满了；半连接超过这个数，[[syn-queue]] 就满了。只有应用同时申请更大的 backlog，调大它才有用。",
    },
    facts: [{ fact: "linux.somaxconn", label: linuxDefault }],
    related: ["accept-queue", "tcp_max_syn_backlog"],
  },
  {
    id: "tcp_syn_retries",
    kind: "sysctl",
    term: { en: "tcp_syn_retries", zh: "tcp_syn_retries" },
    aliases: ["net.ipv4.tcp_syn_retries"],
    short: {
      en: "How many times connect() retransmits an unanswered SYN with exponential backoff, after the linear retries of tcp_syn_linear_timeouts.",
      zh: "在 tcp_syn_linear_timeouts 规定的线性重试之后，connect() 以指数退避重传未获应答的 SYN 的次数。",
    },
    body: {
      en: "Retransmissions start at the initial [[rto]], stay one RTO apart for the first [[tcp_syn_linear_timeouts]] timeouts and then back off exponentially. Both counts together make {fact:linux.synRetransmissions} retransmissions with the defaults (`tcp_write_timeout()`): the last SYN leaves at {fact:linux.lastSynRetransmission} and `connect()` fails with `ETIMEDOUT` at {fact:linux.connectTimeout}, a little later on a real kernel because its timer wheel rounds every timeout up.",
      zh: "重传从初始 [[rto]] 开始，前 [[tcp_syn_linear_timeouts]] 次超时保持一个 RTO 的间隔，之后指数退避。两者相加，默认共重传 {fact:linux.synRetransmissions} 次（`tcp_write_timeout()`）：最后一个 SYN 在 {fact:linux.lastSynRetransmission} 时发出，`connect()` 在 {fact:linux.connectTimeout} 时以 `ETIMEDOUT` 失败；在真实内核上会稍晚一些，因为时间轮会把每次超时都向上取整。",
    },
    facts: [
      { fact: "linux.tcp_syn_retries", label: linuxDefault },
      { fact: "linux.synRetransmissions", label: { en: "SYN retransmissions in all (with the linear ones)", zh: "SYN 重传总次数（含线性重试）" } },
      { fact: "linux.connectTimeout", label: { en: "connect() fails with ETIMEDOUT after", zh: "connect() 以 ETIMEDOUT 失败的时刻" } },
    ],
    related: ["syn-sent", "tcp_syn_linear_timeouts", "rto"],
  },
  {
    id: "tcp_synack_retries",
    kind: "sysctl",
    term: { en: "tcp_synack_retries", zh: "tcp_synack_retries" },
    aliases: ["net.ipv4.tcp_synack_retries"],
    short: { en: "How many times a server retransmits a SYN+ACK that gets no ACK.", zh: "服务端重传得不到 ACK 的 SYN+ACK 的次数。" },
    body: {
      en: "While it retries, the half-open connection occupies the [[syn-queue]]; lowering it frees the queue sooner under a SYN flood.",
      zh: "重试期间，这条半连接一直占用 [[syn-queue]]；遭遇 SYN 泛洪攻击时，调低它可以更快地腾出队列。",
    },
    facts: [{ fact: "linux.tcp_synack_retries", label: linuxDefault }],
    related: ["syn-received", "syn-queue"],
  },
  {
    id: "tcp_syn_linear_timeouts",
    kind: "sysctl",
    term: { en: "tcp_syn_linear_timeouts", zh: "tcp_syn_linear_timeouts" },
    aliases: ["net.ipv4.tcp_syn_linear_timeouts"],
    short: {
      en: "How many SYN retransmissions use a fixed timeout before exponential backoff starts (recent Linux).",
      zh: "在开始指数退避之前，有多少次 SYN 重传使用固定的超时（较新的 Linux）。",
    },
    body: {
      en: "Added in recent kernels so that a lost SYN is retried quickly a few times, one initial RTO apart, before the waits start doubling. These retries come on top of [[tcp_syn_retries]].",
      zh: "较新的内核加入了这个参数，让丢失的 SYN 先以一个初始 RTO 的固定间隔快速重试几次，之后等待时间才开始翻倍。这几次重试是在 [[tcp_syn_retries]] 之外额外增加的。",
    },
    facts: [{ fact: "linux.tcp_syn_linear_timeouts", label: linuxDefault }],
    related: ["tcp_syn_retries"],
  },
  {
    id: "tcp_timestamps",
    kind: "sysctl",
    term: { en: "tcp_timestamps", zh: "tcp_timestamps" },
    aliases: ["net.ipv4.tcp_timestamps"],
    short: {
      en: "TCP timestamps option (RFC 7323): RTT measurement and PAWS, which rejects old segments.",
      zh: "TCP 时间戳选项（RFC 7323）：用于测量 RTT，并通过 PAWS 拒绝旧报文段。",
    },
    body: {
      en: "PAWS (protection against wrapped sequences) is what makes [[tcp_tw_reuse]] safe: a segment from an earlier incarnation carries an older timestamp and is dropped.",
      zh: "PAWS（防止序列号回绕）正是 [[tcp_tw_reuse]] 能够安全工作的基础：来自旧连接化身的报文段带着更旧的时间戳，会被丢弃。",
    },
    facts: [{ fact: "linux.tcp_timestamps", label: linuxDefault }],
    related: ["tcp_tw_reuse"],
  },
  {
    id: "tcp_orphan_retries",
    kind: "sysctl",
    term: { en: "tcp_orphan_retries", zh: "tcp_orphan_retries" },
    aliases: ["net.ipv4.tcp_orphan_retries"],
    short: {
      en: "How many times an orphaned socket retransmits its FIN; 0 means the kernel's built-in 8.",
      zh: "孤儿套接字重传 FIN 的次数；0 表示使用内核内置的 8 次。",
    },
    body: {
      en: "Bounds how long a closed socket keeps trying to deliver its FIN to a peer that does not answer (in [[fin-wait-1]] or [[last-ack]]).",
      zh: "限制已关闭的套接字向没有回应的对端投递 FIN 的时间（处于 [[fin-wait-1]] 或 [[last-ack]] 时）。",
    },
    facts: [{ fact: "linux.tcp_orphan_retries", label: linuxDefault }],
    related: ["orphan-socket"],
  },
  {
    id: "sysctl",
    kind: "concept",
    term: { en: "sysctl", zh: "sysctl（内核参数）" },
    aliases: ["sysctl -w", "/etc/sysctl.d", "/etc/sysctl.conf"],
    short: {
      en: "Linux kernel parameters under /proc/sys; `sysctl -w` changes them until reboot, files in /etc/sysctl.d/ make them permanent.",
      zh: "位于 /proc/sys 下的 Linux 内核参数；`sysctl -w` 的修改重启后失效，写进 /etc/sysctl.d/ 的文件才会永久生效。",
    },
    body: {
      en: "`sysctl net.ipv4.tcp_fin_timeout` reads a value, `sysctl -w name=value` sets it now, and a file such as `/etc/sysctl.d/90-tcp.conf` applied by `sysctl --system` (or at boot) keeps it. The article edits `/etc/sysctl.conf` and runs `sysctl -p`, which still works but reads that one file only. `net.ipv4.*` settings are per network namespace: inside a container they are the container's own.",
      zh: "`sysctl net.ipv4.tcp_fin_timeout` 读取参数，`sysctl -w name=value` 立即修改，而写在 `/etc/sysctl.d/90-tcp.conf` 这类文件中、由 `sysctl --system`（或开机时）加载的配置才会持久。原文编辑 `/etc/sysctl.conf` 再执行 `sysctl -p`，这样做仍然可行，但只会读取那一个文件。`net.ipv4.*` 参数按网络命名空间隔离：容器里看到的是容器自己的值。",
    },
  },

  // ── Socket options ──────────────────────────────────────────────────────────────────────
  {
    id: "so_linger",
    kind: "socket-option",
    term: { en: "SO_LINGER", zh: "SO_LINGER" },
    short: {
      en: "Controls what close() does with unsent data; with a zero timeout, close() sends RST and skips TIME-WAIT — a trap.",
      zh: "控制 close() 如何处理未发送的数据；超时设为零时，close() 直接发送 RST 并跳过 TIME-WAIT——这是个陷阱。",
    },
    body: {
      en: "With linger on and a timeout of 0, `close()` aborts: unsent data is thrown away, the peer gets an RST (its `read()` fails with `ECONNRESET`), and no TIME-WAIT is left behind. That is why it is sometimes suggested against TIME-WAIT — but it trades an orderly close for lost data and errors on the other side.",
      zh: "开启 linger 且超时为 0 时，`close()` 会直接中止连接：未发送的数据被丢弃，对端收到 RST（它的 `read()` 以 `ECONNRESET` 失败），也不会留下 TIME-WAIT。所以有人拿它来对付 TIME-WAIT——代价是放弃正常关闭，换来数据丢失和对端报错。",
    },
    related: ["rst", "time-wait"],
  },
  {
    id: "so_reuseaddr",
    kind: "socket-option",
    term: { en: "SO_REUSEADDR", zh: "SO_REUSEADDR" },
    short: {
      en: "Lets a server bind() its port while old connections on that port are still in TIME-WAIT.",
      zh: "允许服务端在该端口上的旧连接仍处于 TIME-WAIT 时重新 bind() 这个端口。",
    },
    body: {
      en: "Without it, restarting a server that closed connections first fails with `EADDRINUSE` for as long as those connections stay in [[time-wait]]. Every server should set it on its listening socket; it does not weaken TIME-WAIT, because each connection's [[four-tuple]] is still protected.",
      zh: "没有它时，先关闭过连接的服务端在重启时会遇到 `EADDRINUSE`，直到那些连接离开 [[time-wait]]。每个服务端都应在监听套接字上设置它；它并不削弱 TIME-WAIT，因为每条连接的[[four-tuple]]仍然受到保护。",
    },
    related: ["time-wait", "so_reuseport"],
  },
  {
    id: "so_reuseport",
    kind: "socket-option",
    term: { en: "SO_REUSEPORT", zh: "SO_REUSEPORT" },
    short: {
      en: "Lets several sockets listen on the same port, with the kernel spreading connections between them.",
      zh: "允许多个套接字监听同一个端口，由内核在它们之间分配连接。",
    },
    body: {
      en: "A load-balancing feature for multi-process servers, unrelated to TIME-WAIT; not to be confused with [[so_reuseaddr]].",
      zh: "这是面向多进程服务端的负载均衡功能，与 TIME-WAIT 无关，不要与 [[so_reuseaddr]] 混淆。",
    },
    related: ["so_reuseaddr"],
  },

  // ── Timers and numbers ──────────────────────────────────────────────────────────────────
  {
    id: "msl",
    kind: "timer",
    term: { en: "MSL (Maximum Segment Lifetime)", zh: "MSL（报文段最大生存时间）" },
    aliases: ["MSL", "Maximum Segment Lifetime"],
    short: {
      en: "The longest time a segment is assumed to survive in the network.",
      zh: "假定一个报文段能在网络中存活的最长时间。",
    },
    body: {
      en: "An assumption, not something TCP measures. RFC 9293 sets it to {fact:rfc9293.msl} as an engineering choice; [[time-wait]] lasts twice that ([[2msl]]). Linux does not use an MSL at all: its TIME-WAIT is a fixed {fact:linux.timeWait}.",
      zh: "这是一个假设，TCP 并不测量它。RFC 9293 出于工程考虑取 {fact:rfc9293.msl}；[[time-wait]] 持续它的两倍（[[2msl]]）。Linux 根本不使用 MSL：它的 TIME-WAIT 固定为 {fact:linux.timeWait}。",
    },
    facts: [{ fact: "rfc9293.msl", label: { en: "RFC 9293", zh: "RFC 9293" } }],
    related: ["2msl", "time-wait"],
  },
  {
    id: "2msl",
    kind: "timer",
    term: { en: "2MSL", zh: "2MSL" },
    aliases: ["2 MSL", "2×MSL"],
    short: {
      en: "Twice the Maximum Segment Lifetime: how long RFC 9293's TIME-WAIT lasts.",
      zh: "两倍的报文段最大生存时间，即 RFC 9293 中 TIME-WAIT 的时长。",
    },
    body: {
      en: "Long enough for a lost final ACK to be noticed and the peer's retransmitted FIN to arrive, and for segments of the old connection in both directions to expire. TIME-WAIT is therefore also called the 2MSL wait. On Linux the wait is the fixed `TCP_TIMEWAIT_LEN` instead.",
      zh: "这段时间足以让对端发现最后的 ACK 丢失并重传 FIN，也足以让旧连接两个方向上的报文段全部过期。因此 TIME-WAIT 也叫 2MSL 等待状态。Linux 则改用固定的 `TCP_TIMEWAIT_LEN`。",
    },
    facts: [
      { fact: "rfc9293.timeWait", label: { en: "RFC 9293", zh: "RFC 9293" } },
      { fact: "linux.timeWait", label: { en: "Linux TIME-WAIT (fixed)", zh: "Linux 的 TIME-WAIT（固定）" } },
    ],
    related: ["msl", "time-wait"],
  },
  {
    id: "rto",
    kind: "timer",
    term: { en: "RTO (retransmission timeout)", zh: "RTO（重传超时）" },
    aliases: ["RTO", "retransmission timeout"],
    short: {
      en: "How long TCP waits for an acknowledgment before retransmitting; it doubles after each timeout.",
      zh: "TCP 在重传前等待确认的时间；每次超时后翻倍。",
    },
    body: {
      en: "Computed from measured round-trip times (RFC 6298). Before any measurement it starts at {fact:linux.rtoInitial}; Linux keeps it between {fact:linux.rtoMin} and {fact:linux.rtoMax}, where RFC 6298 asks for at least {fact:rfc9293.rtoMin}.",
      zh: "根据测得的往返时间计算（RFC 6298）。还没有测量值时从 {fact:linux.rtoInitial} 开始；Linux 把它限制在 {fact:linux.rtoMin} 到 {fact:linux.rtoMax} 之间，而 RFC 6298 要求至少 {fact:rfc9293.rtoMin}。",
    },
    facts: [
      { fact: "linux.rtoInitial", label: { en: "Initial RTO", zh: "初始 RTO" } },
      { fact: "linux.rtoMin", label: { en: "Minimum on Linux", zh: "Linux 的下限" } },
      { fact: "linux.rtoMax", label: { en: "Maximum on Linux", zh: "Linux 的上限" } },
    ],
    related: ["retransmission"],
  },
  {
    id: "isn",
    kind: "concept",
    term: { en: "ISN (initial sequence number)", zh: "ISN（初始序列号）" },
    aliases: ["ISN", "initial sequence number"],
    short: {
      en: "The first sequence number of one direction of a connection, announced on the SYN and chosen unpredictably.",
      zh: "连接某一方向上的第一个序列号，随 SYN 通告，取值不可预测。",
    },
    body: {
      en: "Each side picks its own ISN; the handshake exists to exchange and acknowledge both. RFC 9293 §3.4.1 asks for a clock plus a keyed hash of the [[four-tuple]] (RFC 6528), so that attackers cannot guess it and segments from an earlier connection are unlikely to fit.",
      zh: "双方各自选择自己的 ISN，握手的意义之一就是交换并确认这两个数。RFC 9293 §3.4.1 要求用时钟加上对[[four-tuple]]的带密钥哈希来生成（RFC 6528），使攻击者无法猜到，旧连接的报文段也难以恰好落入新连接的序列号范围。",
    },
    related: ["syn", "sequence-number", "three-way-handshake"],
  },
  {
    id: "sequence-number",
    kind: "concept",
    term: { en: "Sequence number", zh: "序列号" },
    aliases: ["seq"],
    short: {
      en: "The number of the first data byte in a segment; each direction counts bytes from its own ISN.",
      zh: "报文段中第一个数据字节的编号；每个方向从各自的 ISN 开始按字节计数。",
    },
    body: {
      en: "32 bits, wrapping around. SYN and FIN each occupy one number. tcpdump and Wireshark usually print numbers relative to the ISN.",
      zh: "长度为 32 位，用尽后回绕。SYN 和 FIN 各占一个序列号。tcpdump 和 Wireshark 通常显示相对于 ISN 的相对序列号。",
    },
    related: ["isn", "acknowledgment-number"],
  },
  {
    id: "acknowledgment-number",
    kind: "concept",
    term: { en: "Acknowledgment number", zh: "确认号" },
    aliases: ["ack number"],
    short: {
      en: "The next sequence number the sender expects from its peer: everything before it has arrived. Valid only with ACK set.",
      zh: "发送方期望从对端收到的下一个序列号，表示此前的字节都已收到。只有 ACK 置位时才有效。",
    },
    body: {
      en: "Cumulative: `ack = n` confirms every byte up to `n − 1`.",
      zh: "确认是累积的：`ack = n` 表示 `n − 1` 及之前的所有字节都已收到。",
    },
    related: ["ack", "sequence-number"],
  },
  {
    id: "four-tuple",
    kind: "concept",
    term: { en: "4-tuple", zh: "四元组" },
    aliases: ["socket pair", "four-tuple"],
    short: {
      en: "Source IP, source port, destination IP, destination port: the four values that name a TCP connection.",
      zh: "源 IP、源端口、目的 IP、目的端口：标识一条 TCP 连接的四个值。",
    },
    body: {
      en: "The article's “socket pair”. Two connections can share three of the values but never all four; that is why [[time-wait]] blocks only the exact 4-tuple, and why [[ephemeral-port|ephemeral ports]] run out only towards one destination ip:port.",
      zh: "即原文所说的“socket pair”（套接字对）。两条连接可以有三个值相同，但不能四个都相同；所以 [[time-wait]] 只占住这一个确切的四元组，[[ephemeral-port|临时端口]]也只会在连向同一个目的 ip:端口时耗尽。",
    },
    related: ["ephemeral-port", "time-wait"],
  },
  {
    id: "ephemeral-port",
    kind: "concept",
    term: { en: "Ephemeral port", zh: "临时端口" },
    aliases: ["local port", "source port"],
    short: {
      en: "The source port the kernel picks for an outgoing connection, from ip_local_port_range.",
      zh: "内核为出站连接挑选的源端口，取自 ip_local_port_range。",
    },
    body: {
      en: "While a port's connection sits in TIME-WAIT on the client, that [[four-tuple]] cannot be reused. With the default range of {fact:linux.ephemeralPortCount} ports and a TIME-WAIT of {fact:linux.timeWait}, one client address can open at most about {fact:linux.connectionsPerSecondPerDestination} new connections per second to one server ip:port when it closes first.",
      zh: "端口对应的连接在客户端处于 TIME-WAIT 时，这个[[four-tuple]]不能被复用。默认范围内有 {fact:linux.ephemeralPortCount} 个端口，TIME-WAIT 为 {fact:linux.timeWait}，所以当客户端先关闭时，一个客户端地址每秒最多只能向同一个服务端 ip:端口新建大约 {fact:linux.connectionsPerSecondPerDestination} 条连接。",
    },
    facts: [
      { fact: "linux.ephemeralPortCount", label: { en: "Ports in the default range", zh: "默认范围内的端口数" } },
      {
        fact: "linux.connectionsPerSecondPerDestination",
        label: { en: "New connections per second to one ip:port (client closes first)", zh: "每秒可新建到同一 ip:端口的连接数（客户端先关闭）" },
      },
    ],
    related: ["ip_local_port_range", "four-tuple"],
  },
  {
    id: "three-way-handshake",
    kind: "concept",
    term: { en: "Three-way handshake", zh: "三次握手" },
    short: {
      en: "SYN, SYN+ACK, ACK: how two hosts open a connection and agree on each other's initial sequence numbers.",
      zh: "SYN、SYN+ACK、ACK：两台主机打开连接并确认彼此初始序列号的过程。",
    },
    body: {
      en: "Three segments are the minimum: each side must announce its [[isn]] and see it acknowledged, and the server's acknowledgment and its own SYN fit in one segment. The third segment also lets the server tell a live request from an old duplicate SYN.",
      zh: "三个报文段是最少的：双方都要通告自己的 [[isn]] 并得到确认，而服务端的确认和它自己的 SYN 可以合并在一个报文段里。第三个报文段还让服务端能够区分真实的请求和旧的重复 SYN。",
    },
    related: ["syn", "syn-sent", "syn-received", "established"],
  },
  {
    id: "four-way-teardown",
    kind: "concept",
    term: { en: "Four-way teardown", zh: "四次挥手" },
    aliases: ["four-way handshake", "connection termination"],
    short: {
      en: "FIN, ACK, FIN, ACK: each direction is closed separately, so an orderly close usually takes four segments.",
      zh: "FIN、ACK、FIN、ACK：两个方向分别关闭，所以正常关闭通常需要四个报文段。",
    },
    body: {
      en: "The ACK of the first FIN is sent by the kernel on its own, within milliseconds, but the second FIN waits for the other application to call `close()`, so they usually travel separately. When that application closes before the kernel's ACK has left, the ACK and the FIN ride together and the close takes three segments.",
      zh: "对第一个 FIN 的 ACK 由内核自行发出，只需几毫秒；而第二个 FIN 要等另一端的应用调用 `close()`，所以二者通常分开发送。如果那个应用在内核的 ACK 发出之前就关闭了，ACK 和 FIN 就会合并在一起，关闭只需要三个报文段。",
    },
    related: ["fin", "half-close", "active-close", "passive-close"],
  },
  {
    id: "half-close",
    kind: "concept",
    term: { en: "Half-close", zh: "半关闭" },
    aliases: ["half-closed", "shutdown(SHUT_WR)"],
    short: {
      en: "One direction is closed (a FIN was sent and acknowledged) while the other still carries data.",
      zh: "一个方向已经关闭（FIN 已发出并被确认），另一个方向仍在传输数据。",
    },
    body: {
      en: "TCP is full duplex, so each direction ends with its own FIN. `shutdown(fd, SHUT_WR)` half-closes on purpose: send a request, signal its end, then keep reading the reply.",
      zh: "TCP 是全双工的，每个方向都以自己的 FIN 结束。`shutdown(fd, SHUT_WR)` 就是有意的半关闭：发完请求、表明请求结束，再继续读取响应。",
    },
    related: ["fin", "fin-wait-2", "close-wait"],
  },
  {
    id: "active-close",
    kind: "concept",
    term: { en: "Active close (active closer)", zh: "主动关闭（主动关闭方）" },
    aliases: ["active closer"],
    short: {
      en: "The side that sends the first FIN; it passes through FIN-WAIT and ends in TIME-WAIT.",
      zh: "先发送 FIN 的一方，会经过 FIN-WAIT 状态，最后进入 TIME-WAIT。",
    },
    body: {
      en: "Either the client or the server can be the active closer. Because the active closer sends the last ACK, it is the one that keeps [[time-wait]] — which is why a server that closes first collects TIME-WAIT sockets.",
      zh: "客户端和服务端都可能成为主动关闭方。主动关闭方发送最后一个 ACK，所以由它承担 [[time-wait]]——这就是先关闭连接的服务端会堆积 TIME-WAIT 套接字的原因。",
    },
    related: ["passive-close", "fin-wait-1", "time-wait"],
  },
  {
    id: "passive-close",
    kind: "concept",
    term: { en: "Passive close (passive closer)", zh: "被动关闭（被动关闭方）" },
    aliases: ["passive closer"],
    short: {
      en: "The side that receives the first FIN; it passes through CLOSE-WAIT and LAST-ACK.",
      zh: "收到第一个 FIN 的一方，会经过 CLOSE-WAIT 和 LAST-ACK。",
    },
    body: {
      en: "Its kernel acknowledges the FIN on its own; its own FIN goes out when its application calls `close()`. It never enters TIME-WAIT (unless both sides close at once).",
      zh: "它的内核会自行确认收到的 FIN；自己的 FIN 要等应用调用 `close()` 才发出。被动关闭方不会进入 TIME-WAIT（双方同时关闭时除外）。",
    },
    related: ["active-close", "close-wait", "last-ack"],
  },
  {
    id: "orphan-socket",
    kind: "concept",
    term: { en: "Orphaned socket", zh: "孤儿套接字" },
    aliases: ["orphan"],
    short: {
      en: "A connection the application has closed but the kernel is still finishing (sending or waiting for FINs).",
      zh: "应用已经关闭、但内核仍在收尾（发送或等待 FIN）的连接。",
    },
    body: {
      en: "After `close()` the kernel keeps the connection alive to complete the teardown. Linux limits how long orphans may wait in [[fin-wait-2]] ([[tcp_fin_timeout]]) and how often they retry their FIN ([[tcp_orphan_retries]]).",
      zh: "调用 `close()` 之后，内核会继续维持连接，直到完成关闭流程。Linux 限制孤儿套接字在 [[fin-wait-2]] 中等待的时间（[[tcp_fin_timeout]]）以及重传 FIN 的次数（[[tcp_orphan_retries]]）。",
    },
    related: ["tcp_fin_timeout", "tcp_orphan_retries"],
  },
  {
    id: "syn-queue",
    kind: "concept",
    term: { en: "SYN queue", zh: "SYN 队列（半连接队列）" },
    aliases: ["half-open queue", "SYN backlog"],
    short: {
      en: "Where a listener keeps half-open connections (SYN-RECEIVED) until the handshake completes.",
      zh: "监听套接字存放半连接（SYN-RECEIVED）的地方，直到握手完成。",
    },
    body: {
      en: "Bounded by the listener's backlog, `min(backlog, [[somaxconn]])`: it is full when it holds more requests than that (`inet_csk_reqsk_queue_is_full()`). Then new SYNs are answered with SYN cookies when [[tcp_syncookies]] allows it (the default), or dropped. [[tcp_max_syn_backlog]] plays a part only with cookies off.",
      zh: "它的长度受监听套接字的 backlog 限制，即 `min(backlog, [[somaxconn]])`：请求数超过这个值，队列就满了（`inet_csk_reqsk_queue_is_full()`）。此时如果 [[tcp_syncookies]] 允许（默认允许），新的 SYN 会得到 SYN cookie 回应，否则被丢弃。只有关闭 cookie 时，[[tcp_max_syn_backlog]] 才起作用。",
    },
    related: ["accept-queue", "somaxconn", "tcp_max_syn_backlog", "syn-flood"],
  },
  {
    id: "accept-queue",
    kind: "concept",
    term: { en: "Accept queue", zh: "accept 队列（全连接队列）" },
    aliases: ["backlog", "listen backlog"],
    short: {
      en: "Completed connections waiting for the application to call accept(); its length is min(backlog, somaxconn).",
      zh: "已完成握手、等待应用调用 accept() 的连接；长度为 min(backlog, somaxconn)。",
    },
    body: {
      en: "It holds one more connection than the backlog (`sk_acceptq_is_full()` tests `>`). If the application accepts too slowly and the queue fills, Linux drops new SYNs, even with SYN cookies, so new clients stay in SYN-SENT; and it drops the final ACK of handshakes already under way (or resets them, with `tcp_abort_on_overflow`), so those clients think they are connected while the server does not.",
      zh: "它能容纳的连接比 backlog 多一个（`sk_acceptq_is_full()` 用的是 `>`）。如果应用 accept 太慢导致队列满，Linux 会丢弃新的 SYN（即使开启了 SYN cookie），新来的客户端就停在 SYN-SENT；对已经在进行中的握手，它会丢弃客户端最后的 ACK（开启 `tcp_abort_on_overflow` 时则发送 RST），于是这些客户端以为已经连上，服务端却并不这么认为。",
    },
    related: ["somaxconn", "syn-queue", "listen"],
  },
  {
    id: "syn-flood",
    kind: "concept",
    term: { en: "SYN flood", zh: "SYN 泛洪（SYN Flood）" },
    short: {
      en: "An attack that sends many SYNs and never completes the handshakes, to fill the SYN queue.",
      zh: "一种攻击：发送大量 SYN 却从不完成握手，以填满 SYN 队列。",
    },
    body: {
      en: "The answer is [[tcp_syncookies]], which keeps no state for a SYN until its handshake completes.",
      zh: "应对办法是 [[tcp_syncookies]]：在握手完成之前不为 SYN 保存任何状态。",
    },
    related: ["tcp_syncookies", "syn-queue"],
  },
  {
    id: "keepalive",
    kind: "concept",
    term: { en: "Keepalive", zh: "保活（keepalive）" },
    aliases: ["SO_KEEPALIVE", "TCP keepalive"],
    short: {
      en: "Probes sent on an idle connection to find out whether the peer is still there. Off unless the application enables it.",
      zh: "在空闲连接上发送探测，检查对端是否还在。除非应用开启，否则默认关闭。",
    },
    body: {
      en: "Not to be confused with HTTP keep-alive, which keeps a connection open for several requests — one of the best ways to avoid TIME-WAIT build-up. TCP keepalive is tuned by [[tcp_keepalive_time]], [[tcp_keepalive_intvl]] and [[tcp_keepalive_probes]].",
      zh: "不要与 HTTP keep-alive 混淆：后者让一条连接承载多个请求，是避免 TIME-WAIT 堆积的最好办法之一。TCP 保活由 [[tcp_keepalive_time]]、[[tcp_keepalive_intvl]] 和 [[tcp_keepalive_probes]] 调节。",
    },
    related: ["tcp_keepalive_time"],
  },
  {
    id: "retransmission",
    kind: "concept",
    term: { en: "Retransmission", zh: "重传" },
    short: {
      en: "Sending a segment again because its acknowledgment did not arrive before the RTO expired.",
      zh: "因为在 RTO 到期前没有收到确认而再次发送报文段。",
    },
    body: {
      en: "SYNs, FINs and data are retransmitted; pure ACKs never are, which is why a lost final ACK is repaired by the peer retransmitting its FIN — and why [[time-wait]] exists.",
      zh: "SYN、FIN 和数据都会被重传，纯 ACK 则从不重传。所以最后的 ACK 丢失时，只能靠对端重传 FIN 来补救——这正是 [[time-wait]] 存在的原因。",
    },
    related: ["rto"],
  },
  {
    id: "old-duplicate",
    kind: "concept",
    term: { en: "Old duplicate segment", zh: "旧的重复报文段" },
    aliases: ["incarnation", "delayed duplicate"],
    short: {
      en: "A delayed copy of a segment from an earlier connection (incarnation) with the same 4-tuple.",
      zh: "来自先前使用相同四元组的连接（旧“化身”）、在网络中延迟到达的报文段副本。",
    },
    body: {
      en: "If a new connection reused the 4-tuple at once, such a segment could be accepted as new data. [[time-wait]] lasting [[2msl]] lets them expire; the handshake's third segment lets a server reject an old duplicate SYN.",
      zh: "如果新连接立即复用同一个四元组，这样的报文段可能被当成新数据接收。持续 [[2msl]] 的 [[time-wait]] 让它们自然过期；握手的第三个报文段则让服务端能够拒绝旧的重复 SYN。",
    },
    related: ["time-wait", "four-tuple", "three-way-handshake"],
  },
  {
    id: "socket",
    kind: "concept",
    term: { en: "Socket", zh: "套接字" },
    short: {
      en: "The application's handle on a connection (or on a listening port), created by socket() and released by close().",
      zh: "应用操作连接（或监听端口）的句柄，由 socket() 创建，由 close() 释放。",
    },
    body: {
      en: "The kernel's connection can outlive the application's socket: after `close()` it may still be finishing the teardown as an [[orphan-socket]] or waiting in [[time-wait]].",
      zh: "内核中的连接可能比应用的套接字活得更久：`close()` 之后，它可能仍作为[[orphan-socket|孤儿套接字]]完成关闭流程，或在 [[time-wait]] 中等待。",
    },
    related: ["orphan-socket"],
  },
];

function validate(entries: Array<z.input<typeof glossaryEntrySchema>>): GlossaryEntry[] {
  const parsed = entries.map((entry, index) => {
    const result = glossaryEntrySchema.safeParse(entry);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      throw new Error(`content/glossary.ts entry ${index} (${String(entry.id)}): ${problems}`);
    }
    return result.data;
  });
  const ids = new Set<string>();
  for (const entry of parsed) {
    if (ids.has(entry.id)) throw new Error(`content/glossary.ts: duplicate id "${entry.id}"`);
    ids.add(entry.id);
  }
  for (const entry of parsed) {
    const linked = [...entry.related, ...[entry.body.en, entry.body.zh].flatMap((text) => [...text.matchAll(/\[\[([^\]|]+)/g)].map((m) => m[1]!))];
    for (const id of linked) {
      if (!ids.has(id)) throw new Error(`content/glossary.ts: "${entry.id}" links to unknown entry "${id}"`);
    }
  }
  return parsed;
}

/** Every glossary entry, validated when the module loads (a broken entry fails the build). */
export const GLOSSARY: readonly GlossaryEntry[] = validate(ENTRIES);

const byId = new Map(GLOSSARY.map((entry) => [entry.id, entry]));

export function findGlossaryEntry(id: string): GlossaryEntry | undefined {
  return byId.get(id);
}
