/**
 * The goals of the capture challenges: each judges one captured connection to the learner's
 * server port and says, segment by segment, what meets the goal and what misses it. They read
 * only the capture reader's analysis (segments, state paths, transitions) and the payload, and
 * name the RFC 9293 and Linux rules behind each verdict.
 */
import type { CaptureSegment, Role } from "@/domain/tcp/pcap";
import { findIndex, hasFin, hasRst, isSyn, isSynAck, other, portOf, type ConnectionView } from "./connection-view";
import { say, seconds, type Judge, type Mark, type OutcomeText } from "./judgement";

const flagsText = (segment: CaptureSegment) => segment.flags.join("+");

/** Marks the segment that carries the token, when there is one. */
function tokenMark(view: ConnectionView, token: string, from?: Role): Mark | null {
  const sighting = from ? view.token[from] : (view.token.server ?? view.token.client);
  if (!sighting) return null;
  return {
    index: sighting.first,
    mark: "meets",
    note: say((zh, name) =>
      zh
        ? `${name(sighting.from)}发出的数据包含你的令牌 ${token}：这条连接是你的。`
        : `The ${name(sighting.from)}'s data carries your token ${token}: this connection is yours.`,
    ),
  };
}

function missingTokenNote(view: ConnectionView): string {
  return view.truncated.client || view.truncated.server ? "truncated" : "absent";
}

// ---------------------------------------------------------------------------------------------
// The server's socket ends in TIME-WAIT

export const judgeServerTimeWait: Judge = (view, values) => {
  const { connection, serverRole: server } = view;
  const client = other(server);
  const marks: Mark[] = [];
  const token = tokenMark(view, values.token);
  if (token) marks.push(token);
  const serverFin = findIndex(connection, (s) => s.from === server && hasFin(s));
  const clientFin = findIndex(connection, (s) => s.from === client && hasFin(s));
  const reset = findIndex(connection, hasRst);
  const path = connection.states[server];
  const final = path[path.length - 1];
  const toTimeWait = connection.transitions.find((t) => t.host === server && t.to === "TIME-WAIT");
  let rank = 1 + (token ? 1 : 0);
  let outcome: string;
  if (serverFin >= 0 && (clientFin < 0 || serverFin < clientFin)) {
    rank += 1;
    marks.push({
      index: serverFin,
      mark: "meets",
      note: say((zh, name) =>
        zh
          ? `${name(server)}先发出 FIN：它是主动关闭的一方，进入 FIN-WAIT-1。TIME-WAIT 总是落在主动关闭的一端。`
          : `The ${name(server)} sends the first FIN: it closes actively and enters FIN-WAIT-1. TIME-WAIT is always on the end that closes first.`,
      ),
    });
  }
  if (final === "TIME-WAIT" && toTimeWait) {
    rank += 2;
    outcome = "reached";
    marks.push({
      index: toTimeWait.segment,
      mark: "meets",
      note: say((zh, name) =>
        zh
          ? `${name(server)}收到${name(client)}的 FIN 并确认它：${toTimeWait.from} → TIME-WAIT。它会在 TIME-WAIT 中停留 2 MSL（Linux 上是 60 秒），期间 ss 能看到它。`
          : `The ${name(server)} gets the ${name(client)}'s FIN and acknowledges it: ${toTimeWait.from} → TIME-WAIT. It stays there for 2 MSL (60 s on Linux), where ss shows it.`,
      ),
    });
  } else if (serverFin < 0 && clientFin < 0) {
    outcome = reset >= 0 ? "reset" : "no-close";
  } else if (clientFin >= 0 && (serverFin < 0 || clientFin < serverFin)) {
    outcome = "client-closed-first";
    marks.push({
      index: clientFin,
      mark: "misses",
      note: say((zh, name) =>
        zh
          ? `${name(client)}先发出 FIN：主动关闭的是${name(client)}，所以 TIME-WAIT 在${name(client)}那一端；${name(server)}走的是 CLOSE-WAIT → LAST-ACK → CLOSED。`
          : `The ${name(client)}'s FIN comes first: the ${name(client)} closes actively, so the TIME-WAIT is on its side; the ${name(server)} goes CLOSE-WAIT → LAST-ACK → CLOSED.`,
      ),
    });
  } else if (reset >= 0) {
    outcome = "reset";
  } else {
    outcome = "not-finished";
  }
  if (outcome === "reset") {
    marks.push({
      index: reset,
      mark: "misses",
      note: say((zh, name) =>
        zh
          ? `${name(connection.segments[reset]!.from)}发出的 RST 立即结束了连接：复位的连接不会进入 TIME-WAIT。`
          : `The RST from the ${name(connection.segments[reset]!.from)} ends the connection at once: a reset connection never enters TIME-WAIT.`,
      ),
    });
  }
  if (outcome === "reached" && !token) outcome = "no-token";
  return { reached: outcome === "reached", outcome, rank, marks, vars: { state: final ?? "?", why: missingTokenNote(view) } };
};

