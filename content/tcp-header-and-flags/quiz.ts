import "server-only";
import { defineQuiz } from "@/domain/quiz/schema";

/** Lesson 1: the flags, the ack-valid rule, and sequence-number arithmetic around SYN, data and FIN. */
export default defineQuiz({
  id: "tcp-header-and-flags",
  lessonSlug: "tcp-header-and-flags",
  title: "Check your understanding: the header and its flags",
  passThreshold: 0.7,
  questions: [
    {
      id: "syn-without-ack",
      type: "single",
      concept: "flags",
      prompt: "A segment arrives with SYN set and ACK clear. What is it?",
      explanation:
        "SYN proposes an initial sequence number. Alone it is the opening move of an active open; the passive side answers with SYN and ACK together, because it must also acknowledge the number it was offered.",
      options: [
        {
          id: "connection-request",
          text: "A connection request from the side that opens the connection",
          correct: true,
          feedback: "Yes: a bare SYN is the very first segment of a connection.",
        },
        {
          id: "connection-acceptance",
          text: "The server accepting a connection",
          correct: false,
          feedback: "The acceptance also acknowledges the client's ISN, so it has ACK set as well: SYN+ACK.",
          misconception: "confuses-syn-and-syn-ack",
        },
        {
          id: "close-request",
          text: "A request to close the connection",
          correct: false,
          feedback: "Closing is announced with FIN, not SYN.",
          misconception: "confuses-syn-with-fin",
        },
        {
          id: "abort",
          text: "An abort of the connection",
          correct: false,
          feedback: "Aborting is what RST does; SYN synchronises sequence numbers.",
          misconception: "confuses-syn-with-rst",
        },
      ],
    },
    {
      id: "ack-field-valid",
      type: "single",
      concept: "flags",
      prompt: "When must a receiver take the 32-bit acknowledgment number field into account?",
      explanation:
        "The ack-valid rule: the acknowledgment field means something only while the ACK bit is set. With ACK clear the 32 bits are there anyway, but they carry no information and are skipped.",
      options: [
        {
          id: "when-ack-set",
          text: "Only when the ACK flag is set",
          correct: true,
          feedback: "Right: the ACK flag is what makes the field meaningful.",
        },
        {
          id: "always",
          text: "Always: every segment acknowledges something",
          correct: false,
          feedback: "The field is always present in the header, but with ACK clear its value is meaningless.",
          misconception: "thinks-ack-field-always-valid",
        },
        {
          id: "only-handshake",
          text: "Only during the three-way handshake",
          correct: false,
          feedback: "Acknowledgments continue for the whole life of the connection, not just while it opens.",
          misconception: "thinks-ack-number-only-in-handshake",
        },
        {
          id: "only-with-data",
          text: "Only when the segment carries data",
          correct: false,
          feedback: "A pure ACK carries no data and its acknowledgment number is exactly what matters in it.",
          misconception: "thinks-ack-needs-data",
        },
      ],
    },
    {
      id: "segments-with-ack",
      type: "multiple",
      concept: "flags",
      prompt: "In a normal connection that opens, exchanges data and closes, which of these segments are sent with the ACK flag set? Select all that apply.",
      explanation:
        "Once a connection is synchronised every segment carries ACK, so the acknowledgment number is always up to date. Of the segments listed, only the client's opening SYN goes out with ACK clear: it has nothing to acknowledge yet.",
      options: [
        {
          id: "client-first-syn",
          text: "The client's first SYN",
          correct: false,
          feedback: "The first SYN has nothing to acknowledge: it is sent with ACK clear.",
          misconception: "thinks-first-syn-carries-ack",
        },
        {
          id: "server-syn-ack",
          text: "The server's SYN+ACK",
          correct: true,
          feedback: "The server's SYN+ACK acknowledges the client's ISN.",
          missedMisconception: "thinks-synack-has-no-ack",
        },
        {
          id: "data-segment",
          text: "A data segment in the middle of the connection",
          correct: true,
          feedback: "Data segments carry ACK too: each one also tells the peer how much of its data has arrived.",
          missedMisconception: "thinks-ack-only-on-pure-acks",
        },
        {
          id: "client-fin",
          text: "The client's FIN when it closes",
          correct: true,
          feedback: "A FIN sent on a synchronised connection has ACK set (tcpdump shows it as [F.]).",
          missedMisconception: "thinks-fin-segments-carry-no-ack",
        },
      ],
    },
    {
      id: "flags-syn-ack",
      type: "flags",
      concept: "flags",
      prompt: "Set the flags of this segment.",
      segment: "A server listening on port 443 receives a client's SYN. Build the server's reply that accepts the connection.",
      expected: ["SYN", "ACK"],
      explanation:
        "Accepting takes two things at once: proposing the server's own initial sequence number (SYN) and acknowledging the client's (ACK, with ack = client ISN + 1). Nothing is being closed, aborted or pushed.",
      wrongBit: {
        SYN: {
          feedback: "Without SYN the server never proposes its own initial sequence number, so its direction is never synchronised.",
          misconception: "forgets-server-sends-its-own-syn",
        },
        ACK: {
          feedback: "The reply must acknowledge the client's SYN, and the acknowledgment number only counts when ACK is set.",
          misconception: "thinks-synack-has-no-ack",
        },
        FIN: {
          feedback: "FIN announces that the sender has finished sending; a connection being accepted has not even started.",
          misconception: "confuses-fin-with-syn",
        },
        RST: {
          feedback: "RST would refuse the connection. A listening port accepts it.",
          misconception: "thinks-listening-port-resets",
        },
        PSH: {
          feedback: "PSH asks for prompt delivery of data; the handshake carries no data to push.",
          misconception: "thinks-psh-needed-in-handshake",
        },
      },
    },
    {
      id: "flags-client-fin",
      type: "flags",
      concept: "flags",
      prompt: "Set the flags of this segment.",
      segment:
        "A client has sent its request on an established connection and calls `shutdown(fd, SHUT_WR)` to say it will send nothing more. Build the segment that announces this.",
      expected: ["FIN", "ACK"],
      explanation:
        "Ending one direction is FIN's job. The connection is synchronised, so the segment also carries ACK with the current acknowledgment number; tcpdump prints this pair as [F.].",
      wrongBit: {
        FIN: {
          feedback: "Without FIN the server cannot know that the client has finished sending.",
          misconception: "forgets-fin-ends-a-direction",
        },
        ACK: {
          feedback: "After the handshake every segment carries ACK, a FIN included.",
          misconception: "thinks-fin-segments-carry-no-ack",
        },
        SYN: {
          feedback: "SYN opens a direction by proposing a sequence number; here a direction is being closed.",
          misconception: "confuses-fin-with-syn",
        },
        RST: {
          feedback: "RST aborts the whole connection at once. An orderly end of one direction is a FIN, and the server may still reply.",
          misconception: "thinks-close-sends-rst",
        },
        PSH: {
          feedback: "PSH concerns data delivery; this segment carries no data.",
          misconception: "thinks-fin-needs-psh",
        },
      },
    },
    {
      id: "flags-refused",
      type: "flags",
      concept: "flags",
      prompt: "Set the flags of this segment.",
      segment: "A SYN arrives at a port where nothing listens. Build the reply a Linux host sends back.",
      expected: ["RST", "ACK"],
      explanation:
        "Nothing listens, so the host refuses with a reset. The SYN it answers carried no ACK, so RFC 9293 §3.5.2 has the reset use seq 0 and acknowledge the SYN (ack = its seq + 1) with ACK set: tcpdump shows [R.].",
      wrongBit: {
        RST: {
          feedback: "Without RST the client would not learn that the connection is refused; connect() fails with ECONNREFUSED because of the reset.",
          misconception: "thinks-closed-port-stays-silent",
        },
        ACK: {
          feedback: "This reset answers a segment without ACK, so it acknowledges the SYN and has ACK set. A reset that answers a segment carrying an ACK is the one that takes its seq from that ACK and goes without one.",
          misconception: "thinks-reset-never-carries-ack",
        },
        SYN: {
          feedback: "SYN would accept the connection, but nothing listens on the port.",
          misconception: "thinks-closed-port-accepts",
        },
        FIN: {
          feedback: "There is no connection to close in an orderly way; refusing it is a reset.",
          misconception: "confuses-fin-with-rst",
        },
        PSH: {
          feedback: "The reset carries no data, so there is nothing to push.",
          misconception: "thinks-psh-needed-in-handshake",
        },
      },
    },
    {
      id: "fin-meaning",
      type: "single",
      concept: "flags",
      prompt: "What does a FIN tell its receiver?",
      explanation:
        "TCP is full duplex and FIN closes only the sender's half of the byte stream. The receiver keeps its own direction open for as long as it needs; the connection is gone only when both halves have been closed and acknowledged.",
      options: [
        {
          id: "sender-done",
          text: "The sender has no more data to send; the other direction may stay open",
          correct: true,
          feedback: "Exactly: a FIN ends one direction, which can leave the connection half-closed for a while.",
        },
        {
          id: "both-closed",
          text: "The connection is now closed in both directions",
          correct: false,
          feedback: "That is the source article's wording, corrected in the lesson: one FIN ends only its sender's direction.",
          misconception: "thinks-fin-closes-both-directions",
        },
        {
          id: "stop-sending",
          text: "The receiver must stop sending immediately",
          correct: false,
          feedback: "The receiver may keep sending; the FIN's sender keeps receiving and acknowledging.",
          misconception: "thinks-fin-stops-peer-sending",
        },
        {
          id: "discard-data",
          text: "The connection is aborted and data in flight is discarded",
          correct: false,
          feedback: "Discarding and aborting is RST's behaviour. A FIN comes after all of its sender's data, in order.",
          misconception: "confuses-fin-with-rst",
        },
      ],
    },
    {
      id: "synack-ack-number",
      type: "number",
      concept: "sequence-numbers",
      generator: "synack-ack",
      prompt: "The client's SYN carries seq {clientIsn}. What acknowledgment number does the server put in its SYN+ACK?",
      explanation: "The SYN occupies one sequence number, so the next number the server expects is {clientIsn} + 1 = {answer}.",
      misconception: "miscounts-sequence-space",
      mistakes: [
        {
          offset: -1,
          feedback: "That is the client's ISN itself. The SYN used that number up, so the server acknowledges the next one.",
          misconception: "forgets-syn-consumes-a-sequence-number",
        },
        {
          offset: 2,
          feedback: "One too many: the SYN consumes exactly one sequence number.",
          misconception: "miscounts-sequence-space",
        },
      ],
    },
    {
      id: "data-ack-number",
      type: "number",
      concept: "sequence-numbers",
      generator: "data-ack",
      payload: { min: 2, max: 1400 },
      prompt:
        "After the handshake the client sends {bytes} bytes in one segment whose seq is {dataSeq}. What acknowledgment number does the server send back for them?",
      explanation: "The acknowledgment names the next byte expected: {dataSeq} + {bytes} = {answer}. It is cumulative, so it also covers everything before.",
      misconception: "miscounts-sequence-space",
      mistakes: [
        {
          offset: -1,
          feedback: "You acknowledged the last byte received; TCP acknowledges the next byte it expects.",
          misconception: "thinks-ack-names-last-byte-received",
        },
        {
          offset: 1,
          feedback: "Only SYN and FIN add an extra sequence number; plain data counts its bytes and nothing more.",
          misconception: "thinks-data-consumes-an-extra-number",
        },
      ],
    },
    {
      id: "fin-ack-relative",
      type: "number",
      concept: "sequence-numbers",
      generator: "fin-ack",
      numbering: "relative",
      payload: { min: 2, max: 500 },
      prompt:
        "Numbers here are relative, as tcpdump prints them. The client sent {bytes} bytes and then a FIN with seq {finSeq}. What acknowledgment number does the server's reply to the FIN carry?",
      explanation: "Like SYN, FIN consumes one sequence number, so the FIN with seq {finSeq} is acknowledged with {finSeq} + 1 = {answer}.",
      misconception: "miscounts-sequence-space",
      mistakes: [
        {
          offset: -1,
          feedback: "That acknowledges the data but not the FIN: the FIN itself takes a sequence number.",
          misconception: "forgets-fin-consumes-a-sequence-number",
        },
      ],
    },
    {
      id: "tcpdump-letters",
      type: "match",
      concept: "flags",
      prompt: "tcpdump writes flags as letters. Match each letter with the flag it stands for.",
      explanation:
        "tcpdump abbreviates S for SYN, F for FIN, R for RST, P for PSH and a dot for ACK, so [S.] reads SYN+ACK and [P.] a pushed data segment that acknowledges.",
      pairs: [
        { id: "letter-s", left: "S", right: { id: "flag-syn", text: "SYN" }, misconception: "misreads-tcpdump-flag-letters" },
        { id: "letter-f", left: "F", right: { id: "flag-fin", text: "FIN" }, misconception: "misreads-tcpdump-flag-letters" },
        { id: "letter-r", left: "R", right: { id: "flag-rst", text: "RST" }, misconception: "misreads-tcpdump-flag-letters" },
        { id: "letter-p", left: "P", right: { id: "flag-psh", text: "PSH" }, misconception: "misreads-tcpdump-flag-letters" },
        { id: "letter-dot", left: ". (a dot)", right: { id: "flag-ack", text: "ACK" }, misconception: "thinks-dot-means-no-flags" },
      ],
      distractors: [{ id: "no-flags", text: "No flags at all", misconception: "thinks-dot-means-no-flags" }],
    },
    {
      id: "capture-order",
      type: "order",
      concept: "flags",
      prompt: "Put these segments of a capture in the order they were sent: a connection opens and the client sends two bytes.",
      explanation:
        "The handshake comes first (SYN, then SYN+ACK, then the client's ACK); only then can data flow, and its acknowledgment comes last.",
      items: [
        { id: "client-syn", text: "Flags [S], seq 3910699507" },
        { id: "server-syn-ack", text: "Flags [S.], seq 1719150564, ack 3910699508" },
        { id: "client-handshake-ack", text: "Flags [.], ack 1" },
        { id: "client-data", text: "Flags [P.], seq 1:3, ack 1, length 2" },
        { id: "server-data-ack", text: "Flags [.], ack 3" },
      ],
      misconception: "misorders-handshake-segments",
      mistakes: [
        {
          first: "client-data",
          then: "client-handshake-ack",
          feedback: "Data follows the handshake: the client's ACK of the SYN+ACK completes it before the first data segment.",
          misconception: "thinks-data-precedes-handshake-ack",
        },
        {
          first: "server-syn-ack",
          then: "client-syn",
          feedback: "The SYN+ACK answers the client's SYN, so it cannot come first.",
          misconception: "confuses-syn-and-syn-ack",
        },
      ],
    },
  ],
});
