import "server-only";
import { defineQuizTranslation } from "@/domain/quiz/translation";
import type quiz from "./quiz";

/** 第 5 课测验的中文文本：按 quiz.ts 中的 id 对应，答案与评分规则都在 quiz.ts 里。 */
export default defineQuizTranslation<typeof quiz>({
  quiz: "time-wait",
  title: "检验一下：TIME-WAIT 与 2MSL",
  questions: {
    "two-reasons": {
      prompt: "主动关闭方发出最后的 ACK 之后，为什么还要停留在 TIME-WAIT？选出所有原因。",
      explanation:
        "两个原因（RFC 9293；原文列出的也是这两个）：如果最后的 ACK 丢失，可以再次确认对方的 FIN；在这条连接的延迟报文段全部过期之前，不让同一个四元组被再次使用。",
      options: {
        "repeat-last-ack": {
          text: "在最后的 ACK 丢失时，再次确认对方的 FIN",
          feedback: "对：最后的 ACK 永远不会被确认，重复到达的 FIN 是它丢失的唯一迹象。",
        },
        "old-duplicates": {
          text: "让这条连接的延迟报文段在同一个四元组被再次使用之前消亡",
          feedback: "对：否则一个旧的报文段可能被当成新连接（新的化身）的数据。",
        },
        "wait-for-data": {
          text: "接收对方还在发送的数据",
          feedback: "对方的 FIN 之后不会再有数据。TIME-WAIT 等的是时间，不是数据。",
        },
        "reserve-port": {
          text: "把端口保留下来，让同一个客户端能很快重新连接",
          feedback: "对持有它的一方来说恰恰相反：客户端不会复用处于 TIME-WAIT 的四元组（除非 tcp_tw_reuse 允许）。",
        },
      },
    },
    "who-enters": {
      prompt: "一条连接的哪一端会经历 TIME-WAIT？",
      explanation:
        "发出第一个 FIN 的一端（主动关闭方），因为最后的 ACK 是由它发出的。这一端可能是客户端，也可能是服务端。同时关闭时，双方都会经历。",
      options: {
        "active-closer": {
          text: "先关闭的那一端，无论是客户端还是服务端",
          feedback: "对：它发出最后的 ACK，所以可能需要重发它。",
        },
        client: {
          text: "总是客户端",
          feedback: "只有客户端先关闭时才是。先关闭连接的服务端会攒下 TIME-WAIT 套接字。",
        },
        server: {
          text: "总是服务端",
          feedback: "只有服务端先关闭时才是。",
        },
        both: {
          text: "总是双方都会",
          feedback: "被动关闭方从 LAST-ACK 直接进入 CLOSED。只有同时关闭之后，双方才都会停在 TIME-WAIT。",
        },
      },
    },
    "linux-length": {
      prompt: "在 Linux 上，套接字在 TIME-WAIT 中停留多久？怎样修改这个时长？",
      explanation:
        "由 include/net/tcp.h 中的 TCP_TIMEWAIT_LEN 决定：60 秒，编译时就已固定。没有哪个 sysctl 能修改它；tcp_fin_timeout 管的是孤儿套接字的 FIN-WAIT-2。能改变它的只有到达的报文段：重传的 FIN 会让定时器重新计时，复位或更新的 SYN 可以让它提前结束。",
      options: {
        "fixed-sixty": {
          text: "60 秒，一个编译期常量：无法用 sysctl 修改",
          feedback: "对：TCP_TIMEWAIT_LEN。",
        },
        "fin-timeout": {
          text: "tcp_fin_timeout 秒，默认 60",
          feedback: "两者默认都是 60，这加深了混淆，但 tcp_fin_timeout 只限制孤儿套接字的 FIN-WAIT-2。",
        },
        "four-minutes": {
          text: "2 × MSL = 4 分钟，RFC 9293 就是这么规定的",
          feedback: "那是 RFC 按 2 分钟的 MSL 得出的数字。Linux 使用自己的固定值，也没有 MSL 这项设置。",
        },
        "msl-sysctl": {
          text: "用 sysctl 设置的 MSL 的两倍",
          feedback: "Linux 没有设置 MSL 的 sysctl；TIME-WAIT 的时长是一个常量。",
        },
      },
    },
    "rfc-msl": {
      prompt: "RFC 9293 取最大报文段生存时间（MSL）为 2 分钟。按照 RFC，TIME-WAIT 有多长？",
      explanation: "TIME-WAIT 持续 2 × MSL：一个报文段单程的生存时间，加上回复返回的生存时间。按 2 分钟的 MSL 计算，2MSL 就是 4 分钟。",
      options: {
        "four-min": { text: "4 分钟", feedback: "对：2 × 2 分钟。" },
        "two-min": {
          text: "2 分钟",
          feedback: "那是一个 MSL。TIME-WAIT 是两个：一个给报文段去程，一个给回程。",
        },
        "sixty-s": {
          text: "60 秒",
          feedback: "那是 Linux 固定的 TCP_TIMEWAIT_LEN，不是 RFC 的 2MSL。",
        },
        "one-rtt": {
          text: "一个往返时间",
          feedback: "TIME-WAIT 必须比任何延迟的报文段活得更久，而那可能远远超过一个往返时间。",
        },
      },
    },
    "after-last-ack": {
      prompt: "客户端先关闭；服务端读到文件结束时关闭。第 {segment} 个报文段之后，{host}处于哪个状态？",
      explanation:
        "客户端作为主动关闭方，在确认服务端的 FIN 时进入 TIME-WAIT；服务端作为被动关闭方，在那个 ACK 到达时从 LAST-ACK 进入 CLOSED。答案：{answer}。",
      wrongState: {
        CLOSED: "只有被动关闭方会在自己 FIN 的 ACK 到达时进入 CLOSED。主动关闭方发出最后的 ACK 之后要在 TIME-WAIT 里等待。",
        "TIME-WAIT": "主动关闭方确认对方的 FIN 时才开始 TIME-WAIT，而被动关闭方从不进入它（LAST-ACK → CLOSED）。",
      },
    },
    "retransmitted-fin": {
      prompt: "一个处于 TIME-WAIT 的套接字再次收到了对方的 FIN。它会怎么做？",
      explanation:
        "重复的 FIN 说明最后的 ACK 丢了。TIME-WAIT 会再次确认它，并重新启动自己的定时器（RFC 9293 §3.10.7.4）——这正是 TIME-WAIT 第一个存在理由的体现。",
      options: {
        "re-ack": {
          text: "再次确认它，并重新启动 TIME-WAIT 定时器",
          feedback: "对：TIME-WAIT 存在的目的正在于此。",
        },
        reset: {
          text: "回应一个复位，因为连接已经关闭了",
          feedback: "没有 TIME-WAIT 时才会这样。这个状态的意义就在于给出正确的回应。",
        },
        ignore: {
          text: "忽略它：连接已经结束了",
          feedback: "那样对方就会在 LAST-ACK 里不停地重传它的 FIN。TIME-WAIT 会回应它。",
        },
        reopen: {
          text: "重新打开连接，以接收更多数据",
          feedback: "FIN 意味着不会再有数据；不会重新打开任何东西。",
        },
      },
    },
    "syn-into-time-wait": {
      prompt: "一台 Linux 服务端先关闭了一条连接，它的四元组处于 TIME-WAIT。同一个客户端又从同一个端口发起连接，初始序列号更大。会发生什么？",
      explanation:
        "RFC 1122 §4.2.2.13（RFC 6191 借助时间戳做了完善）允许 TIME-WAIT 套接字接受一个新的 SYN，只要它的序列号或时间戳比旧连接的更新。Linux 正是这样做的：TIME-WAIT 套接字让位给一条新连接。",
      options: {
        accepted: {
          text: "服务端接受它：TIME-WAIT 套接字让位给新连接",
          feedback: "对：更新的序列号（或时间戳）保证了旧报文段不会被误认为新的。",
        },
        refused: {
          text: "在 TIME-WAIT 到期之前，服务端会用复位拒绝它",
          feedback: "TIME-WAIT 并不是简单地封锁它的四元组。它保留的状态恰好能让它安全地接受一个更新的 SYN。",
        },
        dropped: {
          text: "这个 SYN 被悄悄丢弃，客户端 60 秒后重试",
          feedback: "更新的 SYN 会被立即接受；本课中的抓包显示，关闭后 0.3 秒就重新连上了。",
        },
        impossible: {
          text: "不会发生这种事：客户端内核从不复用端口",
          feedback: "这条连接在客户端一侧早已是 CLOSED（它是被动关闭方），所以它的端口可以自由复用。",
        },
      },
    },
  },
});