export const serverTimeWaitOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    say((zh) =>
      zh
        ? `目标达成：端口 ${v.serverPort} 上的服务端先关闭，收到客户端的 FIN 后进入了 TIME-WAIT，而这条连接携带着你的令牌。`
        : `Goal reached: the server on port ${v.serverPort} closed first and entered TIME-WAIT when the client's FIN arrived, on a connection carrying your token.`,
    ),
  "no-token": (vars, v) =>
    say((zh) =>
      vars.why === "truncated"
        ? zh
          ? `服务端确实进入了 TIME-WAIT，但抓包截短了载荷（tcpdump 的 -s 选项），找不到你的令牌 ${v.token}。去掉 -s 重新抓包。`
          : `The server does enter TIME-WAIT, but the capture cut the payloads short (tcpdump's -s option), so your token ${v.token} cannot be found. Capture again without -s.`
        : zh
          ? `服务端确实进入了 TIME-WAIT，但这条连接的数据里没有你的令牌 ${v.token}。挑战检查的是发给你的值：让服务端发送这个令牌（如命令所示）。`
          : `The server does enter TIME-WAIT, but no data of this connection carries your token ${v.token}. The challenge checks the values issued to you: have the server send it, as the commands do.`,
    ),
  "client-closed-first": () =>
    say((zh) =>
      zh
        ? "客户端先关闭了，所以 TIME-WAIT 在客户端那一端，服务端经过 LAST-ACK 后直接 CLOSED。让服务端先调用 close()。"
        : "The client closed first, so the TIME-WAIT is on the client's side and the server went through LAST-ACK to CLOSED. Make the server call close() first.",
    ),
  reset: () =>
    say((zh) =>
      zh ? "连接被 RST 结束了：复位的连接不会进入 TIME-WAIT。两端都要用普通的 close() 关闭，并且不要留下未读数据。" : "A RST ended the connection: a reset connection never enters TIME-WAIT. Close both ends with plain close(), leaving no unread data.",
    ),
  "no-close": () =>
    say((zh) =>
      zh ? "抓包里这条连接没有任何 FIN：抓包在任何一端关闭之前就停止了。等两个程序都结束后再按 Ctrl+C。" : "The connection has no FIN in the capture: it stopped before either end closed. Press Ctrl+C only after both programs have ended.",
    ),
  "not-finished": (vars) =>
    say((zh) =>
      zh
        ? `服务端先发出了 FIN，但抓包结束时它停在 ${vars.state}：客户端的 FIN（或对它的确认）不在抓包里。等客户端程序结束后再停止抓包。`
        : `The server sent the first FIN but is left in ${vars.state} when the capture ends: the client's FIN (or its acknowledgement) is not in the capture. Stop the capture after the client program has ended.`,
    ),
};

// ---------------------------------------------------------------------------------------------
// Connection refused

