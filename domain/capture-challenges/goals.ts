/**
 * The goals of the capture challenges: each judges one captured connection to the learner's
 * server port and says, segment by segment, what meets the goal and what misses it. They read
 * only the capture reader's analysis (segments, state paths, transitions) and the payload, and
 * name the RFC 9293 and Linux rules behind each verdict.
 */
import type { CaptureSegment, Role } from "@/domain/tcp/pcap";
import { findIndex, hasFin, hasRst, isSyn, isSynAck, other, portOf, type ConnectionView } from "./connection-view";
import { both } from "./goal-words";
import { seconds, type Judge, type Mark, type OutcomeText } from "./judgement";

const flagsText = (segment: CaptureSegment) => segment.flags.join("+");

/** Marks the segment that carries the token, when there is one. */
function tokenMark(view: ConnectionView, token: string, from?: Role): Mark | null {
  const sighting = from ? view.token[from] : (view.token.server ?? view.token.client);
  if (!sighting) return null;
  return {
    index: sighting.first,
    mark: "meets",
    note: both((w) => w.tokenIsYours(sighting.from, token)),
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
      note: both((w) => w.serverClosesFirst(server)),
    });
  }
  if (final === "TIME-WAIT" && toTimeWait) {
    rank += 2;
    outcome = "reached";
    marks.push({
      index: toTimeWait.segment,
      mark: "meets",
      note: both((w) => w.serverEntersTimeWait(server, client, toTimeWait.from)),
    });
  } else if (serverFin < 0 && clientFin < 0) {
    outcome = reset >= 0 ? "reset" : "no-close";
  } else if (clientFin >= 0 && (serverFin < 0 || clientFin < serverFin)) {
    outcome = "client-closed-first";
    marks.push({
      index: clientFin,
      mark: "misses",
      note: both((w) => w.clientClosesFirst(client, server)),
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
      note: both((w) => w.resetBeforeTimeWait(connection.segments[reset]!.from)),
    });
  }
  if (outcome === "reached" && !token) outcome = "no-token";
  return { reached: outcome === "reached", outcome, rank, marks, vars: { state: final ?? "?", why: missingTokenNote(view) } };
};

export const serverTimeWaitOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    both((w) => w.timeWaitReached(v.serverPort)),
  "no-token": (vars, v) =>
    both((w) => (vars.why === "truncated" ? w.timeWaitTokenCutShort(v.token) : w.timeWaitNoToken(v.token))),
  "client-closed-first": () =>
    both((w) => w.timeWaitClientClosedFirst),
  reset: () =>
    both((w) => w.timeWaitReset),
  "no-close": () =>
    both((w) => w.timeWaitNoClose),
  "not-finished": (vars) =>
    both((w) => w.timeWaitNotFinished(vars.state!)),
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
      ? both((w) => w.refusedSyn(client, values.clientPort, values.serverPort))
      : both((w) => w.refusedSynFromOtherPort(clientPort, values.clientPort)),
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
        ? both((w) => w.refusalRst(flagsText(answerSegment), values.serverPort))
        : both((w) => w.rstNotAcknowledgingSyn),
    });
  } else if (answerSegment && isSynAck(answerSegment)) {
    outcome = "listening";
    marks.push({
      index: answer,
      mark: "misses",
      note: both((w) => w.synAckListening(values.serverPort)),
    });
  } else {
    outcome = answerSegment ? "reset-not-refusal" : "unanswered";
  }
  if (outcome === "reached" && !portMatches) outcome = "wrong-client-port";
  return { reached: outcome === "reached", outcome, rank, marks, vars: { clientPort } };
};

export const connectionRefusedOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    both((w) => w.refusedReached(v.clientPort, v.serverPort)),
  "wrong-client-port": (vars, v) =>
    both((w) => w.refusedWrongClientPort(vars.clientPort!, v.clientPort)),
  listening: (_, v) =>
    both((w) => w.refusedListening(v.serverPort)),
  unanswered: () =>
    both((w) => w.refusedUnanswered),
  "reset-not-refusal": () =>
    both((w) => w.refusedResetNotRefusal),
  "no-syn": () =>
    both((w) => w.noSyn),
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
    note: both((w) => w.halfCloseFin(closer, sender)),
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
    note: both((w) => w.dataAfterFin(sender, dataSegment.len)),
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
      note: both((w) => w.closedEndResets(closer)),
    });
  } else if (answerSegment) {
    rank += 1;
    outcome = tokenAfterFin ? "reached" : sighting ? "token-before-fin" : "no-token";
    marks.push({
      index: answer,
      mark: "meets",
      note: both((w) => w.halfClosedEndReceives(closer, answerSegment.ack)),
    });
  } else {
    outcome = "not-acknowledged";
  }
  return { reached: outcome === "reached", outcome, rank, marks, vars: { why: missingTokenNote(view) } };
};

