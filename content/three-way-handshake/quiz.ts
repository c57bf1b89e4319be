import "server-only";
import { defineQuiz } from "@/domain/quiz/schema";

/** Lesson 2: the handshake's segments, numbers and states, and why it takes three segments. */
export default defineQuiz({
  id: "three-way-handshake",
  lessonSlug: "three-way-handshake",
  title: "Check your understanding: the three-way handshake",
  passThreshold: 0.7,
  questions: [
    {
      id: "handshake-state",
      type: "state",
      concept: "handshake-states",
      prompt: "Here is the start of a connection. Which state is the {host} in right after segment {segment}?",
      explanation:
        "The client enters SYN-SENT when it sends its SYN and ESTABLISHED when it sends the final ACK; the server moves from LISTEN to SYN-RECEIVED on the SYN and to ESTABLISHED when the final ACK arrives. Here the answer is {answer}.",
      source: { kind: "generator", generator: "handshake" },
      choices: ["CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"],
      misconception: "confuses-handshake-states",
      wrongState: {
        "SYN-SENT": {
          feedback: "SYN-SENT is the side that sent a SYN and waits for the SYN+ACK: only the client, between its SYN and the server's answer.",
          misconception: "confuses-syn-sent-and-syn-received",
        },
        "SYN-RECEIVED": {
          feedback: "SYN-RECEIVED is the server between receiving the SYN and receiving the final ACK. The client never passes through it in a normal handshake.",
          misconception: "confuses-syn-sent-and-syn-received",
        },
        LISTEN: {
          feedback: "LISTEN is the server's state before any SYN has arrived. Once a SYN arrives the connection has its own state.",
          misconception: "thinks-server-stays-in-listen",
        },
      },
    },
    {
      id: "synack-ack-number",
      type: "number",
      concept: "sequence-numbers",
      generator: "synack-ack",
      numbering: "absolute",
      prompt: "The client's SYN carries the initial sequence number {clientIsn}. What acknowledgment number does the server put in its SYN+ACK?",
      explanation: "The SYN occupies one sequence number, so the next number the server expects is {clientIsn} + 1 = {answer}.",
      misconception: "miscounts-sequence-space",
      mistakes: [
        {
          offset: -1,
          feedback: "That is the client's ISN itself. The acknowledgment number is the next number expected, and the SYN used up the ISN.",
          misconception: "forgets-syn-consumes-a-sequence-number",
        },
      ],
    },
    {
      id: "flags-of-the-reply",
      type: "flags",
      concept: "flags",
      prompt: "Set the flags of this segment.",
      segment: "The server's reply to a client's SYN on a port where an application listens.",
      explanation:
        "The server proposes its own initial sequence number (SYN) and acknowledges the client's (ACK) in the same segment: a SYN+ACK. Only the client's very first SYN has ACK clear.",
      expected: ["SYN", "ACK"],
      wrongBit: {
        SYN: { feedback: "The reply must carry SYN: the server has to announce its own initial sequence number.", misconception: "thinks-only-client-sends-syn" },
        ACK: { feedback: "The reply must carry ACK: it acknowledges the client's SYN with ack = client ISN + 1.", misconception: "confuses-syn-and-syn-ack" },
        FIN: { feedback: "FIN closes a direction of the stream; nothing is being closed here.", misconception: "confuses-syn-with-fin" },
        RST: { feedback: "A reset is the answer when nothing listens on the port. Here an application listens.", misconception: "thinks-listener-resets-syn" },
        PSH: { feedback: "PSH asks for prompt delivery of data; a SYN+ACK normally carries no data.", misconception: "thinks-psh-needed-in-handshake" },
      },
    },
    {
      id: "why-three",
      type: "single",
      concept: "handshake-states",
      prompt: "Why does TCP need a third segment instead of considering the connection open once the server has sent its SYN+ACK?",
      explanation:
        "RFC 9293 §3.5: the handshake exists mainly to keep old duplicate SYNs from opening connections. With the third segment the client confirms that the SYN+ACK answers its current SYN, and the server learns that its own ISN arrived. Both ISNs are then sent and acknowledged.",
      options: [
        {
          id: "duplicates-and-isns",
          text: "So that an old duplicate SYN cannot open a connection, and the server learns its own initial sequence number arrived",
          correct: true,
          feedback: "Yes: the third segment is the client's confirmation, which an old SYN's sender would not give.",
        },
        {
          id: "room-for-data",
          text: "So that the client has a segment in which to send its first data",
          correct: false,
          feedback: "The final ACK may carry data, but that is a convenience, not the reason it exists. The client could just as well send data later.",
          misconception: "thinks-third-segment-exists-for-data",
        },
        {
          id: "measure-rtt",
          text: "So that both sides can measure the round-trip time before sending data",
          correct: false,
          feedback: "The handshake does give RTT samples, but TCP would measure RTT on data segments anyway. It is not why the handshake has three segments.",
          misconception: "thinks-handshake-measures-rtt",
        },
        {
          id: "server-needs-permission",
          text: "Because the server may only send data after the client has given permission twice",
          correct: false,
          feedback: "There is no such rule. The third segment acknowledges the server's SYN; that is all the permission involved.",
          misconception: "thinks-handshake-is-permission",
        },
      ],
    },
    {
      id: "old-duplicate-synack",
      type: "single",
      concept: "flags",
      prompt: "A client in SYN-SENT sent a SYN with sequence number 100. A SYN+ACK arrives with ack = 91. What does the client do?",
      explanation:
        "An acknowledgment of 91 answers a SYN with ISN 90 — an old duplicate, not the current attempt. The client sends a reset (seq = 91), the server's half-open connection goes back to LISTEN, and the real handshake goes on (RFC 9293 §3.5, Figure 8).",
      options: [
        {
          id: "sends-reset",
          text: "It sends a RST, so that the server drops the half-open connection made by an old SYN",
          correct: true,
          feedback: "Right: the acknowledgment does not match its SYN, so it resets that connection attempt.",
        },
        {
          id: "acks-anyway",
          text: "It acknowledges the SYN+ACK and becomes ESTABLISHED",
          correct: false,
          feedback: "It would then be connected on the strength of a SYN it never sent in this attempt: exactly the confusion the handshake prevents.",
          misconception: "thinks-client-accepts-any-synack",
        },
        {
          id: "ignores",
          text: "It silently ignores the segment and keeps waiting",
          correct: false,
          feedback: "Ignoring it would leave the server stuck in SYN-RECEIVED for an old connection attempt; the client tells it with a reset.",
          misconception: "thinks-bad-synack-is-ignored",
        },
        {
          id: "retransmits-syn",
          text: "It retransmits its SYN with sequence number 91",
          correct: false,
          feedback: "The client keeps its own ISN (100); it does not adopt numbers from an old attempt.",
          misconception: "thinks-client-adopts-peer-numbers",
        },
      ],
    },
    {
      id: "refused-reply",
      type: "flags",
      concept: "flags",
      prompt: "Set the flags of this segment.",
      segment: "What a Linux host sends back when a SYN arrives for a port on which nothing listens.",
      explanation:
        "A reset. Because the SYN carried no ACK, the reset has seq 0 and sets ACK, acknowledging the SYN's sequence number + 1 (RFC 9293 §3.5.2); tcpdump shows it as [R.]. The client's connect() fails with ECONNREFUSED.",
      expected: ["RST", "ACK"],
      wrongBit: {
        SYN: { feedback: "No connection is offered: there is no listener, so no SYN comes back.", misconception: "thinks-closed-port-answers-synack" },
        ACK: {
          feedback: "A reset that answers a segment without ACK carries ACK itself, acknowledging the SYN (seq 0, ack = ISN + 1).",
          misconception: "thinks-rst-never-carries-ack",
        },
        FIN: { feedback: "FIN ends an open direction; here no connection was ever opened.", misconception: "thinks-fin-refuses-connections" },
        RST: { feedback: "Refusing a connection is what RST is for.", misconception: "thinks-closed-port-stays-silent" },
        PSH: { feedback: "PSH concerns data delivery; a reset carries no data.", misconception: "thinks-psh-needed-in-handshake" },
      },
    },
    {
      id: "syn-sent-causes",
      type: "multiple",
      concept: "handshake-states",
      prompt:
        "`ss -tan` on a client shows a connection to 10.0.0.9:443 in SYN-SENT for several seconds. Which of these can cause it? Select every one that can.",
      explanation:
        "SYN-SENT means the client sent its SYN and has received nothing acceptable back: no SYN+ACK and no reset. Either the SYN (or the answer) is lost on the way — a firewall that drops it, a host that is down — or the server's kernel drops it on purpose: when a listener's accept queue is full, tcp_conn_request() drops new SYNs, so a server that stops calling accept() leaves new clients in SYN-SENT (recorded on Linux 6.18: listen(4), no accept(), ten clients, five stuck in SYN-SENT). The client keeps retransmitting its SYN either way.",
      options: [
        {
          id: "silently-dropped",
          text: "The SYN gets no answer at all — dropped by a firewall or a host that is down — and is being retransmitted",
          correct: true,
          feedback: "Yes: nothing comes back, so the client retransmits until connect() times out.",
          missedMisconception: "overlooks-silent-drop",
        },
        {
          id: "accept-queue-full",
          text: "The server application stopped calling accept() and its listener's accept queue is full",
          correct: true,
          feedback: "Yes: with the accept queue full, Linux drops new SYNs (even with SYN cookies), so the client hears nothing until there is room.",
          missedMisconception: "thinks-accept-queue-never-blocks-handshake",
        },
        {
          id: "refused",
          text: "Nothing listens on port 443 of the server",
          correct: false,
          feedback: "Then the server would answer with a reset and connect() would fail immediately with ECONNREFUSED; the socket would not linger in SYN-SENT.",
          misconception: "confuses-refused-and-unanswered",
        },
        {
          id: "waiting-final-ack",
          text: "The client is waiting for the server's final ACK",
          correct: false,
          feedback: "The final ACK is the client's, not the server's. SYN-SENT waits for the SYN+ACK.",
          misconception: "confuses-syn-sent-and-syn-received",
        },
      ],
    },
  ],
});