export const judgeConnectionRefused: Judge = (view, values) => {
  const { connection, serverRole: server } = view;
  const client = other(server);
  const marks: Mark[] = [];
  const syn = findIndex(connection, (s) => s.from === client && isSyn(s));
  if (syn < 0) return { reached: false, outcome: "no-syn", rank: 1, marks };
  const clientPort = portOf(connection[client]);
  const portMatches = clientPort === values.clientPort;
  marks.push({
    index: syn,
    mark: portMatches ? "meets" : "misses",
    note: portMatches
      ? say((zh, name) =>
          zh
            ? `${name(client)}从你的端口 ${values.clientPort} 向端口 ${values.serverPort} 发出 SYN：connect() 开始了。`
            : `The ${name(client)}'s SYN from your port ${values.clientPort} to port ${values.serverPort}: connect() starts.`,
        )
      : say((zh) =>
          zh
            ? `这个 SYN 来自端口 ${clientPort}，而不是你的端口 ${values.clientPort}：连接之前要把客户端绑定到 ${values.clientPort}（如命令中的 bind()）。`
            : `This SYN comes from port ${clientPort}, not your port ${values.clientPort}: bind the client to ${values.clientPort} before connecting (the bind() in the command).`,
        ),
  });
  const answer = findIndex(connection, (s) => s.from === server, syn + 1);
  const answerSegment = answer >= 0 ? connection.segments[answer]! : null;
  let outcome: string;
  let rank = 2 + (portMatches ? 2 : 0);
  if (answerSegment && hasRst(answerSegment) && !isSynAck(answerSegment)) {
    rank += 3;
    const acknowledges = answerSegment.ack === 1;
    outcome = acknowledges ? "reached" : "reset-not-refusal";
    marks.push({
      index: answer,
      mark: acknowledges ? "meets" : "misses",
      note: acknowledges
        ? say((zh) =>
            zh
              ? `${flagsText(answerSegment)}，确认号 1 恰好确认了这个 SYN：端口 ${values.serverPort} 上没有监听的套接字，内核用 RST 拒绝连接，connect() 以 ECONNREFUSED 失败（RFC 9293 §3.10.7.1；Linux tcp_v4_send_reset()）。`
              : `${flagsText(answerSegment)} with ack 1, acknowledging exactly that SYN: no socket listens on port ${values.serverPort}, so the kernel refuses with a RST and connect() fails with ECONNREFUSED (RFC 9293 §3.10.7.1; Linux tcp_v4_send_reset()).`,
          )
        : say((zh) =>
            zh
              ? "这个 RST 没有确认那个 SYN，所以它不是对连接请求的拒绝。"
              : "This RST does not acknowledge the SYN, so it is not the refusal of the connection request.",
          ),
    });
  } else if (answerSegment && isSynAck(answerSegment)) {
    outcome = "listening";
    marks.push({
      index: answer,
      mark: "misses",
      note: say((zh) =>
        zh
          ? `SYN+ACK：有程序在端口 ${values.serverPort} 上监听，所以连接被接受了。停掉它，或者在确认没有监听后再试。`
          : `SYN+ACK: something listens on port ${values.serverPort}, so the connection is accepted. Stop it, or try once nothing listens.`,
      ),
    });
  } else {
    outcome = answerSegment ? "reset-not-refusal" : "unanswered";
  }
  if (outcome === "reached" && !portMatches) outcome = "wrong-client-port";
  return { reached: outcome === "reached", outcome, rank, marks, vars: { clientPort } };
};

export const connectionRefusedOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    say((zh) =>
      zh
        ? `目标达成：从你的端口 ${v.clientPort} 发往端口 ${v.serverPort} 的 SYN 得到了 RST+ACK 的回答，连接被拒绝（ECONNREFUSED）。`
        : `Goal reached: the SYN from your port ${v.clientPort} to port ${v.serverPort} was answered with RST+ACK, and the connection was refused (ECONNREFUSED).`,
    ),
  "wrong-client-port": (vars, v) =>
    say((zh) =>
      zh
        ? `连接确实被拒绝了，但客户端用的是端口 ${vars.clientPort}，不是发给你的 ${v.clientPort}。连接前先 bind() 到 ${v.clientPort}，如命令所示。`
        : `The connection is refused, but the client used port ${vars.clientPort}, not your port ${v.clientPort}. bind() to ${v.clientPort} before connecting, as the command does.`,
    ),
  listening: (_, v) =>
    say((zh) =>
      zh
        ? `端口 ${v.serverPort} 上有程序在监听，连接被接受了（SYN+ACK）。只有在没有监听者时，内核才会用 RST 拒绝。`
        : `Something listens on port ${v.serverPort}: the connection was accepted (SYN+ACK). The kernel refuses with a RST only when nothing listens.`,
    ),
  unanswered: () =>
    say((zh) =>
      zh
        ? "SYN 在抓包里没有得到任何回答：可能被防火墙丢弃了（那会导致 SYN 重传，而不是拒绝），也可能抓包停得太早。拒绝是立即返回的 RST。"
        : "The SYN got no answer in the capture: a firewall may have dropped it (that leads to SYN retransmissions, not a refusal), or the capture stopped too soon. A refusal is an immediate RST.",
    ),
  "reset-not-refusal": () =>
    say((zh) =>
      zh ? "有 RST，但它没有回答客户端的 SYN：这不是连接被拒绝。" : "There is a RST, but it does not answer the client's SYN: this is not a refused connection.",
    ),
  "no-syn": () =>
    say((zh) =>
      zh
        ? "这条连接的 SYN 不在抓包里：先开始抓包，再运行客户端。"
        : "The connection's SYN is not in the capture: start the capture first, then run the client.",
    ),
};