export const halfCloseOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    both((w) => w.halfCloseReached(v.token, v.serverPort)),
  "no-fin": () =>
    both((w) => w.halfCloseNoFin),
  "no-data-after-fin": () =>
    both((w) => w.halfCloseNoDataAfterFin),
  "token-before-fin": (_, v) =>
    both((w) => w.halfCloseTokenBeforeFin(v.token)),
  "no-token": (vars, v) =>
    both((w) => (vars.why === "truncated" ? w.halfCloseTokenCutShort(v.token) : w.halfCloseNoToken(v.token))),
  "reset-after-fin": () =>
    both((w) => w.halfCloseResetAfterFin),
  "not-acknowledged": () =>
    both((w) => w.halfCloseNotAcknowledged),
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
      ? both((w) => w.firstSyn(client, values.clientPort, values.serverPort))
      : both((w) => w.synFromOtherPort(clientPort, values.clientPort)),
  });
  const copies = syns.filter(({ segment }) => segment.seq === first.segment.seq);
  const gaps: string[] = [];
  copies.slice(1).forEach(({ segment, index }, n) => {
    const gap = segment.t - copies[n]!.segment.t;
    gaps.push(seconds(gap));
    marks.push({
      index,
      mark: "meets",
      note: both((w) => w.synRetransmitted(n + 1, seconds(gap))),
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
        note: both((w) => w.serverFinallyAnswers(server, flagsText(connection.segments[answer]!))),
      });
    }
  } else if (answer >= 0) {
    outcome = "answered";
    rank += 0;
    marks.push({
      index: answer,
      mark: "misses",
      note: both((w) => w.serverAnswersAtOnce(server, flagsText(connection.segments[answer]!))),
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
    both((w) => w.synReached(v.clientPort, v.serverPort, vars.copies!, vars.gaps!)),
  "wrong-client-port": (vars, v) =>
    both((w) => w.synWrongClientPort(vars.clientPort!, v.clientPort)),
  answered: () =>
    both((w) => w.synAnswered),
  "single-syn": (vars) =>
    both((w) => w.synSingle(vars.waited!)),
  "no-syn": () =>
    both((w) => w.noSyn),
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
      note: both((w) => w.tokenLeftUnread(sender, receiver, values.token)),
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
        ? both((w) => w.unreadDataRst(receiver, flagsText(rst), rst.ack))
        : both((w) => w.rstBeforeData(receiver, sender)),
    });
  } else if (fin >= 0) {
    outcome = reset >= 0 ? "rst-after-fin" : "fin-not-rst";
    marks.push({
      index: fin,
      mark: "misses",
      note: both((w) => w.closesInOrder(receiver)),
    });
    if (reset >= 0) {
      marks.push({
        index: reset,
        mark: "misses",
        note: both((w) => w.laterRst(receiver)),
      });
    }
  } else if (senderReset >= 0) {
    outcome = "sender-reset";
    marks.push({
      index: senderReset,
      mark: "misses",
      note: both((w) => w.senderResets(sender)),
    });
  } else {
    outcome = "no-close";
  }
  if (outcome === "reached" && !sighting) outcome = "no-token";
  return { reached: outcome === "reached", outcome, rank, marks, vars: { why: missingTokenNote(view) } };
};

export const unreadRstOutcomes: Record<string, OutcomeText> = {
  reached: (_, v) =>
    both((w) => w.unreadReached(v.token, v.serverPort)),
  "no-token": (vars, v) =>
    both((w) => (vars.why === "truncated" ? w.unreadTokenCutShort(v.token) : w.unreadNoToken(v.token))),
  "fin-not-rst": () =>
    both((w) => w.unreadFinNotRst),
  "rst-after-fin": () =>
    both((w) => w.unreadRstAfterFin),
  "rst-before-data": () =>
    both((w) => w.unreadRstBeforeData),
  "no-data": () =>
    both((w) => w.unreadNoData),
  "sender-reset": () =>
    both((w) => w.unreadSenderReset),
  "no-close": () =>
    both((w) => w.unreadNoClose),
};

