import "server-only";
import { defineQuiz } from "@/domain/quiz/schema";

/** Lesson 5: why TIME-WAIT exists, who enters it, how long it lasts, what it does with segments. */
export default defineQuiz({
  id: "time-wait",
  lessonSlug: "time-wait",
  title: "Check your understanding: TIME-WAIT and 2MSL",
  passThreshold: 0.7,
  questions: [
    {
      id: "two-reasons",
      type: "multiple",
      concept: "time-wait",
      prompt: "Why does the active closer stay in TIME-WAIT after its last ACK? Select every reason.",
      explanation:
        "Two reasons (RFC 9293; the article lists the same): to acknowledge the peer's FIN again if the last ACK was lost, and to keep the 4-tuple out of use until delayed segments of this incarnation have expired.",
      options: [
        {
          id: "repeat-last-ack",
          text: "To acknowledge the peer's FIN again if the last ACK is lost",
          correct: true,
          feedback: "Yes: the last ACK is never acknowledged, so a repeated FIN is the only sign it was lost.",
          missedMisconception: "forgets-lost-last-ack-reason",
        },
        {
          id: "old-duplicates",
          text: "So that delayed segments of this connection die out before the same 4-tuple is used again",
          correct: true,
          feedback: "Yes: otherwise an old segment could be taken for data of a new incarnation.",
          missedMisconception: "forgets-old-duplicates-reason",
        },
        {
          id: "wait-for-data",
          text: "To receive any data the peer still sends",
          correct: false,
          feedback: "After the peer's FIN no more data can come. TIME-WAIT waits for time, not for data.",
          misconception: "thinks-time-wait-waits-for-data",
        },
        {
          id: "reserve-port",
          text: "To keep the port reserved so the same client can reconnect quickly",
          correct: false,
          feedback: "It does the opposite for the side holding it: a client does not reuse a 4-tuple that is in TIME-WAIT (unless tcp_tw_reuse allows it).",
          misconception: "thinks-time-wait-reserves-port-for-reconnect",
        },
      ],
    },
    {
      id: "who-enters",
      type: "single",
      concept: "time-wait",
      prompt: "Which side of a connection goes through TIME-WAIT?",
      explanation:
        "The side that sent the first FIN (the active closer), because it is the one that sends the last ACK. That can be the client or the server. In a simultaneous close, both.",
      options: [
        {
          id: "active-closer",
          text: "The side that closed first, client or server",
          correct: true,
          feedback: "Right: it sends the last ACK, so it may need to repeat it.",
        },
        {
          id: "client",
          text: "Always the client",
          correct: false,
          feedback: "Only when the client closes first. A server that closes its connections first collects the TIME-WAIT sockets.",
          misconception: "thinks-client-always-in-time-wait",
        },
        {
          id: "server",
          text: "Always the server",
          correct: false,
          feedback: "Only when the server closes first.",
          misconception: "thinks-server-always-in-time-wait",
        },
        {
          id: "both",
          text: "Always both sides",
          correct: false,
          feedback: "The passive closer goes from LAST-ACK straight to CLOSED. Both end in TIME-WAIT only after a simultaneous close.",
          misconception: "thinks-both-sides-time-wait",
        },
      ],
    },
    {
      id: "linux-length",
      type: "single",
      concept: "time-wait",
      prompt: "How long does a socket stay in TIME-WAIT on Linux, and how can you change it?",
      explanation:
        "TCP_TIMEWAIT_LEN in include/net/tcp.h: 60 seconds, fixed at compile time. No sysctl changes it; tcp_fin_timeout is about orphaned FIN-WAIT-2. Only arriving segments do: a retransmitted FIN restarts the timer, a reset or a newer SYN can end it early.",
      options: [
        {
          id: "fixed-sixty",
          text: "60 seconds, a compile-time constant: it cannot be changed with a sysctl",
          correct: true,
          feedback: "Yes: TCP_TIMEWAIT_LEN.",
        },
        {
          id: "fin-timeout",
          text: "tcp_fin_timeout seconds, 60 by default",
          correct: false,
          feedback: "Both are 60 by default, which feeds the confusion, but tcp_fin_timeout limits orphaned FIN-WAIT-2 only.",
          misconception: "thinks-fin-timeout-sets-time-wait",
        },
        {
          id: "four-minutes",
          text: "2 × MSL = 4 minutes, as RFC 9293 says",
          correct: false,
          feedback: "That is the RFC's figure with its 2-minute MSL. Linux uses its own fixed value and has no MSL setting.",
          misconception: "thinks-linux-uses-rfc-msl",
        },
        {
          id: "msl-sysctl",
          text: "Twice an MSL that you set with a sysctl",
          correct: false,
          feedback: "Linux has no MSL sysctl; the TIME-WAIT length is a constant.",
          misconception: "thinks-time-wait-length-is-tunable",
        },
      ],
    },
    {
      id: "rfc-msl",
      type: "single",
      concept: "time-wait",
      prompt: "RFC 9293 takes the Maximum Segment Lifetime (MSL) to be 2 minutes. How long is TIME-WAIT according to the RFC?",
      explanation: "TIME-WAIT lasts 2 × MSL: a segment's lifetime one way plus a reply's lifetime back. So 2MSL is 4 minutes, with the RFC's MSL of 2 minutes.",
      options: [
        { id: "four-min", text: "4 minutes", correct: true, feedback: "Yes: 2 × 2 minutes." },
        {
          id: "two-min",
          text: "2 minutes",
          correct: false,
          feedback: "That is one MSL. TIME-WAIT is two: one for a segment's way there, one for the way back.",
          misconception: "confuses-msl-and-2msl",
        },
        {
          id: "sixty-s",
          text: "60 seconds",
          correct: false,
          feedback: "That is Linux's fixed TCP_TIMEWAIT_LEN, not the RFC's 2MSL.",
          misconception: "thinks-linux-value-is-rfc",
        },
        {
          id: "one-rtt",
          text: "One round-trip time",
          correct: false,
          feedback: "TIME-WAIT must outlast any delayed segment, which can be far longer than a round trip.",
          misconception: "thinks-time-wait-is-one-rtt",
        },
      ],
    },
    {
      id: "after-last-ack",
      type: "state",
      concept: "time-wait",
      prompt: "The client closes first; the server closes when it reads end-of-file. Which state is the {host} in right after segment {segment}?",
      explanation:
        "The client, as active closer, enters TIME-WAIT when it acknowledges the server's FIN; the server, as passive closer, goes from LAST-ACK to CLOSED when that ACK arrives. Answer: {answer}.",
      source: { kind: "generator", generator: "teardown", variants: ["active-close"] },
      misconception: "confuses-teardown-states",
      wrongState: {
        CLOSED: {
          feedback: "Only the passive closer reaches CLOSED, when the ACK of its FIN arrives. The active closer waits in TIME-WAIT after its last ACK.",
          misconception: "thinks-active-closer-skips-time-wait",
        },
        "TIME-WAIT": {
          feedback: "TIME-WAIT begins only when the active closer acknowledges the peer's FIN, and the passive closer never enters it (LAST-ACK → CLOSED).",
          misconception: "thinks-both-sides-time-wait",
        },
      },
    },
    {
      id: "retransmitted-fin",
      type: "single",
      concept: "time-wait",
      prompt: "A socket in TIME-WAIT receives the peer's FIN again. What does it do?",
      explanation:
        "A repeated FIN means the last ACK was lost. TIME-WAIT acknowledges it again and restarts its timer (RFC 9293 §3.10.7.4) — reason 1 for TIME-WAIT in action.",
      options: [
        {
          id: "re-ack",
          text: "Acknowledges it again and restarts the TIME-WAIT timer",
          correct: true,
          feedback: "Right: this is exactly what TIME-WAIT exists for.",
        },
        {
          id: "reset",
          text: "Answers with a reset, since the connection is closed",
          correct: false,
          feedback: "That is what would happen without TIME-WAIT. The point of the state is to answer properly.",
          misconception: "thinks-time-wait-resets-late-segments",
        },
        {
          id: "ignore",
          text: "Ignores it: the connection is already finished",
          correct: false,
          feedback: "Then the peer would keep retransmitting its FIN in LAST-ACK. TIME-WAIT answers it.",
          misconception: "thinks-time-wait-ignores-segments",
        },
        {
          id: "reopen",
          text: "Reopens the connection to receive more data",
          correct: false,
          feedback: "A FIN means no more data; nothing is reopened.",
          misconception: "thinks-time-wait-waits-for-data",
        },
      ],
    },
    {
      id: "syn-into-time-wait",
      type: "single",
      concept: "time-wait",
      prompt: "A Linux server closed a connection first and holds its 4-tuple in TIME-WAIT. The same client connects again from the same port, with a higher initial sequence number. What happens?",
      explanation:
        "RFC 1122 §4.2.2.13 (refined by RFC 6191 with timestamps) lets a TIME-WAIT socket accept a new SYN whose sequence number or timestamp is newer than the old connection's. Linux does: the TIME-WAIT socket is replaced by a new connection.",
      options: [
        {
          id: "accepted",
          text: "The server accepts it: the TIME-WAIT socket gives way to the new connection",
          correct: true,
          feedback: "Yes: the newer sequence number (or timestamp) guarantees that old segments cannot be mistaken for new ones.",
        },
        {
          id: "refused",
          text: "The server resets it until TIME-WAIT has expired",
          correct: false,
          feedback: "TIME-WAIT does not simply block its 4-tuple. It keeps the state needed to accept a newer SYN safely.",
          misconception: "thinks-time-wait-blocks-reincarnation",
        },
        {
          id: "dropped",
          text: "The SYN is silently dropped and the client retries after 60 s",
          correct: false,
          feedback: "A newer SYN is accepted at once; the capture in the lesson shows the reconnection 0.3 s after the close.",
          misconception: "thinks-time-wait-blocks-reincarnation",
        },
        {
          id: "impossible",
          text: "It cannot happen: the client's kernel never reuses a port",
          correct: false,
          feedback: "The client's own side of this connection is already CLOSED (it was the passive closer), so its port is free to reuse.",
          misconception: "thinks-server-time-wait-blocks-client-port",
        },
      ],
    },
  ],
});