// ---------------------------------------------------------------------------------------------
// Half-close: data after the FIN

export const judgeHalfClose: Judge = (view, values) => {
  const { connection } = view;
  const marks: Mark[] = [];
  const fin = findIndex(connection, hasFin);
  if (fin < 0) return { reached: false, outcome: "no-fin", rank: 1, marks };
  const closer = connection.segments[fin]!.from;
  const sender = other(closer);
  marks.push({
    index: fin,
    mark: "meets",
    note: say((zh, name) =>
      zh
        ? `${name(closer)}的 FIN：它关闭了自己的发送方向，进入 FIN-WAIT-1。半关闭从这里开始：${name(sender)}仍然可以发送。`
        : `The ${name(closer)}'s FIN: it closes its sending side and enters FIN-WAIT-1. The half-close starts here: the ${name(sender)} may still send.`,
    ),
  });
  const sentBefore = connection.segments.slice(0, fin).reduce((end, s) => (s.from === sender && s.len > 0 ? Math.max(end, s.seq + s.len) : end), 1);
  const data = findIndex(connection, (s) => s.from === sender && s.len > 0 && s.seq + s.len > sentBefore, fin + 1);
  if (data < 0) {
    const outcome = "no-data-after-fin";
    return { reached: false, outcome, rank: 2, marks };
  }
  const dataSegment = connection.segments[data]!;
  const sighting = view.token[sender];
  const tokenAfterFin = sighting !== null && sighting.first > fin;
  let rank = 3 + (tokenAfterFin ? 1 : 0);
  marks.push({
    index: data,
    mark: "meets",
    note: say((zh, name) =>
      zh
        ? `FIN 之后，${name(sender)}（处于 CLOSE-WAIT）仍在发送数据：${dataSegment.len} 字节。CLOSE-WAIT 只表示对方不再发送，本端照常可以发送（RFC 9293 §3.10.4）。`
        : `After the FIN the ${name(sender)} (in CLOSE-WAIT) still sends data: ${dataSegment.len} bytes. CLOSE-WAIT only means the peer sends no more; this end may still send (RFC 9293 §3.10.4).`,
    ),
  });
  if (tokenAfterFin && sighting.first !== data) marks.push({ index: sighting.first, mark: "meets", note: tokenMark(view, values.token, sender)!.note });
  else if (tokenAfterFin) marks.push({ index: data, mark: "meets", note: tokenMark(view, values.token, sender)!.note });
  const dataEnd = dataSegment.seq + dataSegment.len;
  const answer = findIndex(connection, (s) => s.from === closer && (hasRst(s) || (s.ack !== null && s.ack >= dataEnd)), data + 1);
  const answerSegment = answer >= 0 ? connection.segments[answer]! : null;
  let outcome: string;
  if (answerSegment && hasRst(answerSegment)) {
    outcome = "reset-after-fin";
    marks.push({
      index: answer,
      mark: "misses",
      note: say((zh, name) =>
        zh
          ? `${name(closer)}用 RST 回答了这些数据：它的套接字已经完全关闭（调用的是 close()，而不是 shutdown(SHUT_WR)），Linux 对仍收到数据的已关闭套接字发送 RST。`
          : `The ${name(closer)} answers the data with a RST: its socket was closed entirely (close(), not shutdown(SHUT_WR)), and Linux resets a closed socket that still receives data.`,
      ),
    });
  } else if (answerSegment) {
    rank += 1;
    outcome = tokenAfterFin ? "reached" : sighting ? "token-before-fin" : "no-token";
    marks.push({
      index: answer,
      mark: "meets",
      note: say((zh, name) =>
        zh
          ? `${name(closer)}确认了这些数据（确认号 ${answerSegment.ack}）：半关闭的一端仍在接收。`
          : `The ${name(closer)} acknowledges the data (ack ${answerSegment.ack}): the half-closed end still receives.`,
      ),
    });
  } else {
    outcome = "not-acknowledged";
  }
  return { reached: outcome === "reached", outcome, rank, marks, vars: { why: missingTokenNote(view) } };
};

