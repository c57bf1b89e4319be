/**
 * What each misconception tag means, for instructors, in every language: the English is the
 * table in domain/quiz/misconceptions.ts (every tag a quiz records, checked by its test); the
 * Chinese must name exactly the same tags (the type enforces it). The student's page and
 * analytics show them beside a wrong answer, so an instructor can explain it in either language.
 */
import type { Locale } from "@/domain/locale";
import { describeMisconception, MISCONCEPTIONS_BY_TAG, type Misconception, type MisconceptionTag } from "@/domain/quiz/misconceptions";
import { defineWords } from "@/domain/words";

const zh: Record<MisconceptionTag, Misconception> = {
  "confuses-close-and-abort": {
    title: "把正常关闭和异常终止混为一谈",
    explanation: "close() 发送 FIN，主动关闭方会经过 TIME-WAIT；只有异常终止（abort）才发送 RST（[R.]）并跳过 TIME-WAIT。",
  },
  "confuses-close-wait-and-fin-wait": {
    title: "把 CLOSE-WAIT 和 FIN-WAIT 混为一谈",
    explanation: "CLOSE-WAIT 是收到了 FIN、自己还没关闭的一方；FIN-WAIT-1/2 是先发出 FIN 的一方。",
  },
  "confuses-close-wait-and-last-ack": {
    title: "把 CLOSE-WAIT 和 LAST-ACK 混为一谈",
    explanation: "处于 CLOSE-WAIT 的套接字还没发出自己的 FIN；LAST-ACK 在这个 FIN 之后，等待对它的 ACK。",
  },
  "confuses-close-wait-and-time-wait": {
    title: "把 CLOSE-WAIT 和 TIME-WAIT 混为一谈",
    explanation: "TIME-WAIT 出现在先关闭的一方，处在整个过程的最后；CLOSE-WAIT 出现在根本还没关闭的一方。",
  },
  "confuses-closing-and-fin-wait-2": {
    title: "把 CLOSING 和 FIN-WAIT-2 混为一谈",
    explanation: "FIN-WAIT-2 出现在我方的 FIN 被确认之后；CLOSING 属于同时关闭：对方的 FIN 在那个 ACK 之前先到达。",
  },
  "confuses-closing-and-last-ack": {
    title: "把 CLOSING 和 LAST-ACK 混为一谈",
    explanation: "LAST-ACK 是被动关闭方在收到对方的 FIN 之后发出自己的 FIN 时所处的状态；同时关闭时双方都会经过 CLOSING。",
  },
  "confuses-fin-with-rst": {
    title: "该用 RST 的地方用了 FIN",
    explanation: "从未建立的连接用 RST 拒绝；FIN 用来结束一条已建立连接的一个方向。",
  },
  "confuses-fin-with-syn": {
    title: "把 FIN 和 SYN 混为一谈",
    explanation: "SYN 建立连接并同步序列号；FIN 表示发送方的数据已经发完。",
  },
  "confuses-handshake-states": {
    title: "搞混了握手过程中的状态",
    explanation: "客户端：发出 SYN 后进入 SYN-SENT，收到 SYN+ACK 后进入 ESTABLISHED。服务端：收到 SYN 后进入 SYN-RECEIVED，收到最后的 ACK 后进入 ESTABLISHED。",
  },
  "confuses-listen-and-connection-queues": {
    title: "把连接的 Recv-Q 当成监听套接字的来读",
    explanation: "在 LISTEN 套接字上，Recv-Q 是等待 accept() 的连接数；在已建立的连接上，它是尚未读取的字节数。",
  },
  "confuses-msl-and-2msl": {
    title: "把 MSL 和 TIME-WAIT 的时长（2MSL）混为一谈",
    explanation: "TIME-WAIT 持续两个 MSL：一个给报文段的去程，一个给回程。",
  },
  "confuses-piggyback-with-simultaneous-close": {
    title: "把三个报文段的关闭当成了同时关闭",
    explanation: "同时关闭时两个 FIN 交错而过，各自单独确认（共四个报文段，经过 CLOSING）。",
  },
  "confuses-refused-and-unanswered": {
    title: "把被拒绝的连接和无应答的连接混为一谈",
    explanation: "被拒绝的 SYN 会收到 RST，connect() 立即以 ECONNREFUSED 失败；只有无应答的 SYN 才会让套接字停在 SYN-SENT。",
  },
  "confuses-shutdown-and-close": {
    title: "把 shutdown(SHUT_WR) 和 close() 混为一谈",
    explanation: "shutdown(SHUT_WR) 发送 FIN 但仍可继续读取；close() 之后应用程序既不能读也不能写。",
  },
  "confuses-syn-and-syn-ack": {
    title: "忘了 SYN+ACK 中的 ACK",
    explanation: "接受连接的同时也要确认客户端的 ISN，所以应答同时置位 SYN 和 ACK。",
  },
  "confuses-syn-backlog-and-time-wait": {
    title: "以为 tcp_max_syn_backlog 与 TIME-WAIT 有关",
    explanation: "tcp_max_syn_backlog 只在关闭 SYN Cookie 时影响连接请求，对 TIME-WAIT 毫无作用。",
  },
  "confuses-syn-sent-and-syn-received": {
    title: "把 SYN-SENT 和 SYN-RECEIVED 混为一谈",
    explanation: "SYN-SENT 是发出 SYN、等待 SYN+ACK 的一方；SYN-RECEIVED 是收到 SYN 并已回应的一方。",
  },
  "confuses-syn-with-fin": {
    title: "用 SYN 来关闭连接",
    explanation: "关闭用 FIN 来宣告；SYN 只用于建立连接。",
  },
  "confuses-syn-with-rst": {
    title: "把 SYN 和 RST 混为一谈",
    explanation: "RST 终止连接；SYN 建立连接并同步序列号。",
  },
  "confuses-teardown-states": {
    title: "搞混了挥手过程中的状态",
    explanation: "主动关闭方：FIN-WAIT-1、FIN-WAIT-2、TIME-WAIT。被动关闭方：CLOSE-WAIT、LAST-ACK，然后 CLOSED。",
  },
  "confuses-time-wait-with-close-wait": {
    title: "把 2MSL 的等待放在了第二个 FIN 之前",
    explanation: "2MSL 是 TIME-WAIT 的时长，TIME-WAIT 出现在主动关闭方，处在整个过程的最后。",
  },
  "confuses-tw-reuse-and-tw-recycle": {
    title: "把 tcp_tw_reuse 和已被移除的 tcp_tw_recycle 混为一谈",
    explanation: "tcp_tw_reuse 允许主动发起的连接借助时间戳复用处于 TIME-WAIT 的四元组（2 表示仅限回环）；tcp_tw_recycle 自 Linux 4.12 起已被移除。",
  },
  "forgets-fin-consumes-a-sequence-number": {
    title: "忘了 FIN 要占用一个序列号",
    explanation: "和 SYN 一样，FIN 占用一个序列号，所以对它的 ACK 是 FIN 的序列号 + 1。",
  },
  "forgets-fin-ends-a-direction": {
    title: "忘了 FIN 的作用",
    explanation: "没有 FIN，对方就无法知道发送方已经发完：FIN 结束的是发送方这一方向的数据。",
  },
  "forgets-lost-last-ack-reason": {
    title: "没想到 TIME-WAIT 存在的原因之一：最后的 ACK 可能丢失",
    explanation: "最后的 ACK 不会被确认；如果它丢失，TIME-WAIT 还在，就能应答对方重传的 FIN。",
  },
  "forgets-old-duplicates-reason": {
    title: "没想到 TIME-WAIT 存在的原因之一：旧的重复报文段",
    explanation: "TIME-WAIT 让旧连接中迟到的报文段自然消失，以免被同一四元组上的新连接当成自己的数据。",
  },
  "forgets-server-sends-its-own-syn": {
    title: "忘了服务端要发出自己的 SYN",
    explanation: "服务端必须用 SYN 宣告自己的初始序列号，否则它这一方向永远无法同步。",
  },
  "forgets-syn-consumes-a-sequence-number": {
    title: "忘了 SYN 要占用一个序列号",
    explanation: "SYN 本身占用 ISN 这个序列号，所以 SYN+ACK 确认的是 ISN + 1。",
  },
  "forgets-time-wait-in-port-arithmetic": {
    title: "计算端口时漏掉了 TIME-WAIT",
    explanation: "每个关闭的连接都要在 TIME-WAIT 时长内（Linux 上为 60 秒）占住它的端口，所以速率是端口数 ÷ 60 秒，而不是端口数本身。",
  },
  "miscounts-sequence-space": {
    title: "算错了序列号空间",
    explanation: "SYN 和 FIN 各占一个序列号，数据每个字节占一个；ACK 给出的是期望收到的下一个序列号。",
  },
  "misorders-handshake-segments": {
    title: "把握手的报文段顺序排错了",
    explanation: "先是 SYN、SYN+ACK、ACK；之后数据才能传输并被确认。",
  },
  "misorders-teardown": {
    title: "把挥手的报文段顺序排错了",
    explanation: "主动关闭方的 FIN、对它的 ACK、被动关闭方的应用程序关闭时发出的 FIN，最后是最终的 ACK。",
  },
  "misreads-tcpdump-flag-letters": {
    title: "读错了 tcpdump 的标志位字母",
    explanation: "tcpdump 用 S 表示 SYN、F 表示 FIN、R 表示 RST、P 表示 PSH，用一个点表示 ACK：[S.] 就是 SYN+ACK。",
  },
  "overlooks-silent-drop": {
    title: "忽略了得不到任何应答的 SYN",
    explanation: "被防火墙丢弃、或发往宕机主机的 SYN 得不到任何回复：客户端停在 SYN-SENT 不断重传，直到 connect() 超时。",
  },
  "overlooks-connection-reuse": {
    title: "忽略了连接复用",
    explanation: "让一条连接承载多个请求，TIME-WAIT 套接字的数量就会按同样的倍数减少。",
  },
  "thinks-accept-queue-never-blocks-handshake": {
    title: "以为 accept 队列满了也不会耽误握手",
    explanation: "监听套接字的 accept 队列满时，Linux 会丢弃新的 SYN（即使开启了 SYN Cookie），直到 accept() 腾出位置。",
  },
  "thinks-accept-completes-handshake": {
    title: "以为 accept() 完成了握手",
    explanation: "握手由内核自行完成；accept() 只是从队列中取走一条已建立的连接。",
  },
  "thinks-ack-field-always-valid": {
    title: "以为确认号字段总是有意义",
    explanation: "首部中总有这个字段，但只有置位 ACK 标志时它的值才有意义。",
  },
  "thinks-ack-names-last-byte-received": {
    title: "以为 ACK 给出的是收到的最后一个字节",
    explanation: "TCP 确认的是它期望收到的下一个字节：收到的最后一个字节 + 1。",
  },
  "thinks-ack-needs-data": {
    title: "以为 ACK 必须携带数据",
    explanation: "纯 ACK 不带任何数据；其中要紧的只有确认号。",
  },
  "thinks-ack-number-only-in-handshake": {
    title: "以为确认只属于握手",
    explanation: "握手之后的每个报文段都携带确认，贯穿连接的整个生命周期。",
  },
  "thinks-ack-only-on-pure-acks": {
    title: "以为数据报文段不带 ACK",
    explanation: "数据报文段也置位 ACK：每一个都告诉对方它的数据已经到了多少。",
  },
  "thinks-active-closer-skips-time-wait": {
    title: "以为先关闭的一方直接进入 CLOSED",
    explanation: "主动关闭方发出最后的 ACK 后要在 TIME-WAIT 中等待；只有被动关闭方才直接进入 CLOSED。",
  },
  "thinks-all-ports-are-ephemeral": {
    title: "以为所有非特权端口都是临时端口",
    explanation: "Linux 从 ip_local_port_range 中为主动发起的连接挑选端口，默认是 32768–60999，而不是整个 1024–65535。",
  },
  "thinks-bad-synack-is-ignored": {
    title: "以为意外的 SYN+ACK 会被忽略",
    explanation: "对确认号不对的 SYN+ACK，客户端以 RST 回应，于是服务端离开 SYN-RECEIVED。",
  },
  "thinks-both-sides-time-wait": {
    title: "以为双方最后都进入 TIME-WAIT",
    explanation: "只有主动关闭方进入 TIME-WAIT；被动关闭方从 LAST-ACK 进入 CLOSED（只有同时关闭时双方才都进入 TIME-WAIT）。",
  },
  "thinks-client-accepts-any-synack": {
    title: "以为客户端接受任何 SYN+ACK",
    explanation: "SYN+ACK 必须确认本次连接尝试的 ISN，否则客户端会用 RST 重置它，这正是握手要防范的情况。",
  },
  "thinks-client-adopts-peer-numbers": {
    title: "以为客户端会沿用对方的旧序列号",
    explanation: "客户端坚持自己的 ISN；对确认了别的序列号的 SYN+ACK，它会用 RST 重置。",
  },
  "thinks-client-always-in-time-wait": {
    title: "以为 TIME-WAIT 总是出现在客户端",
    explanation: "TIME-WAIT 出现在先关闭的一方；先关闭的服务端会积累 TIME-WAIT 套接字。",
  },
  "thinks-close-ends-connection-at-once": {
    title: "以为 close() 会立即结束连接",
    explanation: "孤儿套接字会在 FIN-WAIT-2 中停留最多 tcp_fin_timeout（60 秒），等待对方的 FIN。",
  },
  "thinks-close-sends-only-ack": {
    title: "以为 close() 只发送一个 ACK",
    explanation: "close() 让内核发送 FIN（同时置位 ACK，同步之后的每个报文段都如此）。",
  },
  "thinks-close-sends-rst": {
    title: "以为关闭会发送 RST",
    explanation: "正常关闭发送 FIN，对方仍可以回复；RST 会立即终止整条连接。",
  },
  "thinks-close-wait-means-ack-not-sent": {
    title: "以为 CLOSE-WAIT 在等待发送 ACK",
    explanation: "内核会立即自行确认收到的 FIN；CLOSE-WAIT 等待的是应用程序调用 close()。",
  },
  "thinks-closed-port-accepts": {
    title: "以为关闭的端口也接受连接",
    explanation: "没有进程监听时，SYN 会被 RST 拒绝。",
  },
  "thinks-closed-port-answers-synack": {
    title: "以为关闭的端口会用 SYN+ACK 应答",
    explanation: "没有监听者就没有连接可以提供：应答是 RST，绝不会是 SYN+ACK。",
  },
  "thinks-closed-port-stays-silent": {
    title: "以为关闭的端口不作应答",
    explanation: "主机会用 RST 应答，所以 connect() 立即以 ECONNREFUSED 失败。",
  },
  "thinks-data-can-follow-fin": {
    title: "以为 FIN 之后还能有数据",
    explanation: "FIN 之后，这个方向上不会再有任何数据：发送方已经宣告发完了。",
  },
  "thinks-data-consumes-an-extra-number": {
    title: "以为数据会多占一个序列号",
    explanation: "数据每个字节占一个序列号，别无其他；只有 SYN 和 FIN 会额外占用一个序列号。",
  },
  "thinks-data-precedes-handshake-ack": {
    title: "以为数据先于握手的最后一个 ACK",
    explanation: "客户端对 SYN+ACK 的 ACK 先完成握手，第一批数据在它之后（或与它一起）发出。",
  },
  "thinks-dot-means-no-flags": {
    title: "以为 tcpdump 中的点表示没有标志位",
    explanation: "tcpdump 标志位中的点就是 ACK：[.] 是纯 ACK，[P.] 是同时带有确认的推送数据。",
  },
  "thinks-fin-and-ack-cannot-combine": {
    title: "以为 FIN 和 ACK 不能在同一个报文段中",
    explanation: "握手之后每个报文段都带 ACK，FIN 也不例外（tcpdump 中显示为 [F.]）。",
  },
  "thinks-fin-closes-both-directions": {
    title: "以为一个 FIN 就关闭了两个方向",
    explanation: "FIN 只结束发送方那个方向；另一方可以继续发送，直到发出自己的 FIN。",
  },
  "thinks-fin-needs-psh": {
    title: "以为 FIN 需要 PSH",
    explanation: "PSH 要求尽快交付数据；不带数据的 FIN 用不着它。",
  },
  "thinks-fin-refuses-connections": {
    title: "以为 FIN 用来拒绝连接",
    explanation: "从未建立的连接用 RST 拒绝；FIN 只结束一个已打开的方向。",
  },
  "thinks-fin-segments-carry-no-ack": {
    title: "以为 FIN 报文段不带 ACK",
    explanation: "已同步的连接上，FIN 会置位 ACK（tcpdump 中显示为 [F.]）。",
  },
  "thinks-fin-sender-can-send": {
    title: "以为发出 FIN 的一方还能继续发送",
    explanation: "发出 FIN 后这一方就已发送完毕；shutdown(SHUT_WR) 之后再写会以 EPIPE 失败。",
  },
  "thinks-fin-stops-peer-sending": {
    title: "以为 FIN 会让对方停止发送",
    explanation: "收到 FIN 的一方可以继续发送；发出 FIN 的一方仍会继续接收并确认。",
  },
  "thinks-fin-timeout-closes-close-wait": {
    title: "以为 tcp_fin_timeout 会结束 CLOSE-WAIT",
    explanation: "tcp_fin_timeout 限制的是 FIN-WAIT-2 中的孤儿套接字；CLOSE-WAIT 会一直持续到应用程序关闭。",
  },
  "thinks-fin-timeout-is-fin-retransmission": {
    title: "以为 tcp_fin_timeout 控制 FIN 的重传",
    explanation: "FIN 和其他报文段一样重传（孤儿套接字由 tcp_orphan_retries 控制）；tcp_fin_timeout 是 FIN-WAIT-2 的时限。",
  },
  "thinks-fin-timeout-sets-time-wait": {
    title: "以为 tcp_fin_timeout 设定 TIME-WAIT 的时长",
    explanation: "Linux 的 TIME-WAIT 时长是 TCP_TIMEWAIT_LEN，一个编译时确定的 60 秒常量；tcp_fin_timeout 管的是 FIN-WAIT-2。",
  },
  "thinks-first-syn-carries-ack": {
    title: "以为第一个 SYN 带有 ACK",
    explanation: "第一个 SYN 没有任何东西需要确认，所以 ACK 未置位。",
  },
  "thinks-handshake-is-permission": {
    title: "以为第三个报文段是在授予发送许可",
    explanation: "最后的 ACK 确认的是服务端的 SYN；并不存在单独的“发送许可”。",
  },
  "thinks-handshake-measures-rtt": {
    title: "以为握手是为了测量往返时间",
    explanation: "握手确实能得到 RTT 样本，但需要三个报文段，是为了让双方的 ISN 都被发送并得到确认。",
  },
  "thinks-keepalive-affects-time-wait": {
    title: "以为保活（keepalive）设置会影响 TIME-WAIT",
    explanation: "tcp_keepalive_time 是对已建立连接开始探测前的空闲时间；Linux 上 TIME-WAIT 固定为 60 秒。",
  },
  "thinks-keepalive-closes-close-wait": {
    title: "以为保活（keepalive）会清除 CLOSE-WAIT",
    explanation: "保活只能发现对方已经不在；套接字会一直保留，直到应用程序关闭它。",
  },
  "thinks-keepalive-closes-idle-connections": {
    title: "以为保活（keepalive）会关闭空闲连接",
    explanation: "保活只结束对方不再应答的连接；健康的空闲连接不受影响。",
  },
  "thinks-keepalive-time-is-probe-interval": {
    title: "以为 tcp_keepalive_time 是探测间隔",
    explanation: "tcp_keepalive_time 是发出第一个探测前的空闲时间；之后每隔 tcp_keepalive_intvl 探测一次。",
  },
  "thinks-linger-zero-is-safe": {
    title: "以为 SO_LINGER 设为 0 是避免 TIME-WAIT 的安全办法",
    explanation: "它会发送 RST：传输中的数据丢失，对方看到 ECONNRESET，四元组也失去了 TIME-WAIT 的保护。",
  },
  "thinks-linux-time-wait-is-two-minutes": {
    title: "以为 Linux 的 TIME-WAIT 持续两分钟",
    explanation: "Linux 的 TIME-WAIT 持续 60 秒（TCP_TIMEWAIT_LEN）。",
  },
  "thinks-linux-uses-rfc-msl": {
    title: "以为 Linux 采用 RFC 中的 MSL",
    explanation: "按 RFC 的 2MSL 算是 4 分钟；Linux 用自己固定的 60 秒，也没有 MSL 这个设置。",
  },
  "thinks-linux-value-is-rfc": {
    title: "把 Linux 的 TIME-WAIT 时长当成了 RFC 规定的",
    explanation: "60 秒是 Linux 的 TCP_TIMEWAIT_LEN；RFC 9293 的 2MSL（MSL 为 2 分钟）是 4 分钟。",
  },
  "thinks-listener-resets-syn": {
    title: "以为监听中的端口会用 RST 回应 SYN",
    explanation: "监听者用 SYN+ACK 回应 SYN；没有进程监听时才回应 RST。",
  },
  "thinks-listening-port-resets": {
    title: "以为监听中的端口会拒绝连接",
    explanation: "有监听者的端口用 SYN+ACK 接受 SYN；RST 拒绝的是没有进程监听的连接。",
  },
  "thinks-max-syn-backlog-sizes-syn-queue": {
    title: "以为 tcp_max_syn_backlog 决定 SYN 队列的大小",
    explanation: "它只在关闭 SYN Cookie 时才被读取，用来丢弃未经验证的对端发来的 SYN；队列大小由 listen() 的 backlog 决定，上限为 somaxconn。",
  },
  "thinks-one-fin-closes-both-directions": {
    title: "以为确认一个 FIN 就关闭了两个方向",
    explanation: "这个 ACK 只确认对方的 FIN；确认方自己的方向仍然打开，直到它发出自己的 FIN。",
  },
  "thinks-only-client-sends-syn": {
    title: "以为只有客户端发送 SYN",
    explanation: "服务端的应答也带 SYN：它宣告服务端自己的初始序列号。",
  },
  "thinks-passive-closer-sends-fin-first": {
    title: "以为被动关闭方先发 FIN 再确认",
    explanation: "内核会立即确认对方的 FIN；自己的 FIN 要等应用程序调用 close() 才发出。",
  },
  "thinks-port-limit-is-global": {
    title: "以为临时端口的上限是全局的",
    explanation: "端口预算按目的地址和端口分别计算：只要四元组不重复即可。",
  },
  "thinks-port-range-limits-server-ports": {
    title: "以为 ip_local_port_range 限制服务端的端口",
    explanation: "这个范围用于主动发起的连接；服务端的连接都使用它的监听端口。",
  },
  "thinks-psh-needed-in-handshake": {
    title: "以为握手需要 PSH",
    explanation: "PSH 要求尽快交付数据；握手的报文段不带数据，无需推送。",
  },
  "thinks-reset-never-carries-ack": {
    title: "以为 RST 从不带 ACK",
    explanation: "回应不带 ACK 的报文段（比如 SYN）的 RST 会置位 ACK 并确认它；只有回应带 ACK 的报文段时才不带。",
  },
  "thinks-rst-never-carries-ack": {
    title: "以为 RST 绝不带 ACK",
    explanation: "回应 SYN 的 RST 置位 ACK：序列号为 0，确认号 = SYN 的序列号 + 1。",
  },
  "thinks-server-always-in-time-wait": {
    title: "以为 TIME-WAIT 总是出现在服务端",
    explanation: "TIME-WAIT 出现在先关闭的一方；只有服务端先关闭时才会出现在服务端。",
  },
  "thinks-server-stays-in-listen": {
    title: "以为连接一直处于 LISTEN",
    explanation: "LISTEN 属于监听套接字；每个到达的 SYN 都会创建一条有自己状态（SYN-RECEIVED）的连接。",
  },
  "thinks-server-time-wait-blocks-client-port": {
    title: "以为服务端的 TIME-WAIT 会占住客户端的端口",
    explanation: "客户端这一侧的连接已经是 CLOSED（它是被动关闭方），所以它的端口是空闲的。",
  },
  "thinks-server-time-wait-uses-ports": {
    title: "以为服务端的 TIME-WAIT 套接字会耗尽它的端口",
    explanation: "它们都使用服务端自己的监听端口，区别只在于客户端的地址和端口。",
  },
  "thinks-somaxconn-bounds-accept-queue-only": {
    title: "以为 somaxconn 只限制 accept 队列",
    explanation: "somaxconn 是 listen() backlog 的上限，而 backlog 同时限制 SYN 队列和 accept 队列。",
  },
  "thinks-synack-has-no-ack": {
    title: "以为 SYN+ACK 不带确认",
    explanation: "服务端的 SYN+ACK 确认客户端的 ISN：确认号 = 客户端 ISN + 1。",
  },
  "thinks-sysctl-p-reads-sysctl-d": {
    title: "以为 `sysctl -p` 会读取 /etc/sysctl.d/",
    explanation: "单独的 `sysctl -p` 只读取 /etc/sysctl.conf；`sysctl --system` 才会同时读取 /etc/sysctl.d/。",
  },
  "thinks-sysctl-w-is-permanent": {
    title: "以为 `sysctl -w` 重启后仍然有效",
    explanation: "`sysctl -w` 只写入 /proc/sys；要长期生效，得写进 /etc/sysctl.d/ 下的文件。",
  },
  "thinks-third-segment-exists-for-data": {
    title: "以为第三个报文段是为了携带数据",
    explanation: "最后的 ACK 确认的是服务端的 SYN；它可以捎带数据只是顺便的便利。",
  },
  "thinks-three-segment-close-lost-ack": {
    title: "以为三个报文段的关闭丢了一个 ACK",
    explanation: "被动关闭方的 FIN 可以在同一个报文段中确认第一个 FIN（[F.]），所以并没有缺少 ACK。",
  },
  "thinks-time-wait-blocks-reincarnation": {
    title: "以为 TIME-WAIT 只是简单地封锁它的四元组",
    explanation: "当新的 SYN 确定更新（序列号或时间戳更大）时，Linux 会在处于 TIME-WAIT 的四元组上接受它。",
  },
  "thinks-time-wait-ignores-segments": {
    title: "以为 TIME-WAIT 会忽略收到的报文段",
    explanation: "TIME-WAIT 会对重传的 FIN 再次回复 ACK，让对方得以离开 LAST-ACK。",
  },
  "thinks-time-wait-is-one-rtt": {
    title: "以为 TIME-WAIT 只持续一个往返时间",
    explanation: "它必须比任何迟到的报文段活得更久，而迟到可能远超一个往返时间：2MSL，在 Linux 上为 60 秒。",
  },
  "thinks-time-wait-length-is-tunable": {
    title: "以为 TIME-WAIT 的时长可以调整",
    explanation: "Linux 没有 MSL 或 TIME-WAIT 的 sysctl 参数；时长是常量 TCP_TIMEWAIT_LEN（60 秒）。",
  },
  "thinks-time-wait-reserves-port-for-reconnect": {
    title: "以为 TIME-WAIT 为重新连接保留端口",
    explanation: "客户端在建立新连接时会避开处于 TIME-WAIT 的四元组（除非 tcp_tw_reuse 允许复用）。",
  },
  "thinks-time-wait-resets-late-segments": {
    title: "以为 TIME-WAIT 会重置迟到的报文段",
    explanation: "没有 TIME-WAIT 时才会发生重置；这个状态的存在正是为了妥善应答迟到的 FIN。",
  },
  "thinks-time-wait-starts-at-first-fin": {
    title: "以为 TIME-WAIT 从第一个 FIN 开始",
    explanation: "主动关闭方确认了对方的 FIN 之后，TIME-WAIT 才开始。",
  },
  "thinks-time-wait-waits-for-data": {
    title: "以为 TIME-WAIT 在等待什么东西到达",
    explanation: "TIME-WAIT 只等自己的计时器；等待对方 FIN 的状态是 FIN-WAIT-2。",
  },
  "thinks-tw-buckets-is-a-fix": {
    title: "以为调大 tcp_max_tw_buckets 就能解决问题",
    explanation: "它只限制保留多少个 TIME-WAIT 套接字；超过上限后，关闭的连接直接跳过 TIME-WAIT。",
  },
  "thinks-tw-buckets-limits-connections": {
    title: "以为 tcp_max_tw_buckets 会限制新连接",
    explanation: "新连接不会被拒绝；超过上限时，关闭的连接会失去它们的 TIME-WAIT。",
  },
  "thinks-tw-recycle-is-safe": {
    title: "以为 tcp_tw_recycle 是安全的",
    explanation: "它会让 NAT 后面的客户端出问题（各自的时间戳时钟互不相关），已在 Linux 4.12 中移除。",
  },
  "thinks-tw-reuse-affects-incoming": {
    title: "以为 tcp_tw_reuse 影响接入的连接",
    explanation: "tcp_tw_reuse 只作用于主动发起的连接，让它们接管处于 TIME-WAIT 的四元组。",
  },
  "thinks-tw-reuse-default-is-zero": {
    title: "以为 tcp_tw_reuse 默认为 0",
    explanation: "自 Linux 4.18 起默认值为 2：只对回环连接复用。",
  },
  "thinks-tw-reuse-is-a-quantity": {
    title: "以为 tcp_tw_reuse 是一个数量",
    explanation: "它的值是一种模式：0 关闭，1 开启，2 仅限回环。",
  },
};

export const misconceptionWords = defineWords<Record<MisconceptionTag, Misconception>>({ en: MISCONCEPTIONS_BY_TAG, zh });

/** Title and explanation of a tag in `locale`; a tag no table knows reads as a sentence (English). */
export function describeMisconceptionIn(tag: string, locale: Locale): Misconception & { tag: string } {
  const known = (misconceptionWords(locale) as Partial<Record<string, Misconception>>)[tag];
  return known ? { tag, ...known } : describeMisconception(tag);
}

/** Answers store their tags joined by commas. */
export function misconceptionsIn(stored: string | null | undefined, locale: Locale): Array<Misconception & { tag: string }> {
  return (stored ?? "").split(",").filter(Boolean).map((tag) => describeMisconceptionIn(tag, locale));
}
