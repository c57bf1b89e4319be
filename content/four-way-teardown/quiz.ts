import "server-only";
import { defineQuiz } from "@/domain/quiz/schema";

/** Lesson 3: the segments of a close, why four, half-close and the three-segment close. */
export default defineQuiz({
  id: "four-way-teardown",
  lessonSlug: "four-way-teardown",
  title: "Check your understanding: the four-way teardown",
  passThreshold: 0.7,
  questions: [
    {
      id: "why-four",
      type: "single",
      concept: "teardown-states",
      prompt: "The server's SYN and ACK travel together in the handshake. Why do the passive closer's ACK and FIN usually travel apart?",
      explanation:
        "The kernel acknowledges a FIN on its own, but it sends its own FIN only when the application calls close() or shutdown(). Until the application has finished sending, the ACK must go alone. In the handshake both the SYN and the ACK are the kernel's decision.",
      options: [
        {
          id: "fin-needs-application",
          text: "The ACK is sent by the kernel at once, but the FIN only when the application closes, which may be later",
          correct: true,
          feedback: "Yes: the second FIN is the application's decision, and it may still have data to send.",
        },
        {
          id: "fin-and-ack-incompatible",
          text: "The FIN and ACK flags are not allowed in the same segment",
          correct: false,
          feedback: "They are: after the handshake every segment carries ACK, including every FIN ([F.] in tcpdump).",
          misconception: "thinks-fin-and-ack-cannot-combine",
        },
        {
          id: "server-must-wait-2msl",
          text: "The server must wait 2MSL after the client's FIN before sending its own",
          correct: false,
          feedback: "2MSL is the length of TIME-WAIT, which comes at the very end, on the active closer. No such wait exists before the second FIN.",
          misconception: "confuses-time-wait-with-close-wait",
        },
        {
          id: "ack-confirms-close",
          text: "Because the first ACK already closes both directions, so the FIN is only a formality",
          correct: false,
          feedback: "The ACK only confirms the peer's FIN. The acknowledging side's direction stays open until it sends its own FIN.",
          misconception: "thinks-one-fin-closes-both-directions",
        },
      ],
    },
    {
      id: "teardown-order",
      type: "order",
      concept: "teardown-states",
      prompt: "The client closes first and the server closes half a second later. Put the segments in the order they are sent.",
      explanation:
        "Client FIN (client → FIN-WAIT-1, server → CLOSE-WAIT), the server kernel's ACK (client → FIN-WAIT-2), the server's FIN when its application closes (server → LAST-ACK), the client's ACK (client → TIME-WAIT, server → CLOSED).",
      items: [
        { id: "client-fin", text: "Client → server: FIN" },
        { id: "server-ack", text: "Server → client: ACK of the client's FIN" },
        { id: "server-fin", text: "Server → client: FIN" },
        { id: "client-ack", text: "Client → server: ACK of the server's FIN" },
      ],
      misconception: "misorders-teardown",
      mistakes: [
        {
          first: "server-fin",
          then: "server-ack",
          feedback: "The server's kernel acknowledges the FIN right away; its own FIN waits for the application, half a second later.",
          misconception: "thinks-passive-closer-sends-fin-first",
        },
        {
          first: "client-ack",
          then: "server-fin",
          feedback: "The client's last ACK acknowledges the server's FIN, so it cannot come before it.",
          misconception: "misorders-teardown",
        },
      ],
    },
    {
      id: "teardown-state",
      type: "state",
      concept: "teardown-states",
      prompt: "Here is the end of a connection. Which state is the {host} in right after segment {segment}?",
      explanation:
        "Active closer: FIN-WAIT-1 after sending its FIN, FIN-WAIT-2 when it is acknowledged, TIME-WAIT after acknowledging the peer's FIN. Passive closer: CLOSE-WAIT on receiving the FIN, LAST-ACK after sending its own, CLOSED when that is acknowledged. Here: {answer}.",
      source: { kind: "generator", generator: "teardown", variants: ["active-close", "half-close"] },
      misconception: "confuses-teardown-states",
      wrongState: {
        "FIN-WAIT-2": {
          feedback: "FIN-WAIT-2 is the active closer after its FIN was acknowledged, waiting for the peer's FIN.",
          misconception: "confuses-close-wait-and-fin-wait",
        },
        "CLOSE-WAIT": {
          feedback: "CLOSE-WAIT is the passive closer: it received the peer's FIN and its own application has not closed yet.",
          misconception: "confuses-close-wait-and-fin-wait",
        },
        "TIME-WAIT": {
          feedback: "TIME-WAIT comes only after the active closer has acknowledged the peer's FIN.",
          misconception: "thinks-time-wait-starts-at-first-fin",
        },
      },
    },
    {
      id: "ack-of-client-fin",
      type: "number",
      concept: "sequence-numbers",
      generator: "fin-ack",
      numbering: "relative",
      payload: { min: 10, max: 1400 },
      prompt:
        "After the handshake the client sends {bytes} bytes (relative sequence numbers 1 to {bytes}) and then closes. What acknowledgment number (relative) does the server's reply to the client's FIN carry?",
      explanation: "The FIN comes after the data, at relative sequence number {bytes} + 1 = {finSeq}, and occupies one number, so it is acknowledged with {answer}.",
      misconception: "miscounts-sequence-space",
      mistakes: [
        {
          offset: -1,
          feedback: "That acknowledges the data but not the FIN. Like a SYN, the FIN occupies one sequence number.",
          misconception: "forgets-fin-consumes-a-sequence-number",
        },
      ],
    },
    {
      id: "piggybacked-close",
      type: "flags",
      concept: "flags",
      prompt: "Set the flags of this segment.",
      segment:
        "On Linux, a FIN arrives and the receiving application reads end-of-file and calls close() a fraction of a millisecond later, before any acknowledgment has been sent. What does the receiver send?",
      explanation:
        "Its ACK had not left yet, so the kernel puts it into its own FIN: one [F.] segment that closes its direction and acknowledges the peer's FIN. The close takes three segments.",
      expected: ["FIN", "ACK"],
      wrongBit: {
        SYN: { feedback: "SYN opens connections; nothing is being opened.", misconception: "confuses-syn-with-fin" },
        ACK: {
          feedback: "The segment must acknowledge the peer's FIN — and after the handshake every segment carries ACK anyway.",
          misconception: "thinks-fin-and-ack-cannot-combine",
        },
        FIN: { feedback: "The application called close(), so the kernel sends its FIN.", misconception: "thinks-close-sends-only-ack" },
        RST: {
          feedback: "An orderly close() with all data read sends a FIN. A reset would come from SO_LINGER 0 or unread data.",
          misconception: "thinks-close-sends-rst",
        },
        PSH: { feedback: "PSH is for data; this segment carries none.", misconception: "thinks-fin-needs-psh" },
      },
    },
    {
      id: "after-shutdown",
      type: "single",
      concept: "teardown-states",
      prompt: "A client calls shutdown(fd, SHUT_WR) after sending its request and keeps the socket open. What can happen next?",
      explanation:
        "shutdown(SHUT_WR) sends a FIN for the client's direction only. The server reads end-of-file on its side, but it may keep sending; the client, in FIN-WAIT-2, keeps receiving and acknowledging until the server's FIN arrives.",
      options: [
        {
          id: "server-keeps-sending",
          text: "The server can keep sending its answer, and the client keeps receiving it until the server's FIN",
          correct: true,
          feedback: "Right: this is a half-closed connection (RFC 9293 §3.6.1).",
        },
        {
          id: "both-closed",
          text: "Nothing more: the connection is closed in both directions",
          correct: false,
          feedback: "A FIN closes one direction. close() gives up both; shutdown(SHUT_WR) only the sending one.",
          misconception: "thinks-one-fin-closes-both-directions",
        },
        {
          id: "server-gets-reset",
          text: "Any data the server sends is answered with a reset",
          correct: false,
          feedback: "That happens after close(), when nobody can read any more. After shutdown(SHUT_WR) the client still reads.",
          misconception: "confuses-shutdown-and-close",
        },
        {
          id: "client-can-send",
          text: "The client can still send more data if it needs to",
          correct: false,
          feedback: "Its FIN said it has finished sending; after shutdown(SHUT_WR) further sends fail with EPIPE.",
          misconception: "thinks-fin-sender-can-send",
        },
      ],
    },
    {
      id: "three-segment-close",
      type: "single",
      concept: "teardown-states",
      prompt:
        "A capture shows a close in three segments: `[F.] seq 101, ack 1`, then `[F.] seq 1, ack 102`, then `[.] ack 2` (relative numbers). What does that tell you?",
      explanation:
        "The passive side's application closed before its kernel had sent the ACK of the peer's FIN, so the ACK rode in its FIN. The active closer then went from FIN-WAIT-1 straight to TIME-WAIT.",
      options: [
        {
          id: "passive-closed-quickly",
          text: "The passive side closed right after reading end-of-file, so its ACK travelled inside its FIN",
          correct: true,
          feedback: "Yes. Nothing is missing; the middle two segments were merged.",
        },
        {
          id: "ack-lost",
          text: "An ACK was lost and the capture missed it",
          correct: false,
          feedback: "The second [F.] carries ack 102: it acknowledges the first FIN (seq 101) itself, so no ACK is missing.",
          misconception: "thinks-three-segment-close-lost-ack",
        },
        {
          id: "simultaneous",
          text: "Both sides closed at exactly the same moment",
          correct: false,
          feedback: "In a simultaneous close neither FIN acknowledges the other (here the second FIN would not carry ack 102) and each is acknowledged separately: four segments, through CLOSING.",
          misconception: "confuses-piggyback-with-simultaneous-close",
        },
        {
          id: "no-time-wait",
          text: "The connection was aborted, so nobody enters TIME-WAIT",
          correct: false,
          feedback: "An abort is a reset, [R.]. This is an orderly close; the active closer still enters TIME-WAIT.",
          misconception: "confuses-close-and-abort",
        },
      ],
    },
  ],
});