export const halfCloseOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    say((zh) =>
      zh
        ? `目标达成：一端发出 FIN 之后，另一端仍然发送了数据（其中有你的令牌 ${v.token}），而半关闭的一端确认了它们。端口 ${v.serverPort}。`
        : `Goal reached: after one end's FIN the other still sent data (with your token ${v.token}), and the half-closed end acknowledged it. Port ${v.serverPort}.`,
    ),
  "no-fin": () =>
    say((zh) =>
      zh ? "这条连接没有 FIN：没有任何一端关闭发送方向。用 shutdown(SHUT_WR) 让客户端发出 FIN。" : "The connection has no FIN: neither end closed its sending side. Have the client send one with shutdown(SHUT_WR).",
    ),
  "no-data-after-fin": () =>
    say((zh) =>
      zh
        ? "FIN 之后，另一端再也没有发送新数据：这只是普通的关闭，不是有数据流动的半关闭。让服务端在读到文件结束之后再发送。"
        : "After the FIN the other end sent no new data: an ordinary close, not a half-close with data flowing. Have the server send after it reads the end of file.",
    ),
  "token-before-fin": (_, v) =>
    say((zh) =>
      zh
        ? `FIN 之后确实有数据，但你的令牌 ${v.token} 是在 FIN 之前发送的。令牌要在 FIN 之后发送。`
        : `Data did flow after the FIN, but your token ${v.token} was sent before it. Send the token after the FIN.`,
    ),
  "no-token": (vars, v) =>
    say((zh) =>
      vars.why === "truncated"
        ? zh
          ? `FIN 之后有数据流动，但抓包截短了载荷（tcpdump 的 -s 选项），找不到你的令牌 ${v.token}。去掉 -s 重新抓包。`
          : `Data flowed after the FIN, but the capture cut payloads short (tcpdump's -s option), so your token ${v.token} cannot be found. Capture again without -s.`
        : zh
          ? `FIN 之后有数据流动，但其中没有你的令牌 ${v.token}。挑战检查的是发给你的值：在 FIN 之后发送这个令牌。`
          : `Data flowed after the FIN, but it does not carry your token ${v.token}. The challenge checks the values issued to you: send the token after the FIN.`,
    ),
  "reset-after-fin": () =>
    say((zh) =>
      zh
        ? "FIN 之后的数据换来了 RST：发出 FIN 的一端调用的是 close()，套接字已经不在了。用 shutdown(SHUT_WR) 只关闭发送方向，并继续读取。"
        : "The data after the FIN drew a RST: the end that sent the FIN called close(), so its socket was gone. Use shutdown(SHUT_WR) to close only the sending side, and keep reading.",
    ),
  "not-acknowledged": () =>
    say((zh) =>
      zh
        ? "FIN 之后的数据在抓包里没有得到确认：抓包停得太早了。等两个程序都结束后再停止抓包。"
        : "The data sent after the FIN is not acknowledged in the capture: it stopped too soon. Stop the capture after both programs have ended.",
    ),
};

// ---------------------------------------------------------------------------------------------
// A SYN retransmission

