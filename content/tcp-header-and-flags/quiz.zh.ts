import "server-only";
import { defineQuizTranslation } from "@/domain/quiz/translation";
import type quiz from "./quiz";

/** 第 1 课测验的中文文本：按 quiz.ts 中的 id 对应，答案与评分规则都在 quiz.ts 里。 */
export default defineQuizTranslation<typeof quiz>({
  quiz: "tcp-header-and-flags",
  title: "检验一下：首部和标志位",
  questions: {
    "syn-without-ack": {
      prompt: "到达的报文段置了 SYN，没有置 ACK。它是什么？",
      explanation:
        "SYN 提出一个初始序列号。单独出现时，它是主动打开的第一步；被动的一方会同时置 SYN 和 ACK 来回应，因为它还要确认对方提出的那个编号。",
      options: {
        "connection-request": {
          text: "发起连接的一方提出的连接请求",
          feedback: "对：只带 SYN 的报文段就是一条连接的第一个报文段。",
        },
        "connection-acceptance": {
          text: "服务端接受一个连接",
          feedback: "接受连接时还要确认客户端的 ISN，所以也会置 ACK：那是 SYN+ACK。",
        },
        "close-request": {
          text: "请求关闭连接",
          feedback: "关闭用 FIN 来宣告，而不是 SYN。",
        },
        abort: {
          text: "中止连接",
          feedback: "中止连接是 RST 的事；SYN 的作用是同步序列号。",
        },
      },
    },
    "ack-field-valid": {
      prompt: "接收方什么时候必须理会首部里那 32 位的确认号字段？",
      explanation:
        "这就是“确认号有效”规则：只有 ACK 位置位时，确认号字段才有意义。ACK 未置位时这 32 位照样存在，但不携带任何信息，接收方会跳过它。",
      options: {
        "when-ack-set": {
          text: "只有 ACK 标志置位的时候",
          feedback: "对：正是 ACK 标志让这个字段有了意义。",
        },
        always: {
          text: "任何时候：每个报文段都在确认些什么",
          feedback: "这个字段在首部里始终存在，但 ACK 未置位时它的值没有意义。",
        },
        "only-handshake": {
          text: "只在三次握手期间",
          feedback: "确认贯穿连接的整个生命周期，而不只是在建立连接的时候。",
        },
        "only-with-data": {
          text: "只在报文段携带数据的时候",
          feedback: "纯 ACK 不携带数据，它最重要的恰恰就是确认号。",
        },
      },
    },
    "segments-with-ack": {
      prompt: "一条正常的连接先建立、再交换数据、最后关闭。下面哪些报文段发出时置了 ACK 标志？选出所有符合的选项。",
      explanation:
        "连接一旦同步，每个报文段都带 ACK，确认号因此始终是最新的。列出的报文段里，只有客户端用来打开连接的 SYN 不置 ACK：这时它还没有什么可确认的。",
      options: {
        "client-first-syn": {
          text: "客户端的第一个 SYN",
          feedback: "第一个 SYN 没有什么可确认的：它发出时不置 ACK。",
        },
        "server-syn-ack": {
          text: "服务端的 SYN+ACK",
          feedback: "服务端的 SYN+ACK 确认了客户端的 ISN。",
        },
        "data-segment": {
          text: "连接中途的一个数据报文段",
          feedback: "数据报文段也带 ACK：每个数据报文段同时告诉对方，它的数据已经收到了多少。",
        },
        "client-fin": {
          text: "客户端关闭时发出的 FIN",
          feedback: "在已同步的连接上发出的 FIN 会置 ACK（tcpdump 显示为 [F.]）。",
        },
      },
    },
    "flags-syn-ack": {
      prompt: "为这个报文段设置标志位。",
      segment: "监听 443 端口的服务端收到客户端的 SYN。构造服务端接受这个连接的回复。",
      explanation:
        "接受连接需要同时做两件事：提出服务端自己的初始序列号（SYN），并确认客户端的初始序列号（ACK，ack = 客户端 ISN + 1）。这里没有什么要关闭、中止或推送的。",
      wrongBit: {
        SYN: "没有 SYN，服务端就从未提出自己的初始序列号，它这个方向也就永远无法同步。",
        ACK: "回复必须确认客户端的 SYN，而确认号只有在 ACK 置位时才算数。",
        FIN: "FIN 宣告发送方已经发完了；一个正在被接受的连接连开始都还没开始。",
        RST: "RST 会拒绝这个连接。有程序监听的端口会接受它。",
        PSH: "PSH 要求尽快交付数据；握手没有数据可以推送。",
      },
    },
    "flags-client-fin": {
      prompt: "为这个报文段设置标志位。",
      segment: "客户端在一条已建立的连接上发完请求后调用 `shutdown(fd, SHUT_WR)`，表示自己不会再发送任何数据。构造宣告这件事的报文段。",
      explanation:
        "结束一个方向正是 FIN 的职责。连接已经同步，所以这个报文段还带着 ACK 和当前的确认号；tcpdump 把这一对标志打印为 [F.]。",
      wrongBit: {
        FIN: "没有 FIN，服务端就无从知道客户端已经发送完毕。",
        ACK: "握手之后每个报文段都带 ACK，FIN 也不例外。",
        SYN: "SYN 通过提出序列号来打开一个方向；这里是在关闭一个方向。",
        RST: "RST 会立刻中止整条连接。有序地结束一个方向用的是 FIN，而且服务端之后还可以回复。",
        PSH: "PSH 与数据交付有关；这个报文段不携带数据。",
      },
    },
    "flags-refused": {
      prompt: "为这个报文段设置标志位。",
      segment: "一个 SYN 到达没有程序监听的端口。构造 Linux 主机发回的回复。",
      explanation:
        "没有程序监听，所以主机用复位拒绝连接。它回应的 SYN 不带 ACK，因此按 RFC 9293 §3.5.2，复位使用 seq 0，并置 ACK 来确认那个 SYN（ack = SYN 的 seq + 1）：tcpdump 显示为 [R.]。",
      wrongBit: {
        RST: "没有 RST，客户端就不会知道连接被拒绝了；正是这个复位让 connect() 以 ECONNREFUSED 失败。",
        ACK: "这个复位回应的是一个不带 ACK 的报文段，所以它要确认那个 SYN，并置 ACK。回应带 ACK 的报文段的复位才会从那个 ACK 取序列号、自己不带 ACK。",
        SYN: "SYN 表示接受连接，可端口上没有程序在监听。",
        FIN: "这里没有一条可以有序关闭的连接；拒绝连接用的是复位。",
        PSH: "复位不携带数据，没有什么可推送的。",
      },
    },
    "fin-meaning": {
      prompt: "FIN 告诉接收方什么？",
      explanation:
        "TCP 是全双工的，FIN 只关闭发送方那一半字节流。接收方可以让自己的方向继续开着，想开多久都行；只有两个方向都已关闭并得到确认，连接才算结束。",
      options: {
        "sender-done": {
          text: "发送方已经没有数据要发了；另一个方向可以继续开着",
          feedback: "正是如此：一个 FIN 只结束一个方向，连接可能因此处于半关闭状态一段时间。",
        },
        "both-closed": {
          text: "连接现在在两个方向上都关闭了",
          feedback: "这是原文的说法，本课已经更正：一个 FIN 只结束它的发送方那个方向。",
        },
        "stop-sending": {
          text: "接收方必须立即停止发送",
          feedback: "接收方可以继续发送；发出 FIN 的一方仍会继续接收并确认。",
        },
        "discard-data": {
          text: "连接被中止，途中的数据被丢弃",
          feedback: "丢弃数据、中止连接是 RST 的行为。FIN 按顺序排在发送方所有数据的后面。",
        },
      },
    },
    "synack-ack-number": {
      prompt: "客户端的 SYN 携带 seq {clientIsn}。服务端在 SYN+ACK 里填写的确认号是多少？",
      explanation: "SYN 占用一个序列号，所以服务端期望的下一个序列号是 {clientIsn} + 1 = {answer}。",
      mistakes: {
        "-1": "这是客户端的 ISN 本身。SYN 已经用掉了这个编号，所以服务端确认的是下一个。",
        "2": "多了一个：SYN 恰好占用一个序列号。",
      },
    },
    "data-ack-number": {
      prompt: "握手之后，客户端在一个报文段里发送了 {bytes} 字节，这个报文段的 seq 是 {dataSeq}。服务端为这些数据发回的确认号是多少？",
      explanation: "确认号指出期望收到的下一个字节：{dataSeq} + {bytes} = {answer}。确认是累积的，所以它也涵盖了之前的所有数据。",
      mistakes: {
        "-1": "你确认的是收到的最后一个字节；TCP 确认的是它期望收到的下一个字节。",
        "1": "只有 SYN 和 FIN 会额外占用一个序列号；普通数据只按字节计数，不多不少。",
      },
    },
    "fin-ack-relative": {
      prompt: "这里的编号是相对值，和 tcpdump 打印的一样。客户端发送了 {bytes} 字节，然后发出一个 seq 为 {finSeq} 的 FIN。服务端回应这个 FIN 时携带的确认号是多少？",
      explanation: "和 SYN 一样，FIN 占用一个序列号，所以 seq 为 {finSeq} 的 FIN 要用 {finSeq} + 1 = {answer} 来确认。",
      mistakes: {
        "-1": "这个确认号确认了数据，却没有确认 FIN：FIN 本身也占一个序列号。",
      },
    },
    "tcpdump-letters": {
      prompt: "tcpdump 用字母表示标志位。把每个字母和它代表的标志位对应起来。",
      explanation:
        "tcpdump 的缩写是：S 表示 SYN，F 表示 FIN，R 表示 RST，P 表示 PSH，点号表示 ACK。所以 [S.] 读作 SYN+ACK，[P.] 是一个带确认、被推送的数据报文段。",
      pairs: {
        "letter-s": { left: "S", right: "SYN" },
        "letter-f": { left: "F", right: "FIN" },
        "letter-r": { left: "R", right: "RST" },
        "letter-p": { left: "P", right: "PSH" },
        "letter-dot": { left: ".（一个点）", right: "ACK" },
      },
      distractors: {
        "no-flags": "没有任何标志位",
      },
    },
    "capture-order": {
      prompt: "把抓包中的这些报文段按发送顺序排列：一条连接建立起来，然后客户端发送两个字节。",
      explanation: "握手在前（SYN，然后是 SYN+ACK，再是客户端的 ACK）；之后数据才能开始传输，对数据的确认排在最后。",
      items: {
        "client-syn": "Flags [S], seq 3910699507",
        "server-syn-ack": "Flags [S.], seq 1719150564, ack 3910699508",
        "client-handshake-ack": "Flags [.], ack 1",
        "client-data": "Flags [P.], seq 1:3, ack 1, length 2",
        "server-data-ack": "Flags [.], ack 3",
      },
      mistakes: {
        "client-data>client-handshake-ack": "数据跟在握手之后：客户端对 SYN+ACK 的 ACK 先完成握手，然后才是第一个数据报文段。",
        "server-syn-ack>client-syn": "SYN+ACK 回应的是客户端的 SYN，所以它不可能排在最前面。",
      },
    },
  },
});
