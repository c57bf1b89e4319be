import "server-only";
import { defineQuizTranslation } from "@/domain/quiz/translation";
import type quiz from "./quiz";

/** 第 2 课测验的中文文本：按 quiz.ts 中的 id 对应，答案与评分规则都在 quiz.ts 里。 */
export default defineQuizTranslation<typeof quiz>({
  quiz: "three-way-handshake",
  title: "检验一下：三次握手",
  questions: {
    "handshake-state": {
      prompt: "下面是一条连接的开头。第 {segment} 个报文段之后，{host}处于哪个状态？",
      explanation:
        "客户端发出 SYN 时进入 SYN-SENT，发出最后的 ACK 时进入 ESTABLISHED；服务端收到 SYN 时从 LISTEN 进入 SYN-RECEIVED，最后的 ACK 到达时进入 ESTABLISHED。这里的答案是 {answer}。",
      wrongState: {
        "SYN-SENT": "SYN-SENT 属于发出了 SYN、正在等待 SYN+ACK 的一端：只有客户端，而且只在它的 SYN 发出、服务端的回应到达之前。",
        "SYN-RECEIVED": "SYN-RECEIVED 是服务端从收到 SYN 到收到最后的 ACK 之间的状态。正常握手时客户端不会经过它。",
        LISTEN: "LISTEN 是服务端在任何 SYN 到达之前的状态。SYN 一到，这条连接就有了自己的状态。",
      },
    },
    "synack-ack-number": {
      prompt: "客户端的 SYN 携带的初始序列号是 {clientIsn}。服务端在 SYN+ACK 里填写的确认号是多少？",
      explanation: "SYN 占用一个序列号，所以服务端期望的下一个序列号是 {clientIsn} + 1 = {answer}。",
      mistakes: {
        "-1": "这是客户端的 ISN 本身。确认号是期望收到的下一个序列号，而 ISN 已经被 SYN 用掉了。",
      },
    },
    "flags-of-the-reply": {
      prompt: "为这个报文段设置标志位。",
      segment: "客户端向一个有应用在监听的端口发出 SYN，服务端给出的回复。",
      explanation: "服务端在同一个报文段里既提出自己的初始序列号（SYN），又确认客户端的初始序列号（ACK）：这就是 SYN+ACK。只有客户端最初的那个 SYN 不置 ACK。",
      wrongBit: {
        SYN: "回复必须带 SYN：服务端要宣告自己的初始序列号。",
        ACK: "回复必须带 ACK：它用 ack = 客户端 ISN + 1 确认客户端的 SYN。",
        FIN: "FIN 用来关闭数据流的一个方向；这里没有任何东西要关闭。",
        RST: "端口上没有程序监听时，回应才是复位。这里有应用在监听。",
        PSH: "PSH 要求尽快交付数据；SYN+ACK 通常不携带数据。",
      },
    },
    "why-three": {
      prompt: "为什么 TCP 需要第三个报文段，而不是在服务端发出 SYN+ACK 后就认为连接已经打开？",
      explanation:
        "RFC 9293 §3.5：握手存在的主要目的，是防止旧的重复 SYN 建立连接。有了第三个报文段，客户端确认这个 SYN+ACK 回应的是它当前的 SYN，服务端也得知自己的 ISN 已经送达。这样两个 ISN 都发出并得到了确认。",
      options: {
        "duplicates-and-isns": {
          text: "为了让旧的重复 SYN 无法建立连接，也让服务端知道自己的初始序列号已经送达",
          feedback: "对：第三个报文段是客户端的确认，而旧 SYN 的发送方不会给出这个确认。",
        },
        "room-for-data": {
          text: "为了让客户端有一个报文段可以发送它的第一批数据",
          feedback: "最后的 ACK 确实可以携带数据，但那只是顺便，并不是它存在的原因。客户端完全可以稍后再发数据。",
        },
        "measure-rtt": {
          text: "为了让双方在发送数据之前测量往返时间",
          feedback: "握手确实能提供 RTT 样本，但 TCP 本来就会在数据报文段上测量 RTT。这不是握手需要三个报文段的原因。",
        },
        "server-needs-permission": {
          text: "因为服务端必须得到客户端两次许可之后才能发送数据",
          feedback: "没有这样的规则。第三个报文段确认的是服务端的 SYN，所谓的“许可”仅此而已。",
        },
      },
    },
    "old-duplicate-synack": {
      prompt: "一个处于 SYN-SENT 的客户端发出了序列号为 100 的 SYN。这时到达一个 ack = 91 的 SYN+ACK。客户端会怎么做？",
      explanation:
        "确认号 91 回应的是 ISN 为 90 的 SYN——那是一个旧的重复报文段，而不是本次尝试。客户端发送一个复位（seq = 91），服务端的半连接回到 LISTEN，真正的握手继续进行（RFC 9293 §3.5，图 8）。",
      options: {
        "sends-reset": {
          text: "发送 RST，让服务端丢掉由旧 SYN 建立的半连接",
          feedback: "对：确认号与它的 SYN 对不上，所以它复位了那次连接尝试。",
        },
        "acks-anyway": {
          text: "确认这个 SYN+ACK，进入 ESTABLISHED",
          feedback: "那样它就会凭着一个本次尝试中根本没发过的 SYN 建立连接：这正是握手要防止的混乱。",
        },
        ignores: {
          text: "悄悄忽略这个报文段，继续等待",
          feedback: "如果忽略它，服务端就会为一次旧的连接尝试卡在 SYN-RECEIVED；客户端用复位告诉它真相。",
        },
        "retransmits-syn": {
          text: "用序列号 91 重传它的 SYN",
          feedback: "客户端保留自己的 ISN（100），不会采用一次旧尝试里的编号。",
        },
      },
    },
    "refused-reply": {
      prompt: "为这个报文段设置标志位。",
      segment: "SYN 到达一个没有程序监听的端口时，Linux 主机发回的报文段。",
      explanation:
        "一个复位。因为那个 SYN 不带 ACK，复位的 seq 为 0，并且置 ACK，确认号是 SYN 的序列号 + 1（RFC 9293 §3.5.2）；tcpdump 把它显示为 [R.]。客户端的 connect() 以 ECONNREFUSED 失败。",
      wrongBit: {
        SYN: "这里不提供连接：没有监听者，所以不会回一个 SYN。",
        ACK: "回应一个不带 ACK 的报文段时，复位自己要带上 ACK，用来确认那个 SYN（seq 0，ack = ISN + 1）。",
        FIN: "FIN 结束一个已经打开的方向；这里根本没有打开过连接。",
        RST: "拒绝连接正是 RST 的用途。",
        PSH: "PSH 与数据交付有关；复位不携带数据。",
      },
    },
    "syn-sent-causes": {
      prompt: "在客户端上运行 `ss -tan`，看到一条连向 10.0.0.9:443 的连接处于 SYN-SENT 好几秒了。下面哪些情况会造成这种现象？选出所有可能的原因。",
      explanation:
        "SYN-SENT 表示客户端已经发出 SYN，却没有收到任何可以接受的回应：既没有 SYN+ACK，也没有复位。要么 SYN（或它的回应）在途中丢失了——防火墙把它丢掉，或者主机已经宕机；要么是服务端内核有意丢弃：监听套接字的 accept 队列满了时，tcp_conn_request() 会丢弃新的 SYN，所以一个不再调用 accept() 的服务端会让新来的客户端停在 SYN-SENT（在 Linux 6.18 上录制：listen(4)，从不 accept()，十个客户端中有五个停在 SYN-SENT）。无论哪种情况，客户端都会不断重传 SYN。",
      options: {
        "silently-dropped": {
          text: "SYN 完全没有得到回应——被防火墙丢弃，或者主机已经宕机——正在被重传",
          feedback: "对：没有任何回应，客户端就一直重传，直到 connect() 超时。",
        },
        "accept-queue-full": {
          text: "服务端应用不再调用 accept()，监听套接字的 accept 队列已经满了",
          feedback: "对：accept 队列满时，Linux 会丢弃新的 SYN（即使开启了 SYN cookie），客户端什么也收不到，直到队列腾出空位。",
        },
        refused: {
          text: "服务端的 443 端口上没有程序在监听",
          feedback: "那样服务端会用复位回应，connect() 会立即以 ECONNREFUSED 失败；套接字不会停留在 SYN-SENT。",
        },
        "waiting-final-ack": {
          text: "客户端在等待服务端最后的 ACK",
          feedback: "最后的 ACK 是客户端发的，不是服务端。SYN-SENT 等待的是 SYN+ACK。",
        },
      },
    },
  },
});