export const judgeSynRetransmission: Judge = (view, values) => {
  const { connection, serverRole: server } = view;
  const client = other(server);
  const marks: Mark[] = [];
  const syns = connection.segments.map((segment, index) => ({ segment, index })).filter(({ segment }) => segment.from === client && isSyn(segment));
  if (syns.length === 0) return { reached: false, outcome: "no-syn", rank: 1, marks };
  const clientPort = portOf(connection[client]);
  const portMatches = clientPort === values.clientPort;
  const first = syns[0]!;
  marks.push({
    index: first.index,
    mark: portMatches ? "meets" : "misses",
    note: portMatches
      ? say((zh, name) =>
          zh
            ? `${name(client)}从你的端口 ${values.clientPort} 发出的第一个 SYN，发往端口 ${values.serverPort}；它的重传定时器开始计时（初始 RTO 为 1 秒，RFC 6298 §2）。`
            : `The ${name(client)}'s first SYN from your port ${values.clientPort} to port ${values.serverPort}; its retransmission timer starts (initial RTO 1 s, RFC 6298 §2).`,
        )
      : say((zh) =>
          zh
            ? `这个 SYN 来自端口 ${clientPort}，而不是你的端口 ${values.clientPort}：连接前要把客户端绑定到 ${values.clientPort}。`
            : `This SYN comes from port ${clientPort}, not your port ${values.clientPort}: bind the client to ${values.clientPort} before connecting.`,
        ),
  });
  const copies = syns.filter(({ segment }) => segment.seq === first.segment.seq);
  const gaps: string[] = [];
  copies.slice(1).forEach(({ segment, index }, n) => {
    const gap = segment.t - copies[n]!.segment.t;
    gaps.push(seconds(gap));
    marks.push({
      index,
      mark: "meets",
      note: say((zh) =>
        zh
          ? `第 ${n + 1} 次重传同一个 SYN（序列号相同），距上一次 ${seconds(gap)} 秒：在此之前没有 SYN+ACK 到达，重传定时器到期了。`
          : `Retransmission ${n + 1} of the same SYN (same sequence number), ${seconds(gap)} s after the previous one: no SYN+ACK arrived before the retransmission timer expired.`,
      ),
    });
  });
  const answer = findIndex(connection, (s) => s.from === server && (isSynAck(s) || hasRst(s)));
  let outcome: string;
  let rank = 2 + (portMatches ? 2 : 0) + Math.min(copies.length - 1, 5);
  if (copies.length >= 2) {
    outcome = portMatches ? "reached" : "wrong-client-port";
    if (answer >= 0) {
      marks.push({
        index: answer,
        mark: "meets",
        note: say((zh, name) =>
          zh ? `${name(server)}终于回答了（${flagsText(connection.segments[answer]!)}）。` : `The ${name(server)} finally answers (${flagsText(connection.segments[answer]!)}).`,
        ),
      });
    }
  } else if (answer >= 0) {
    outcome = "answered";
    rank += 0;
    marks.push({
      index: answer,
      mark: "misses",
      note: say((zh, name) =>
        zh
          ? `${name(server)}立即回答了第一个 SYN（${flagsText(connection.segments[answer]!)}）：不需要重传。要让 SYN 得不到回答（队列已满的监听者，或不存在的主机）。`
          : `The ${name(server)} answers the first SYN at once (${flagsText(connection.segments[answer]!)}): no retransmission needed. The SYN must go unanswered (a listener with a full queue, or a host that does not exist).`,
      ),
    });
  } else {
    outcome = "single-syn";
  }
  const last = connection.segments[connection.segments.length - 1]!;
  return {
    reached: outcome === "reached",
    outcome,
    rank,
    marks,
    vars: { clientPort, copies: copies.length, gaps: gaps.join(", "), waited: seconds(last.t - first.segment.t) },
  };
};

export const synRetransmissionOutcomes: Record<string, OutcomeText> = {
  reached: (vars, v) =>
    say((zh) =>
      zh
        ? `目标达成：从你的端口 ${v.clientPort} 发往端口 ${v.serverPort} 的 SYN 一共发送了 ${vars.copies} 次，间隔 ${vars.gaps} 秒。Linux 先以固定 1 秒的间隔重传（net.ipv4.tcp_syn_linear_timeouts，默认 4 次），之后每次加倍；macOS 和较早的内核从一开始就加倍。`
        : `Goal reached: the SYN from your port ${v.clientPort} to port ${v.serverPort} was sent ${vars.copies} times, ${vars.gaps} s apart. Linux first retransmits at a fixed 1 s (net.ipv4.tcp_syn_linear_timeouts, 4 by default), then doubles each time; macOS and older kernels double from the start.`,
    ),
  "wrong-client-port": (vars, v) =>
    say((zh) =>
      zh
        ? `SYN 确实被重传了，但客户端用的是端口 ${vars.clientPort}，不是发给你的 ${v.clientPort}。连接前先 bind() 到 ${v.clientPort}。`
        : `The SYN was retransmitted, but from port ${vars.clientPort}, not your port ${v.clientPort}. bind() to ${v.clientPort} before connecting.`,
    ),
  answered: () =>
    say((zh) =>
      zh
        ? "第一个 SYN 就得到了回答，所以没有重传。先用第一个客户端占满 backlog 为 0 的监听者的队列，再运行第二个客户端。"
        : "The first SYN was answered, so nothing was retransmitted. Fill the queue of the backlog-0 listener with the first client before running the second.",
    ),
  "single-syn": (vars) =>
    say((zh) =>
      zh
        ? `SYN 只出现了一次，抓包在它之后 ${vars.waited} 秒就结束了：第一次重传在 1 秒后。让客户端等到超时再停止抓包。`
        : `The SYN appears once and the capture ends ${vars.waited} s after it: the first retransmission comes after 1 s. Let the client run until its timeout before stopping the capture.`,
    ),
  "no-syn": () =>
    say((zh) =>
      zh ? "这条连接的 SYN 不在抓包里：先开始抓包，再运行客户端。" : "The connection's SYN is not in the capture: start the capture first, then run the client.",
    ),
};

