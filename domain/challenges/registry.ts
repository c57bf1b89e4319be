/**
 * Every simulator challenge. Ids are stable (completions and assignments store them): never
 * rename one; add a new challenge instead. Goals read the engine's trace only.
 */
import type { HostId } from "@/domain/tcp";
import type { Challenge, ChallengeSummary } from "./types";
import { arrivalsInState, droppedSegments, gotError, reachedState, retransmittedFin, sentBy } from "./trace-queries";

const CLOSE_ACTIONS = ["client:close", "server:close", "client:shutdown", "server:shutdown", "client:send", "server:send"] as const;

export const CHALLENGES: readonly Challenge[] = [
  {
    id: "server-retransmits-fin",
    title: "Make the server retransmit its FIN",
    summary: "Lose one segment of a four-way close so that the server has to send its FIN again.",
    instructions:
      "Both applications close in this run. Step through it and drop one segment while it is in flight so that the server sends its FIN a second time.",
    hint: "The server keeps its FIN on its retransmission timer until an ACK for it arrives. Which segment would that be, and what if the FIN itself never arrives?",
    lesson: "four-way-teardown",
    preset: "four-way-close",
    allowed: ["drop"],
    feedback: {
      reached: "The server's FIN went unacknowledged, so its retransmission timer sent it again.",
      "client-retransmitted":
        "The client retransmitted its FIN, not the server: you dropped the client's FIN (or its ACK). Look at the server's FIN and the ACK that answers it.",
      "fin-sent-once": "The server sent its FIN only once: the ACK it was waiting for arrived. Drop the server's FIN or the client's ACK of it.",
    },
    goal: (trace) => {
      if (retransmittedFin(trace, "server")) return { reached: true, outcome: "reached" };
      if (retransmittedFin(trace, "client")) return { reached: false, outcome: "client-retransmitted" };
      return { reached: false, outcome: "fin-sent-once" };
    },
  },
  {
    id: "both-closing",
    title: "Get both ends into CLOSING",
    summary: "Close both ends so that their FINs cross and each end passes through CLOSING.",
    instructions:
      "The connection is being set up. Once both ends are ESTABLISHED, make both applications close so that each end goes through the CLOSING state.",
    hint: "CLOSING means: I sent a FIN, and the peer's FIN arrived before the ACK of mine. How close together must the two close() calls be with a one-way latency of 10 ms?",
    lesson: "closing-states",
    preset: "three-way-handshake",
    allowed: CLOSE_ACTIONS,
    feedback: {
      reached: "The two FINs crossed in flight: each end received a FIN while waiting for the ACK of its own, so both went through CLOSING.",
      "only-one": "Only the {host} went through CLOSING. Both FINs must be on the wire at the same time.",
      "one-active-closer": "At most one end closed actively; the other received the FIN first and went to CLOSE-WAIT. Close both before either FIN arrives.",
      "fin-already-acked": "Both ends sent a FIN, but one of them had already been acknowledged when the other arrived. Close both ends at the same moment.",
    },
    goal: (trace) => {
      const client = reachedState(trace, "client", "CLOSING");
      const server = reachedState(trace, "server", "CLOSING");
      if (client && server) return { reached: true, outcome: "reached" };
      if (client || server) {
        const only: HostId = client ? "client" : "server";
        return { reached: false, outcome: "only-one", values: { host: only } };
      }
      if (!reachedState(trace, "client", "FIN-WAIT-1") || !reachedState(trace, "server", "FIN-WAIT-1")) return { reached: false, outcome: "one-active-closer" };
      return { reached: false, outcome: "fin-already-acked" };
    },
  },
  {
    id: "stuck-close-wait",
    title: "Leave the server stuck in CLOSE-WAIT",
    summary: "Reproduce a CLOSE_WAIT leak: the peer has closed, but the server's application never does.",
    instructions:
      "Make the run end (the simulator runs for an hour of virtual time) with the server still in CLOSE-WAIT, as on a server whose application forgets to close its sockets.",
    hint: "CLOSE-WAIT is where a socket waits after the peer's FIN arrived, until its own application calls close(). Who has to close, and who must not?",
    lesson: "closing-states",
    preset: "three-way-handshake",
    allowed: ["client:close", "client:shutdown", "client:send", "client:abort", "server:send", "server:close", "server:shutdown"],
    feedback: {
      reached: "The client's FIN arrived, the server acknowledged it and went to CLOSE-WAIT, and nothing ever moves it on: only its application's close() would.",
      "no-fin": "The server never received a FIN, so it never entered CLOSE-WAIT. The client has to close first.",
      "server-closed": "The server's application closed its socket (LAST-ACK), which ends CLOSE-WAIT. Leave the server's socket alone.",
      "server-reset": "The server left CLOSE-WAIT and ended in {state}: sending to a peer that has gone away draws an RST. Let the server's socket sit idle.",
    },
    goal: (trace) => {
      if (trace.final.server === "CLOSE-WAIT") return { reached: true, outcome: "reached" };
      if (!reachedState(trace, "server", "CLOSE-WAIT")) return { reached: false, outcome: "no-fin" };
      if (reachedState(trace, "server", "LAST-ACK")) return { reached: false, outcome: "server-closed" };
      return { reached: false, outcome: "server-reset", values: { state: trace.final.server } };
    },
  },
  {
    id: "refused-connect",
    title: "Get a connection refused",
    summary: "Make connect() fail with ECONNREFUSED.",
    instructions: "Both sockets start closed. Make the client's connect() fail with ECONNREFUSED.",
    hint: "A SYN to a port where nobody listens is answered with RST.",
    lesson: "three-way-handshake",
    preset: "blank",
    allowed: ["client:connect", "server:listen", "client:listen", "server:connect"],
    feedback: {
      reached: "Nobody was listening, so the server's TCP answered the SYN with RST+ACK and connect() failed with ECONNREFUSED.",
      established: "The connection was established: the server was listening (or connecting) when the SYN arrived.",
      "no-syn": "The client never sent a SYN: it has to call connect().",
      "not-refused": "connect() did not fail with ECONNREFUSED.",
    },
    goal: (trace) => {
      if (gotError(trace, "client", "ECONNREFUSED")) return { reached: true, outcome: "reached" };
      if (reachedState(trace, "client", "ESTABLISHED")) return { reached: false, outcome: "established" };
      if (!trace.segments.some((segment) => segment.from === "client" && segment.flags.includes("SYN"))) return { reached: false, outcome: "no-syn" };
      return { reached: false, outcome: "not-refused" };
    },
  },
  {
    id: "time-wait-reacks-fin",
    title: "Make TIME-WAIT acknowledge a retransmitted FIN",
    summary: "Show why TIME-WAIT exists: a FIN retransmitted by the peer reaches the socket in TIME-WAIT, which ACKs it again.",
    instructions:
      "Both applications close. Drop one segment so that a retransmitted FIN arrives at a socket in TIME-WAIT, and that socket acknowledges it again.",
    hint: "Which end is in TIME-WAIT, and what does the other end do when its FIN is not acknowledged?",
    lesson: "time-wait",
    preset: "four-way-close",
    allowed: ["drop"],
    feedback: {
      reached:
        "The last ACK was lost, the server retransmitted its FIN from LAST-ACK, and the client, still in TIME-WAIT, answered it with a new ACK (and restarted its TIME-WAIT timer).",
      "not-in-time-wait":
        "The server retransmitted its FIN, but the client was not in TIME-WAIT when it arrived (its own FIN was not yet acknowledged, or the first FIN never reached it). Drop the client's last ACK instead.",
      "no-retransmission": "No FIN was retransmitted to the side in TIME-WAIT. Which segment, if lost, makes the server repeat its FIN?",
    },
    goal: (trace) => {
      const reAcked = arrivalsInState(trace, "TIME-WAIT").some(
        ({ segment, replies }) => segment.flags.includes("FIN") && replies.some((reply) => reply.flags.includes("ACK") && !reply.flags.includes("RST")),
      );
      if (reAcked) return { reached: true, outcome: "reached" };
      if (retransmittedFin(trace, "server")) return { reached: false, outcome: "not-in-time-wait" };
      return { reached: false, outcome: "no-retransmission" };
    },
  },
  {
    id: "syn-timeout",
    title: "Make connect() give up with ETIMEDOUT",
    summary: "Connect to a host that never answers and see how long Linux keeps retransmitting the SYN.",
    instructions:
      "The server's host is down: everything the client sends is lost. Make the client's connect() fail with ETIMEDOUT, then read the retransmission times off the packet list.",
    hint: "connect() keeps retransmitting the SYN on its retransmission timer; close() or abort() during that time ends the attempt without an error.",
    lesson: "three-way-handshake",
    preset: "silent-host",
    allowed: ["client:connect", "client:close", "client:abort"],
    feedback: {
      reached: "The client sent {syns} SYNs and connect() gave up with ETIMEDOUT at {seconds} s of virtual time.",
      "no-syn": "The client never sent a SYN: call connect().",
      "closed-while-retrying": "The socket was closed while connect() was still retrying, so it never timed out. Let it run.",
    },
    goal: (trace) => {
      if (gotError(trace, "client", "ETIMEDOUT")) {
        const last = trace.errors.find((error) => error.code === "ETIMEDOUT");
        const syns = sentBy(trace, "client").filter((segment) => segment.flags.includes("SYN")).length;
        return { reached: true, outcome: "reached", values: { syns, seconds: ((last?.t ?? 0) / 1000).toFixed(0) } };
      }
      if (!sentBy(trace, "client").some((segment) => segment.flags.includes("SYN"))) return { reached: false, outcome: "no-syn" };
      return { reached: false, outcome: "closed-while-retrying" };
    },
  },
  {
    id: "handshake-survives-loss",
    title: "Lose a handshake segment and still connect",
    summary: "Drop a SYN, SYN-ACK or the third ACK and watch retransmission complete the handshake anyway.",
    instructions: "Drop one of the handshake's segments while it is in flight. Both ends must still end up ESTABLISHED.",
    hint: "Each end keeps retransmitting what it has not seen acknowledged: the client its SYN, the server its SYN-ACK.",
    lesson: "three-way-handshake",
    preset: "three-way-handshake",
    allowed: ["drop"],
    feedback: {
      reached: "A handshake segment was lost, the sender's retransmission timer sent it again, and both ends still reached ESTABLISHED.",
      "nothing-lost": "No handshake segment was lost. Drop the SYN, the SYN-ACK or the client's ACK while it is in flight.",
      "not-connected": "A handshake segment was lost but the two ends never both reached ESTABLISHED.",
    },
    goal: (trace) => {
      const lost = droppedSegments(trace).filter((segment) => segment.flags.includes("SYN") || (segment.from === "client" && segment.flags.join(",") === "ACK"));
      const connected = reachedState(trace, "client", "ESTABLISHED") && reachedState(trace, "server", "ESTABLISHED");
      if (lost.length > 0 && connected) return { reached: true, outcome: "reached" };
      if (lost.length === 0) return { reached: false, outcome: "nothing-lost" };
      return { reached: false, outcome: "not-connected" };
    },
  },
  {
    id: "reset-the-peer",
    title: "Make the server's application see ECONNRESET",
    summary: "End a connection abruptly so that the peer's application gets ECONNRESET instead of an orderly end of file.",
    instructions: "Once the connection is established, end it from the client so that the server's application gets ECONNRESET.",
    hint: "close() sends a FIN: an orderly end. What does a close with SO_LINGER set to 0 send?",
    lesson: "closing-states",
    preset: "three-way-handshake",
    allowed: ["client:close", "client:abort", "client:send", "client:shutdown"],
    feedback: {
      reached: "The client's abort() sent an RST; the server dropped the connection at once and its application got ECONNRESET.",
      "orderly-close": "The client sent a FIN: the server's application sees an orderly end of file and its socket waits in CLOSE-WAIT. Use abort().",
      "no-error": "The server's application got no error. End the connection from the client with abort().",
    },
    goal: (trace) => {
      if (gotError(trace, "server", "ECONNRESET")) return { reached: true, outcome: "reached" };
      if (reachedState(trace, "server", "CLOSE-WAIT")) return { reached: false, outcome: "orderly-close" };
      return { reached: false, outcome: "no-error" };
    },
  },
];

const BY_ID = new Map(CHALLENGES.map((challenge) => [challenge.id, challenge]));

export function getChallenge(id: string): Challenge | null {
  return BY_ID.get(id) ?? null;
}

export function challengeHref(id: string): string {
  return `/playground?challenge=${encodeURIComponent(id)}#challenges`;
}

/** What the instructors' catalog and the playground list: id, title, summary, lesson, where to do it. */
export const CHALLENGE_LIST: readonly ChallengeSummary[] = CHALLENGES.map(({ id, title, summary, lesson }) => ({
  id,
  title,
  summary,
  lesson,
  href: challengeHref(id),
}));
