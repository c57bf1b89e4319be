import "server-only";
import { defineQuizTranslation } from "@/domain/quiz/translation";
import type quiz from "./quiz";

/** 第 3 课测验的中文文本：按 quiz.ts 中的 id 对应，答案与评分规则都在 quiz.ts 里。 */
export default defineQuizTranslation<typeof quiz>({
  quiz: "four-way-teardown",
  title: "检验一下：四次挥手",
  questions: {
    "why-four": {
      prompt: "握手时，服务端的 SYN 和 ACK 是一起发出的。为什么被动关闭方的 ACK 和 FIN 通常分开发送？",
      explanation:
        "内核会自行确认收到的 FIN，但只有当应用调用 close() 或 shutdown() 时，它才会发出自己的 FIN。在应用发送完数据之前，ACK 只能单独发出。而握手时，SYN 和 ACK 都由内核决定。",
      options: {
        "fin-needs-application": {
          text: "ACK 由内核立即发出，而 FIN 要等应用关闭时才发，这可能晚得多",
          feedback: "对：第二个 FIN 由应用决定，而应用可能还有数据要发送。",
        },
        "fin-and-ack-incompatible": {
          text: "FIN 和 ACK 这两个标志不允许出现在同一个报文段里",
          feedback: "允许：握手之后每个报文段都带 ACK，每个 FIN 也不例外（tcpdump 中的 [F.]）。",
        },
        "server-must-wait-2msl": {
          text: "服务端收到客户端的 FIN 后，必须等待 2MSL 才能发出自己的 FIN",
          feedback: "2MSL 是 TIME-WAIT 的时长，它出现在最后，而且在主动关闭方。第二个 FIN 之前并没有这样的等待。",
        },
        "ack-confirms-close": {
          text: "因为第一个 ACK 已经关闭了两个方向，FIN 只是走个形式",
          feedback: "ACK 只是确认了对方的 FIN。确认方自己的方向会一直开着，直到它发出自己的 FIN。",
        },
      },
    },
    "teardown-order": {
      prompt: "客户端先关闭，服务端半秒后关闭。把这些报文段按发送顺序排列。",
      explanation:
        "客户端的 FIN（客户端 → FIN-WAIT-1，服务端 → CLOSE-WAIT），服务端内核的 ACK（客户端 → FIN-WAIT-2），服务端应用关闭时发出的 FIN（服务端 → LAST-ACK），客户端的 ACK（客户端 → TIME-WAIT，服务端 → CLOSED）。",
      items: {
        "client-fin": "客户端 → 服务端：FIN",
        "server-ack": "服务端 → 客户端：确认客户端 FIN 的 ACK",
        "server-fin": "服务端 → 客户端：FIN",
        "client-ack": "客户端 → 服务端：确认服务端 FIN 的 ACK",
      },
      mistakes: {
        "server-fin>server-ack": "服务端内核会立即确认收到的 FIN；它自己的 FIN 要等应用关闭，也就是半秒之后。",
        "client-ack>server-fin": "客户端最后的 ACK 确认的是服务端的 FIN，所以它不可能排在那个 FIN 前面。",
      },
    },
    "teardown-state": {
      prompt: "下面是一条连接的结尾。第 {segment} 个报文段之后，{host}处于哪个状态？",
      explanation:
        "主动关闭方：发出 FIN 后进入 FIN-WAIT-1，FIN 被确认后进入 FIN-WAIT-2，确认了对方的 FIN 后进入 TIME-WAIT。被动关闭方：收到 FIN 时进入 CLOSE-WAIT，发出自己的 FIN 后进入 LAST-ACK，这个 FIN 被确认后进入 CLOSED。这里是 {answer}。",
      wrongState: {
        "FIN-WAIT-2": "FIN-WAIT-2 是主动关闭方的 FIN 被确认之后、等待对方 FIN 时的状态。",
        "CLOSE-WAIT": "CLOSE-WAIT 属于被动关闭方：它收到了对方的 FIN，而自己的应用还没有关闭。",
        "TIME-WAIT": "只有在主动关闭方确认了对方的 FIN 之后，才会进入 TIME-WAIT。",
      },
    },
    "ack-of-client-fin": {
      prompt: "握手之后，客户端发送了 {bytes} 字节（相对序列号 1 到 {bytes}），然后关闭连接。服务端回应客户端 FIN 时携带的确认号（相对值）是多少？",
      explanation: "FIN 跟在数据后面，相对序列号是 {bytes} + 1 = {finSeq}，它占用一个编号，所以要用 {answer} 来确认。",
      mistakes: {
        "-1": "这个确认号确认了数据，却没有确认 FIN。和 SYN 一样，FIN 也占用一个序列号。",
      },
    },
    "piggybacked-close": {
      prompt: "为这个报文段设置标志位。",
      segment: "在 Linux 上，一个 FIN 到达；接收方的应用读到文件结束，不到一毫秒就调用了 close()，这时任何确认都还没有发出。接收方发出的是什么？",
      explanation:
        "它的 ACK 还没来得及发出，于是内核把这个 ACK 放进自己的 FIN 里：一个 [F.] 报文段，既关闭自己的方向，又确认对方的 FIN。这次关闭只用了三个报文段。",
      wrongBit: {
        SYN: "SYN 用来建立连接；这里没有要建立的东西。",
        ACK: "这个报文段必须确认对方的 FIN——何况握手之后每个报文段本来就带 ACK。",
        FIN: "应用调用了 close()，所以内核会发出它的 FIN。",
        RST: "数据都已读完时有序的 close() 发出的是 FIN。复位来自 SO_LINGER 为 0，或者还有未读的数据。",
        PSH: "PSH 用于数据；这个报文段不携带数据。",
      },
    },
    "after-shutdown": {
      prompt: "客户端发完请求后调用 shutdown(fd, SHUT_WR)，并让套接字保持打开。接下来可能发生什么？",
      explanation:
        "shutdown(SHUT_WR) 只为客户端的方向发出 FIN。服务端在自己这边读到文件结束，但仍然可以继续发送；处于 FIN-WAIT-2 的客户端会继续接收并确认，直到服务端的 FIN 到达。",
      options: {
        "server-keeps-sending": {
          text: "服务端可以继续发送它的响应，客户端会一直接收，直到服务端的 FIN 到达",
          feedback: "对：这是一条半关闭的连接（RFC 9293 §3.6.1）。",
        },
        "both-closed": {
          text: "什么也不会发生了：连接在两个方向上都已关闭",
          feedback: "一个 FIN 只关闭一个方向。close() 放弃两个方向；shutdown(SHUT_WR) 只放弃发送的方向。",
        },
        "server-gets-reset": {
          text: "服务端发出的任何数据都会招来一个复位",
          feedback: "那是 close() 之后的情形，那时已经没有人能读数据了。shutdown(SHUT_WR) 之后客户端仍然在读。",
        },
        "client-can-send": {
          text: "客户端如果需要，仍然可以继续发送数据",
          feedback: "它的 FIN 已经表示它发送完毕；shutdown(SHUT_WR) 之后再发送会以 EPIPE 失败。",
        },
      },
    },
    "three-segment-close": {
      prompt: "抓包显示一次关闭只有三个报文段：先是 `[F.] seq 101, ack 1`，然后是 `[F.] seq 1, ack 102`，最后是 `[.] ack 2`（相对序列号）。这说明什么？",
      explanation:
        "被动方的应用在内核发出对端 FIN 的 ACK 之前就关闭了，于是这个 ACK 搭上了它的 FIN。主动关闭方随后从 FIN-WAIT-1 直接进入 TIME-WAIT。",
      options: {
        "passive-closed-quickly": {
          text: "被动方读到文件结束后立刻关闭，所以它的 ACK 放在了它的 FIN 里",
          feedback: "对。什么都没有丢失；只是中间两个报文段合并了。",
        },
        "ack-lost": {
          text: "有一个 ACK 丢了，抓包没有抓到它",
          feedback: "第二个 [F.] 带着 ack 102：它本身就确认了第一个 FIN（seq 101），所以没有缺少任何 ACK。",
        },
        simultaneous: {
          text: "双方恰好在同一时刻关闭",
          feedback: "同时关闭时，两个 FIN 都不确认对方（这里的第二个 FIN 就不会带 ack 102），各自被单独确认：四个报文段，并且都经过 CLOSING。",
        },
        "no-time-wait": {
          text: "连接被中止了，所以谁都不会进入 TIME-WAIT",
          feedback: "中止是一个复位，[R.]。这是一次有序的关闭；主动关闭方仍会进入 TIME-WAIT。",
        },
      },
    },
  },
});