// ---------------------------------------------------------------------------------------------
// Close with unread data: RST instead of FIN

export const judgeUnreadRst: Judge = (view, values) => {
  const { connection } = view;
  const marks: Mark[] = [];
  const sighting = view.token.client ?? view.token.server;
  const sender: Role = sighting?.from ?? other(view.serverRole);
  const receiver = other(sender);
  const dataEnd = connection.segments.reduce((end, s) => (s.from === sender && s.len > 0 ? Math.max(end, s.seq + s.len) : end), 1);
  if (sighting) {
    marks.push({
      index: sighting.last,
      mark: "meets",
      note: say((zh, name) =>
        zh
          ? `${name(sender)}的数据带着你的令牌 ${values.token} 到达${name(receiver)}：它的应用从未读取，数据留在接收队列里。`
          : `The ${name(sender)}'s data with your token ${values.token} reaches the ${name(receiver)}: its application never reads it, so it stays in the receive queue.`,
      ),
    });
  }
  const reset = findIndex(connection, (s) => s.from === receiver && hasRst(s));
  const fin = findIndex(connection, (s) => s.from === receiver && hasFin(s));
  const senderReset = findIndex(connection, (s) => s.from === sender && hasRst(s));
  let rank = 1 + (sighting ? 1 : 0);
  let outcome: string;
  if (reset >= 0 && (fin < 0 || reset < fin)) {
    const rst = connection.segments[reset]!;
    const coversData = rst.ack !== null && rst.ack >= dataEnd && dataEnd > 1;
    rank += coversData ? 3 : 2;
    outcome = coversData ? "reached" : dataEnd > 1 ? "rst-before-data" : "no-data";
    marks.push({
      index: reset,
      mark: coversData ? "meets" : "misses",
      note: coversData
        ? say((zh, name) =>
            zh
              ? `${name(receiver)}发出 ${flagsText(rst)} 而不是 FIN：close() 时接收队列里还有未读数据，Linux 丢弃连接并发送 RST（RFC 1122 §4.2.2.13；Linux tcp_close() 中的 data_was_unread）。它的确认号 ${rst.ack} 表明数据已经到达却没被读取。对方下一次读取会得到 ECONNRESET。`
              : `The ${name(receiver)} sends ${flagsText(rst)} instead of a FIN: close() found unread data in the receive queue, so Linux drops the connection with a RST (RFC 1122 §4.2.2.13; data_was_unread in Linux tcp_close()). Its ack ${rst.ack} shows the data had arrived, unread. The peer's next read gets ECONNRESET.`,
          )
        : say((zh, name) =>
            zh
              ? `${name(receiver)}发出了 RST，但它没有确认${name(sender)}的数据：RST 发生在数据到达之前，不是“带着未读数据关闭”。`
              : `The ${name(receiver)} sends a RST, but it does not acknowledge the ${name(sender)}'s data: the RST came before the data arrived, not from a close with unread data.`,
          ),
    });
  } else if (fin >= 0) {
    outcome = reset >= 0 ? "rst-after-fin" : "fin-not-rst";
    marks.push({
      index: fin,
      mark: "misses",
      note: say((zh, name) =>
        zh
          ? `${name(receiver)}用 FIN 正常关闭：close() 时接收队列是空的（应用读过数据），所以是有序关闭，而不是 RST。`
          : `The ${name(receiver)} closes in order with a FIN: at close() its receive queue was empty (the application had read the data), so no RST.`,
      ),
    });
    if (reset >= 0) {
      marks.push({
        index: reset,
        mark: "misses",
        note: say((zh, name) =>
          zh
            ? `之后的 RST 回答的是关闭后才到达的数据，这是另一条规则。${name(receiver)}关闭时没有未读数据。`
            : `The later RST answers data that arrived after the close, which is another rule. The ${name(receiver)} had nothing unread when it closed.`,
        ),
      });
    }
  } else if (senderReset >= 0) {
    outcome = "sender-reset";
    marks.push({
      index: senderReset,
      mark: "misses",
      note: say((zh, name) =>
        zh ? `RST 来自发送数据的${name(sender)}，而不是持有未读数据的一端。` : `The RST comes from the ${name(sender)}, which sent the data, not from the end holding it unread.`,
      ),
    });
  } else {
    outcome = "no-close";
  }
  if (outcome === "reached" && !sighting) outcome = "no-token";
  return { reached: outcome === "reached", outcome, rank, marks, vars: { why: missingTokenNote(view) } };
};

