import "server-only";
import { defineQuiz } from "@/domain/quiz/schema";

/** Lesson 4: the closing states, orphans and tcp_fin_timeout, CLOSING, and diagnosing CLOSE_WAIT. */
export default defineQuiz({
  id: "closing-states",
  lessonSlug: "closing-states",
  title: "Check your understanding: the states on the way down",
  passThreshold: 0.7,
  questions: [
    {
      id: "many-close-wait",
      type: "single",
      concept: "teardown-states",
      prompt: "A server shows 2,000 sockets in CLOSE_WAIT, and the number keeps growing. What is happening?",
      explanation:
        "CLOSE-WAIT means the peer's FIN arrived (and the kernel acknowledged it), and our application has not called close(). A growing count is a descriptor leak in the application: find it with `ss -tanp state close-wait` and add the missing close().",
      options: [
        {
          id: "app-not-closing",
          text: "The application received end-of-file on these connections and never called close()",
          correct: true,
          feedback: "Yes: CLOSE-WAIT waits for the local application, and nothing else ends it.",
        },
        {
          id: "ack-not-sent",
          text: "The server never sent the ACK of the clients' FINs",
          correct: false,
          feedback: "The kernel acknowledges a FIN by itself, within milliseconds, whatever the application does. CLOSE-WAIT waits for close(), not for an ACK.",
          misconception: "thinks-close-wait-means-ack-not-sent",
        },
        {
          id: "clients-not-closing",
          text: "The clients never sent their final ACK",
          correct: false,
          feedback: "A final ACK matters to LAST-ACK, which comes after the server's own FIN. These sockets have not sent a FIN yet.",
          misconception: "confuses-close-wait-and-last-ack",
        },
        {
          id: "time-wait-too-long",
          text: "TIME-WAIT is too long and needs to be shortened",
          correct: false,
          feedback: "TIME-WAIT is a different state, on the side that closes first. CLOSE-WAIT is the side that has not closed at all.",
          misconception: "confuses-close-wait-and-time-wait",
        },
      ],
    },
    {
      id: "sysctl-for-close-wait",
      type: "single",
      concept: "sysctls",
      prompt: "Which sysctl makes Linux clean up sockets stuck in CLOSE_WAIT?",
      explanation:
        "None. A CLOSE-WAIT socket belongs to an application that still holds its file descriptor; the kernel cannot close it. The fix is in the application (or restarting it).",
      options: [
        {
          id: "none",
          text: "None: only the application closing the socket ends CLOSE-WAIT",
          correct: true,
          feedback: "Right. Look for the missing close() in the code.",
        },
        {
          id: "fin-timeout",
          text: "net.ipv4.tcp_fin_timeout",
          correct: false,
          feedback: "tcp_fin_timeout limits orphaned sockets in FIN-WAIT-2 — the other side of such a connection — not CLOSE-WAIT.",
          misconception: "thinks-fin-timeout-closes-close-wait",
        },
        {
          id: "keepalive",
          text: "net.ipv4.tcp_keepalive_time",
          correct: false,
          feedback: "Keepalive can at most discover that the peer is gone; the socket and its descriptor stay allocated until the application closes it.",
          misconception: "thinks-keepalive-closes-close-wait",
        },
        {
          id: "tw-reuse",
          text: "net.ipv4.tcp_tw_reuse",
          correct: false,
          feedback: "tcp_tw_reuse concerns TIME-WAIT ports for new outgoing connections, not CLOSE-WAIT.",
          misconception: "confuses-close-wait-and-time-wait",
        },
      ],
    },
    {
      id: "half-open-close",
      type: "state",
      concept: "teardown-states",
      prompt: "The client closes the connection; the server's application never does. Which state is the {host} in right after segment {segment}?",
      explanation:
        "After segment 4 (the client's FIN) and segment 5 (the server kernel's ACK), the client waits in FIN-WAIT-2 for a FIN that does not come, and the server sits in CLOSE-WAIT. Answer: {answer}.",
      source: {
        kind: "scenario",
        scenario: {
          actions: [
            { at: 0, host: "server", do: "listen" },
            { at: 1, host: "client", do: "connect" },
            { at: 100, host: "client", do: "close" },
          ],
        },
        host: "client",
        segment: 5,
      },
      choices: ["ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "LAST-ACK", "TIME-WAIT", "CLOSED"],
      misconception: "confuses-teardown-states",
      wrongState: {
        "TIME-WAIT": {
          feedback: "TIME-WAIT needs the peer's FIN, and the server's application never closed, so no FIN was sent.",
          misconception: "thinks-time-wait-starts-at-first-fin",
        },
        "CLOSE-WAIT": {
          feedback: "CLOSE-WAIT is the server here: it received the FIN and has not closed.",
          misconception: "confuses-close-wait-and-fin-wait",
        },
        CLOSED: {
          feedback: "Not yet: the orphaned client socket lingers in FIN-WAIT-2 for tcp_fin_timeout before Linux destroys it.",
          misconception: "thinks-close-ends-connection-at-once",
        },
      },
    },
    {
      id: "fin-timeout-scope",
      type: "single",
      concept: "sysctls",
      prompt: "What does net.ipv4.tcp_fin_timeout limit on Linux?",
      explanation:
        "How long an orphaned socket (already closed by its application) may stay in FIN-WAIT-2 waiting for the peer's FIN. It does not change TIME-WAIT, which is fixed at TCP_TIMEWAIT_LEN.",
      options: [
        {
          id: "orphan-fin-wait-2",
          text: "How long an orphaned socket may wait in FIN-WAIT-2 for the peer's FIN",
          correct: true,
          feedback: "Yes — and only orphaned ones: a socket the application still holds may stay in FIN-WAIT-2 for ever.",
        },
        {
          id: "time-wait",
          text: "How long sockets stay in TIME-WAIT",
          correct: false,
          feedback: "A very common belief, repeated by many tuning guides. TIME-WAIT on Linux is TCP_TIMEWAIT_LEN, a compile-time constant.",
          misconception: "thinks-fin-timeout-sets-time-wait",
        },
        {
          id: "fin-retransmit",
          text: "How long a FIN is retransmitted in FIN-WAIT-1 before giving up",
          correct: false,
          feedback: "FIN retransmission follows the normal retransmission rules (tcp_orphan_retries for orphans), not tcp_fin_timeout.",
          misconception: "thinks-fin-timeout-is-fin-retransmission",
        },
        {
          id: "close-wait",
          text: "How long a socket may stay in CLOSE-WAIT before the kernel closes it",
          correct: false,
          feedback: "Nothing limits CLOSE-WAIT: it waits for the local application.",
          misconception: "thinks-fin-timeout-closes-close-wait",
        },
      ],
    },
    {
      id: "simultaneous-close-state",
      type: "state",
      concept: "teardown-states",
      prompt: "Look at who sends which FIN when. Which state is the {host} in right after segment {segment}?",
      explanation:
        "When both sides close at once, each receives a FIN while its own is unacknowledged: FIN-WAIT-1 → CLOSING, then TIME-WAIT when the ACK of its own FIN arrives. When one side closes first, it goes FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT and the other CLOSE-WAIT → LAST-ACK → CLOSED. Answer: {answer}.",
      source: { kind: "generator", generator: "teardown", variants: ["simultaneous-close", "passive-close"] },
      misconception: "confuses-teardown-states",
      wrongState: {
        "LAST-ACK": {
          feedback: "LAST-ACK belongs to a passive closer, which sent its FIN after receiving the peer's. In a simultaneous close both sides are active closers.",
          misconception: "confuses-closing-and-last-ack",
        },
        "FIN-WAIT-2": {
          feedback: "FIN-WAIT-2 needs the ACK of our FIN to arrive before the peer's FIN.",
          misconception: "confuses-closing-and-fin-wait-2",
        },
      },
    },
    {
      id: "state-waits-for",
      type: "match",
      concept: "teardown-states",
      prompt: "Match each closing state with what ends it.",
      explanation:
        "FIN-WAIT-1 and LAST-ACK wait for the ACK of their own FIN; FIN-WAIT-2 waits for the peer's FIN; CLOSE-WAIT for the local application's close(); TIME-WAIT for its timer.",
      pairs: [
        { id: "fin-wait-2", left: "FIN-WAIT-2", right: { id: "peer-fin", text: "The peer's FIN arrives" }, misconception: "confuses-close-wait-and-fin-wait" },
        {
          id: "close-wait",
          left: "CLOSE-WAIT",
          right: { id: "local-close", text: "The local application calls close()" },
          misconception: "thinks-close-wait-means-ack-not-sent",
        },
        { id: "last-ack", left: "LAST-ACK", right: { id: "ack-of-our-fin", text: "The ACK of our FIN arrives" }, misconception: "confuses-close-wait-and-last-ack" },
        { id: "time-wait", left: "TIME-WAIT", right: { id: "timer", text: "A timer expires" }, misconception: "thinks-time-wait-waits-for-data" },
      ],
      distractors: [{ id: "kernel-sends-ack", text: "The kernel sends the ACK of the peer's FIN", misconception: "thinks-close-wait-means-ack-not-sent" }],
    },
    {
      id: "recv-q-one",
      type: "single",
      concept: "teardown-states",
      prompt: "`ss -tanp state close-wait` shows a socket with Recv-Q 1. What is the 1?",
      explanation:
        "The peer's FIN occupies one sequence number and is counted until the application reads end-of-file. Recv-Q 1 in CLOSE-WAIT means the program has not even read to the end; 0 means it read end-of-file and still did not close.",
      options: [
        {
          id: "unread-fin",
          text: "The peer's FIN, which the application has not read yet",
          correct: true,
          feedback: "Yes: the program is not reading this connection at all.",
        },
        {
          id: "one-byte",
          text: "One byte of data that the peer sent after its FIN",
          correct: false,
          feedback: "Nothing can follow a FIN in its direction: the peer said it has finished sending.",
          misconception: "thinks-data-can-follow-fin",
        },
        {
          id: "pending-ack",
          text: "One ACK that the kernel still has to send",
          correct: false,
          feedback: "Recv-Q counts received sequence space the application has not read, not segments to send — and the ACK was sent long ago.",
          misconception: "thinks-close-wait-means-ack-not-sent",
        },
        {
          id: "one-connection",
          text: "One connection waiting in the accept queue",
          correct: false,
          feedback: "That meaning of Recv-Q applies to LISTEN sockets only.",
          misconception: "confuses-listen-and-connection-queues",
        },
      ],
    },
  ],
});
