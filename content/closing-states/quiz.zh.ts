import "server-only";
import { defineQuizTranslation } from "@/domain/quiz/translation";
import type quiz from "./quiz";

/** 第 4 课测验的中文文本：按 quiz.ts 中的 id 对应，答案与评分规则都在 quiz.ts 里。 */
export default defineQuizTranslation<typeof quiz>({
  quiz: "closing-states",
  title: "检验一下：关闭过程中的各个状态",
  questions: {
    "many-close-wait": {
      prompt: "一台服务器上有 2,000 个套接字处于 CLOSE_WAIT，而且数量还在增长。发生了什么？",
      explanation:
        "CLOSE-WAIT 表示对方的 FIN 已经到达（内核也已经确认了它），而我们的应用还没有调用 close()。数量不断增长，说明应用泄漏了文件描述符：用 `ss -tanp state close-wait` 找到它，补上缺失的 close()。",
      options: {
        "app-not-closing": {
          text: "应用在这些连接上读到了文件结束，却一直没有调用 close()",
          feedback: "对：CLOSE-WAIT 等的是本端应用，除此之外没有任何东西能结束它。",
        },
        "ack-not-sent": {
          text: "服务端从未发出对客户端 FIN 的 ACK",
          feedback: "无论应用做什么，内核都会在几毫秒内自行确认 FIN。CLOSE-WAIT 等的是 close()，而不是 ACK。",
        },
        "clients-not-closing": {
          text: "客户端一直没有发出最后的 ACK",
          feedback: "最后的 ACK 对 LAST-ACK 才有意义，而 LAST-ACK 在服务端发出自己的 FIN 之后。这些套接字连 FIN 都还没有发。",
        },
        "time-wait-too-long": {
          text: "TIME-WAIT 太长，需要缩短",
          feedback: "TIME-WAIT 是另一个状态，出现在先关闭的一方。CLOSE-WAIT 则是根本还没有关闭的一方。",
        },
      },
    },
    "sysctl-for-close-wait": {
      prompt: "哪个 sysctl 能让 Linux 清理卡在 CLOSE_WAIT 的套接字？",
      explanation:
        "一个都没有。CLOSE-WAIT 的套接字属于一个仍然持有其文件描述符的应用；内核无法替它关闭。问题要在应用里解决（或者重启应用）。",
      options: {
        none: {
          text: "没有：只有应用关闭套接字才能结束 CLOSE-WAIT",
          feedback: "对。去代码里找那个缺失的 close()。",
        },
        "fin-timeout": {
          text: "net.ipv4.tcp_fin_timeout",
          feedback: "tcp_fin_timeout 限制的是处于 FIN-WAIT-2 的孤儿套接字——也就是这种连接的另一端——而不是 CLOSE-WAIT。",
        },
        keepalive: {
          text: "net.ipv4.tcp_keepalive_time",
          feedback: "保活（keepalive）最多只能发现对端已经不在了；在应用关闭之前，套接字和它的描述符仍然占着。",
        },
        "tw-reuse": {
          text: "net.ipv4.tcp_tw_reuse",
          feedback: "tcp_tw_reuse 关系到新的出站连接能否复用 TIME-WAIT 的端口，与 CLOSE-WAIT 无关。",
        },
      },
    },
    "half-open-close": {
      prompt: "客户端关闭了连接，服务端的应用却一直没有关闭。第 {segment} 个报文段之后，{host}处于哪个状态？",
      explanation:
        "第 4 个报文段（客户端的 FIN）和第 5 个报文段（服务端内核的 ACK）之后，客户端在 FIN-WAIT-2 里等待一个不会到来的 FIN，服务端则停在 CLOSE-WAIT。答案：{answer}。",
      wrongState: {
        "TIME-WAIT": "进入 TIME-WAIT 需要收到对方的 FIN，而服务端的应用从未关闭，所以根本没有发出 FIN。",
        "CLOSE-WAIT": "这里处于 CLOSE-WAIT 的是服务端：它收到了 FIN，却还没有关闭。",
        CLOSED: "还没有：成为孤儿的客户端套接字会在 FIN-WAIT-2 里停留 tcp_fin_timeout 那么久，Linux 才会销毁它。",
      },
    },
    "fin-timeout-scope": {
      prompt: "在 Linux 上，net.ipv4.tcp_fin_timeout 限制的是什么？",
      explanation:
        "它限制一个孤儿套接字（应用已经关闭了它）在 FIN-WAIT-2 里等待对方 FIN 的时间。它不会改变 TIME-WAIT，后者固定为 TCP_TIMEWAIT_LEN。",
      options: {
        "orphan-fin-wait-2": {
          text: "孤儿套接字在 FIN-WAIT-2 中等待对方 FIN 的最长时间",
          feedback: "对——而且只针对孤儿套接字：仍被应用持有的套接字可以一直停在 FIN-WAIT-2。",
        },
        "time-wait": {
          text: "套接字在 TIME-WAIT 中停留的时间",
          feedback: "这是一个非常普遍的误解，许多调优指南都这么写。Linux 的 TIME-WAIT 是 TCP_TIMEWAIT_LEN，一个编译期常量。",
        },
        "fin-retransmit": {
          text: "FIN-WAIT-1 中的 FIN 重传多久后放弃",
          feedback: "FIN 的重传遵循普通的重传规则（孤儿套接字还受 tcp_orphan_retries 限制），与 tcp_fin_timeout 无关。",
        },
        "close-wait": {
          text: "套接字在 CLOSE-WAIT 中最多停留多久，之后由内核关闭",
          feedback: "没有任何东西限制 CLOSE-WAIT：它等的是本端的应用。",
        },
      },
    },
    "simultaneous-close-state": {
      prompt: "看清楚哪一端在什么时候发出了哪个 FIN。第 {segment} 个报文段之后，{host}处于哪个状态？",
      explanation:
        "双方同时关闭时，每一端都在自己的 FIN 尚未被确认时收到了对方的 FIN：FIN-WAIT-1 → CLOSING，等自己 FIN 的 ACK 到达后进入 TIME-WAIT。一方先关闭时，它经历 FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT，另一方经历 CLOSE-WAIT → LAST-ACK → CLOSED。答案：{answer}。",
      wrongState: {
        "LAST-ACK": "LAST-ACK 属于被动关闭方，它是在收到对方的 FIN 之后才发出自己的 FIN 的。同时关闭时，双方都是主动关闭方。",
        "FIN-WAIT-2": "进入 FIN-WAIT-2 的前提是：对自己 FIN 的 ACK 先于对方的 FIN 到达。",
      },
    },
    "state-waits-for": {
      prompt: "把每个关闭状态和结束它的事件对应起来。",
      explanation:
        "FIN-WAIT-1 和 LAST-ACK 等待对自己 FIN 的 ACK；FIN-WAIT-2 等待对方的 FIN；CLOSE-WAIT 等待本端应用调用 close()；TIME-WAIT 等待它的定时器。",
      pairs: {
        "fin-wait-2": { left: "FIN-WAIT-2", right: "对方的 FIN 到达" },
        "close-wait": { left: "CLOSE-WAIT", right: "本端应用调用 close()" },
        "last-ack": { left: "LAST-ACK", right: "对本端 FIN 的 ACK 到达" },
        "time-wait": { left: "TIME-WAIT", right: "定时器到期" },
      },
      distractors: {
        "kernel-sends-ack": "内核发出对对方 FIN 的 ACK",
      },
    },
    "recv-q-one": {
      prompt: "`ss -tanp state close-wait` 显示一个套接字的 Recv-Q 为 1。这个 1 是什么？",
      explanation:
        "对方的 FIN 占用一个序列号，在应用读到文件结束之前都会被计入。CLOSE-WAIT 中 Recv-Q 为 1，说明程序连数据都没有读到结尾；为 0 则说明它读到了文件结束，却仍然没有关闭。",
      options: {
        "unread-fin": {
          text: "对方的 FIN，应用还没有读到它",
          feedback: "对：程序根本没有在读这条连接。",
        },
        "one-byte": {
          text: "对方在 FIN 之后又发来的一个字节数据",
          feedback: "在 FIN 的方向上，FIN 之后不可能再有任何东西：对方已经说了它发送完毕。",
        },
        "pending-ack": {
          text: "内核还要发出的一个 ACK",
          feedback: "Recv-Q 统计的是已经收到、应用还没有读取的序列号空间，而不是待发送的报文段——何况那个 ACK 早就发出去了。",
        },
        "one-connection": {
          text: "accept 队列里等待的一条连接",
          feedback: "Recv-Q 的这个含义只适用于 LISTEN 套接字。",
        },
      },
    },
  },
});