export const unreadRstOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    say((zh) =>
      zh
        ? `目标达成：你的令牌 ${v.token} 到达端口 ${v.serverPort} 上的服务端后一直未被读取，服务端 close() 时发出了 RST，而不是 FIN。`
        : `Goal reached: your token ${v.token} reached the server on port ${v.serverPort} and was never read, and the server's close() sent a RST instead of a FIN.`,
    ),
  "no-token": (vars, v) =>
    say((zh) =>
      vars.why === "truncated"
        ? zh
          ? `确实有一个未读数据导致的 RST，但抓包截短了载荷（tcpdump 的 -s 选项），找不到你的令牌 ${v.token}。去掉 -s 重新抓包。`
          : `There is a RST for unread data, but the capture cut payloads short (tcpdump's -s option), so your token ${v.token} cannot be found. Capture again without -s.`
        : zh
          ? `确实有一个未读数据导致的 RST，但未读的数据里没有你的令牌 ${v.token}。挑战检查的是发给你的值：让客户端发送这个令牌。`
          : `There is a RST for unread data, but the unread data does not carry your token ${v.token}. The challenge checks the values issued to you: have the client send it.`,
    ),
  "fin-not-rst": () =>
    say((zh) =>
      zh
        ? "服务端用 FIN 正常关闭了：它的应用在关闭前读取了数据。要让数据留在接收队列里不读，再调用 close()。（macOS 等 BSD 系统在这种情况下可能丢弃未读数据并发送 FIN；那就在 Linux 上运行服务端。）"
        : "The server closed in order with a FIN: its application read the data before closing. Leave the data unread in the receive queue, then call close(). (BSD-derived systems such as macOS may discard unread data and send a FIN here; then run the server on Linux.)",
    ),
  "rst-after-fin": () =>
    say((zh) =>
      zh
        ? "服务端先用 FIN 关闭，之后的 RST 回答的是关闭后才到达的数据：关闭时它没有未读数据。让数据先到达，保持不读，再关闭。"
        : "The server closed with a FIN first; the later RST answers data that arrived after the close: it had nothing unread when it closed. Let the data arrive first, leave it unread, then close.",
    ),
  "rst-before-data": () =>
    say((zh) =>
      zh ? "RST 出现在数据到达之前：先让客户端发送数据，再让服务端关闭。" : "The RST comes before the data arrived: let the client send its data first, then close the server.",
    ),
  "no-data": () =>
    say((zh) =>
      zh ? "这个 RST 之前没有任何数据：没有未读数据，就不是这个目标。让客户端先发送你的令牌。" : "No data came before this RST: without unread data this is not the goal. Have the client send your token first.",
    ),
  "sender-reset": () =>
    say((zh) =>
      zh ? "RST 来自发送数据的一端（例如 SO_LINGER 为 0 的 close()），而不是持有未读数据的服务端。" : "The RST comes from the end that sent the data (a close() with SO_LINGER 0, say), not from the server holding it unread.",
    ),
  "no-close": () =>
    say((zh) =>
      zh ? "持有数据的一端在抓包里既没有发 FIN 也没有发 RST：等服务端关闭之后再停止抓包。" : "The end holding the data sent neither FIN nor RST in the capture: stop the capture after the server has closed.",
    ),
};

