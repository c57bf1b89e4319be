import { parseQuiz, type QuestionInput, type Quiz } from "@/domain/quiz/schema";

/** A small valid quiz with one question of each static type, for grader and projection tests. */
export const sampleQuestions = {
  single: {
    id: "single-q",
    type: "single",
    concept: "flags",
    prompt: "Which flag opens a connection?",
    explanation: "EXPLAIN-single: SYN synchronises sequence numbers.",
    options: [
      { id: "opt-syn", text: "SYN", correct: true, feedback: "FEEDBACK-syn-right" },
      { id: "opt-fin", text: "FIN", correct: false, feedback: "FEEDBACK-fin-wrong", misconception: "confuses-syn-with-fin" },
      { id: "opt-rst", text: "RST", correct: false, feedback: "FEEDBACK-rst-wrong", misconception: "confuses-syn-with-rst" },
    ],
  },
  multiple: {
    id: "multiple-q",
    type: "multiple",
    concept: "flags",
    prompt: "Which segments carry ACK?",
    explanation: "EXPLAIN-multiple",
    options: [
      { id: "first-syn", text: "First SYN", correct: false, feedback: "FEEDBACK-first-syn", misconception: "thinks-first-syn-carries-ack" },
      { id: "syn-ack", text: "SYN+ACK", correct: true, feedback: "FEEDBACK-syn-ack", missedMisconception: "thinks-synack-has-no-ack" },
      { id: "fin", text: "FIN", correct: true, feedback: "FEEDBACK-fin" },
    ],
  },
  flags: {
    id: "flags-q",
    type: "flags",
    concept: "flags",
    prompt: "Set the flags.",
    segment: "The server accepts a connection.",
    expected: ["SYN", "ACK"],
    explanation: "EXPLAIN-flags",
    wrongBit: {
      SYN: { feedback: "FEEDBACK-bit-syn", misconception: "forgets-server-syn" },
      ACK: { feedback: "FEEDBACK-bit-ack", misconception: "thinks-synack-has-no-ack" },
      FIN: { feedback: "FEEDBACK-bit-fin", misconception: "confuses-fin-with-syn" },
      RST: { feedback: "FEEDBACK-bit-rst", misconception: "thinks-listening-port-resets" },
      PSH: { feedback: "FEEDBACK-bit-psh", misconception: "thinks-psh-needed" },
    },
  },
  order: {
    id: "order-q",
    type: "order",
    concept: "teardown-states",
    prompt: "Order the close.",
    explanation: "EXPLAIN-order",
    items: [
      { id: "client-fin", text: "Client FIN" },
      { id: "server-ack", text: "Server ACK" },
      { id: "server-fin", text: "Server FIN" },
      { id: "client-ack", text: "Client ACK" },
    ],
    misconception: "misorders-teardown",
    mistakes: [{ first: "server-fin", then: "server-ack", feedback: "FEEDBACK-order-fin-first", misconception: "thinks-passive-closer-sends-fin-first" }],
  },
  match: {
    id: "match-q",
    type: "match",
    concept: "sysctls",
    prompt: "Match the sysctls.",
    explanation: "EXPLAIN-match",
    pairs: [
      { id: "fin-timeout", left: "tcp_fin_timeout", right: { id: "orphan-fin-wait-2", text: "Orphaned FIN-WAIT-2 lifetime" }, misconception: "thinks-fin-timeout-sets-time-wait" },
      { id: "tw-reuse", left: "tcp_tw_reuse", right: { id: "reuse-outgoing", text: "Reuse TIME-WAIT ports for outgoing connections" }, misconception: "thinks-tw-reuse-affects-incoming" },
    ],
    distractors: [{ id: "time-wait-length", text: "Length of TIME-WAIT", misconception: "thinks-time-wait-length-is-tunable" }],
  },
  number: {
    id: "number-q",
    type: "number",
    concept: "sequence-numbers",
    generator: "data-ack",
    prompt: "ISN {clientIsn}, {bytes} bytes: what ack?",
    explanation: "EXPLAIN-number {answer}",
    misconception: "miscounts-sequence-space",
    mistakes: [{ offset: -1, feedback: "FEEDBACK-off-by-one {answer}", misconception: "thinks-ack-names-last-byte-received" }],
  },
  state: {
    id: "state-q",
    type: "state",
    concept: "teardown-states",
    prompt: "Which state is the {host} in after segment {segment}?",
    explanation: "EXPLAIN-state {answer}",
    source: {
      kind: "scenario",
      scenario: {
        actions: [
          { at: 0, host: "server", do: "listen" },
          { at: 1, host: "client", do: "connect" },
          { at: 100, host: "client", do: "close" },
        ],
      },
      host: "server",
      segment: 4,
    },
    misconception: "confuses-teardown-states",
    wrongState: { "FIN-WAIT-1": { feedback: "FEEDBACK-state-fin-wait-1", misconception: "thinks-fin-receiver-enters-fin-wait" } },
  },
} satisfies Record<string, QuestionInput>;

export function sampleQuiz(questions: QuestionInput[] = Object.values(sampleQuestions), overrides: Record<string, unknown> = {}): Quiz {
  return parseQuiz({ id: "sample-quiz", lessonSlug: "tcp-header-and-flags", title: "Sample", passThreshold: 0.5, questions, ...overrides });
}
