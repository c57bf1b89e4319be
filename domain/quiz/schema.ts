/**
 * The quiz contract: how a quiz is authored (`quizSchema`), what the browser may see of it
 * (`PublicQuiz`, answer-free), what a learner sends back (`questionResponseSchema`) and what the
 * server answers after grading one question (`QuestionGrading`).
 *
 * Browser-safe and framework-free: zod only. Grading, variant generation and the public projection
 * live beside this file; nothing here runs the TCP engine (only its state names come from
 * domain/tcp/types.ts), so authoring a quiz never needs it. See docs/quizzes.md for a walk-through and a complete example.
 *
 * Stability: ids (quiz, question, option, item) are stored with every answer, so never rename or
 * reuse one; add a new question instead of changing what an existing id asks.
 */
import { z } from "zod";
import { parseStoredJson } from "../stored-json";
import { TCP_STATES } from "../tcp/types";

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/**
 * What a question trains. Mastery is tracked per concept, so pick the one a wrong answer says
 * the learner has not understood yet.
 * - `flags`: what SYN, ACK, FIN, RST and PSH mean and when they are set (including the
 *   ack-valid rule).
 * - `sequence-numbers`: seq/ack arithmetic (SYN and FIN consume one number, cumulative ACKs).
 *   Not in the original list of five; added because `number` questions test it and it is
 *   neither about flags nor about states.
 * - `handshake-states`: LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED and how the handshake moves
 *   between them.
 * - `teardown-states`: FIN-WAIT-1/2, CLOSE-WAIT, CLOSING, LAST-ACK and the segments of a close.
 * - `time-wait`: why TIME-WAIT exists, who enters it, 2MSL, what ends it.
 * - `sysctls`: the Linux knobs (tcp_fin_timeout, tcp_tw_reuse, tcp_max_syn_backlog, …).
 */
export const CONCEPTS = ["flags", "sequence-numbers", "handshake-states", "teardown-states", "time-wait", "sysctls"] as const;
export type Concept = (typeof CONCEPTS)[number];

/** Human labels for dashboards and feedback. */
export const CONCEPT_LABELS: Readonly<Record<Concept, string>> = {
  flags: "Flags",
  "sequence-numbers": "Sequence numbers",
  "handshake-states": "Handshake states",
  "teardown-states": "Teardown states",
  "time-wait": "TIME-WAIT",
  sysctls: "Linux sysctls",
};

/** The flag bits a `flags` question lets the learner toggle, in the order the UI shows them. */
export const QUIZ_FLAGS = ["SYN", "ACK", "FIN", "RST", "PSH"] as const;
export type QuizFlag = (typeof QUIZ_FLAGS)[number];

/** RFC 9293 state names (section 3.3.2), spelled as the TCP engine spells them. */
export const STATE_NAMES = TCP_STATES;
export type StateName = (typeof STATE_NAMES)[number];

export const HOST_NAMES = ["client", "server"] as const;
export type HostName = (typeof HOST_NAMES)[number];

export const QUESTION_TYPES = ["single", "multiple", "flags", "state", "number", "order", "match"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * Named generators for `number` questions. Each runs the TCP engine on a connection whose
 * initial sequence numbers (and payload sizes, where there is a payload) are drawn from the
 * attempt's seed, and reads the asked field from the engine's trace. `variables` are the
 * placeholders a prompt, explanation or feedback text may use as `{name}`.
 */
export const NUMBER_GENERATORS = {
  /** The acknowledgment number on the server's SYN+ACK (client ISN + 1). */
  "synack-ack": {
    summary: "ack on the server's SYN+ACK",
    variables: ["clientIsn", "serverIsn", "answer"],
  },
  /** The acknowledgment number of the server's ACK for the client's first `bytes` of data. */
  "data-ack": {
    summary: "ack the server sends for the client's data",
    variables: ["clientIsn", "serverIsn", "bytes", "dataSeq", "answer"],
  },
  /** The sequence number of the client's FIN after it sent `bytes` of data. */
  "fin-seq": {
    summary: "seq of the client's FIN after sending data",
    variables: ["clientIsn", "serverIsn", "bytes", "dataSeq", "answer"],
  },
  /** The acknowledgment number the server sends for the client's FIN (after `bytes` of data). */
  "fin-ack": {
    summary: "ack of the server's reply to the client's FIN",
    variables: ["clientIsn", "serverIsn", "bytes", "dataSeq", "finSeq", "answer"],
  },
} as const satisfies Record<string, { summary: string; variables: readonly string[] }>;
export type NumberGeneratorName = keyof typeof NUMBER_GENERATORS;
export const NUMBER_GENERATOR_NAMES = Object.keys(NUMBER_GENERATORS) as [NumberGeneratorName, ...NumberGeneratorName[]];

/**
 * Named generators for `state` questions: each picks, from the attempt's seed, a connection
 * story, a host and a segment, runs the TCP engine and asks for the host's state. Placeholders:
 * `{host}`, `{peer}`, `{segment}`, `{answer}` (explanations only).
 */
export const STATE_GENERATORS = {
  /** A three-way handshake; asks about segment 1, 2 or 3. */
  handshake: { summary: "a state during the three-way handshake" },
  /**
   * A close after an established connection, one of the `variants`: `active-close` (client
   * closes, server closes when it sees the FIN), `passive-close` (server closes first),
   * `simultaneous-close` (both close at once, both pass through CLOSING), `half-close` (client
   * shuts down its side, the server keeps sending, then closes).
   */
  teardown: { summary: "a state during a connection close" },
} as const satisfies Record<string, { summary: string }>;
export type StateGeneratorName = keyof typeof STATE_GENERATORS;
export const STATE_GENERATOR_NAMES = Object.keys(STATE_GENERATORS) as [StateGeneratorName, ...StateGeneratorName[]];
export const TEARDOWN_VARIANTS = ["active-close", "passive-close", "simultaneous-close", "half-close"] as const;
export type TeardownVariant = (typeof TEARDOWN_VARIANTS)[number];

/** Placeholders every `state` question may use. */
export const STATE_VARIABLES = ["host", "peer", "segment", "answer"] as const;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A stable identifier: lowercase kebab-case, up to 64 characters. Sent to the browser. */
export const idSchema = z
  .string()
  .max(64, "ids are at most 64 characters")
  .regex(KEBAB, 'ids are lowercase kebab-case, e.g. "syn-uses-one-number"')
  .refine((value) => !/(^|-)(correct|right|wrong|answer|true|false)(-|$)/.test(value), {
    message: "ids reach the browser before grading, so they must not say whether they are correct",
  });

/**
 * Names the wrong belief a wrong answer reveals, e.g. "thinks-fin-timeout-sets-time-wait".
 * Lowercase kebab-case; stored with every wrong answer so instructors can count them.
 */
export const misconceptionSchema = z
  .string()
  .max(80, "misconception tags are at most 80 characters")
  .regex(KEBAB, 'misconception tags are lowercase kebab-case, e.g. "thinks-fin-timeout-sets-time-wait"');

const text = z.string().trim().min(1, "must not be empty").max(2000, "at most 2000 characters");
const shortText = z.string().trim().min(1, "must not be empty").max(300, "at most 300 characters");

/** Feedback shown when the learner makes a particular mistake, and the belief it reveals. */
export const mistakeFeedbackSchema = z.object({ feedback: text, misconception: misconceptionSchema }).strict();
export type MistakeFeedback = z.infer<typeof mistakeFeedbackSchema>;

/**
 * An option of a `single` or `multiple` question. `feedback` is shown once the question is
 * submitted. Every wrong option (`correct: false`) needs a `misconception`; a correct option of a
 * `multiple` question may name `missedMisconception`, recorded when the learner leaves it out.
 */
export const choiceOptionSchema = z
  .object({
    id: idSchema,
    text: shortText,
    correct: z.boolean(),
    feedback: text,
    misconception: misconceptionSchema.optional(),
    missedMisconception: misconceptionSchema.optional(),
  })
  .strict();
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/** A segment (or any item) of an `order` question. */
export const orderItemSchema = z.object({ id: idSchema, text: shortText }).strict();

const uint32 = z.number().int().min(0).max(0xffffffff);
const time = z.number().finite().nonnegative().max(3_600_000);

/** An application call or a lost segment in a `state` question's scenario (engine `Action`). */
export const scenarioActionSchema = z.union([
  z.object({ at: time, host: z.enum(HOST_NAMES), do: z.enum(["listen", "connect", "shutdown", "close", "abort"]) }).strict(),
  z.object({ at: time, host: z.enum(HOST_NAMES), do: z.literal("send"), bytes: z.number().int().min(1).max(1_000_000) }).strict(),
  z.object({ at: time, do: z.literal("drop"), segment: z.number().int().min(1) }).strict(),
]);

/**
 * A fixed connection story for a `state` question: a subset of the TCP engine's scenario input
 * (see docs/tcp-engine.md), passed to `runScenario` as it is. ISNs are drawn from the attempt's
 * seed unless given; they do not change any state.
 */
export const quizScenarioSchema = z
  .object({
    profile: z.enum(["linux", "rfc9293"]).optional(),
    latencyMs: z.number().finite().min(0).max(10_000).optional(),
    isn: z.object({ client: uint32.optional(), server: uint32.optional() }).strict().optional(),
    sysctl: z.record(z.string(), z.union([z.number(), z.tuple([z.number(), z.number()])])).optional(),
    actions: z.array(scenarioActionSchema).min(1).max(50),
  })
  .strict();
export type QuizScenario = z.infer<typeof quizScenarioSchema>;

// ---------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------

const questionBase = {
  /** Stable and unique within the quiz; answers are stored under it. */
  id: idSchema,
  concept: z.enum(CONCEPTS),
  /** The question itself (plain text; `code` spans in backticks are rendered as code). */
  prompt: text,
  /** Why the answer is what it is; shown after the question is submitted, never before. */
  explanation: text,
};

/** Exactly one correct option. Options are shuffled per attempt unless `shuffle: false`. */
export const singleQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("single"),
    options: z.array(choiceOptionSchema).min(2, "needs at least 2 options").max(8, "at most 8 options"),
    shuffle: z.boolean().default(true),
  })
  .strict();

/** One or more correct options; right only when exactly the correct ones are selected. */
export const multipleQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("multiple"),
    options: z.array(choiceOptionSchema).min(2, "needs at least 2 options").max(8, "at most 8 options"),
    shuffle: z.boolean().default(true),
  })
  .strict();

/**
 * "Set the flags": the learner toggles SYN/ACK/FIN/RST/PSH for the described `segment`.
 * `expected` are the bits that must be set (the rest must be clear). `wrongBit` gives, for each of
 * the five bits, the feedback and misconception when the learner gets that bit wrong (set it
 * though it must be clear, or left it clear though it must be set).
 */
export const flagsQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("flags"),
    /** The segment to build, e.g. "The server's reply to a SYN on a port where it listens". */
    segment: text,
    expected: z.array(z.enum(QUIZ_FLAGS)).max(5),
    wrongBit: z.record(
      z.enum(QUIZ_FLAGS),
      z.object(mistakeFeedbackSchema.shape, {
        error: (issue) => (issue.input === undefined ? "each of SYN, ACK, FIN, RST and PSH needs { feedback, misconception }" : undefined),
      }).strict(),
    ),
  })
  .strict();

/**
 * "Name the state": which RFC 9293 state is `host` in right after segment N was delivered (or
 * sent)? The correct state is always computed by the TCP engine, never written down. Either a
 * fixed `scenario` with `host` and `segment`, or a named `generator` that varies all three per
 * attempt.
 */
export const stateSourceSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("scenario"),
      scenario: quizScenarioSchema,
      host: z.enum(HOST_NAMES),
      /** The segment's number in sending order (1-based), as the ladder diagram shows it. */
      segment: z.number().int().min(1).max(200),
      /** `delivered` (default): after the receiver processed it. `sent`: right after it left. */
      moment: z.enum(["sent", "delivered"]).default("delivered"),
    })
    .strict(),
  z
    .object({
      kind: z.literal("generator"),
      generator: z.enum(STATE_GENERATOR_NAMES),
      /** Restrict the hosts asked about (default both). */
      hosts: z.array(z.enum(HOST_NAMES)).min(1).optional(),
      /** `teardown` only: which closes to draw from (default all). */
      variants: z.array(z.enum(TEARDOWN_VARIANTS)).min(1).optional(),
    })
    .strict(),
]);

export const stateQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("state"),
    source: stateSourceSchema,
    /**
     * The states offered (default: all eleven). The engine's answer is always offered, added if
     * missing, so a generator can never produce an unanswerable variant.
     */
    choices: z.array(z.enum(STATE_NAMES)).min(2).optional(),
    /** Recorded for any wrong state without a more specific entry in `wrongState`. */
    misconception: misconceptionSchema,
    /** Feedback and misconception for particular wrong states (e.g. FIN-WAIT-2 vs TIME-WAIT). */
    wrongState: z.partialRecord(z.enum(STATE_NAMES), mistakeFeedbackSchema).optional(),
  })
  .strict();

/**
 * "Compute the number": a seq or ack value read from the engine's trace of a connection whose
 * ISNs (and payload sizes) are randomised per attempt by the named `generator`.
 */
export const numberQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("number"),
    generator: z.enum(NUMBER_GENERATOR_NAMES),
    /** Payload range in bytes for generators with data (default 1–1000; at most one 1460-byte segment). */
    payload: z
      .object({ min: z.number().int().min(1).max(1460), max: z.number().int().min(1).max(1460, "at most 1460 bytes: one segment at the default MSS") })
      .strict()
      .refine((range) => range.min <= range.max, { message: "payload.min must not exceed payload.max" })
      .optional(),
    /** `absolute` (default): real 32-bit numbers. `relative`: offsets from each side's ISN, as tcpdump prints them. */
    numbering: z.enum(["absolute", "relative"]).default("absolute"),
    /** Recorded for any wrong number without a more specific entry in `mistakes`. */
    misconception: misconceptionSchema,
    /**
     * Typical wrong answers, as an offset from the correct one: `{ offset: -1, … }` catches a
     * learner who forgot that the SYN (or FIN) consumes a sequence number.
     */
    mistakes: z
      .array(mistakeFeedbackSchema.extend({ offset: z.number().int().min(-100_000).max(100_000).refine((n) => n !== 0, "offset 0 is the correct answer") }).strict())
      .max(10)
      .optional(),
  })
  .strict();

/**
 * "Put in order": `items` listed in the correct order; the browser gets them shuffled (never
 * already in order). `mistakes` give feedback when the learner puts `first` before `then`
 * although the correct order has them the other way round.
 */
export const orderQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("order"),
    items: z.array(orderItemSchema).min(3, "needs at least 3 items").max(8, "at most 8 items"),
    /** Recorded for any wrong order without a more specific entry in `mistakes`. */
    misconception: misconceptionSchema,
    mistakes: z.array(mistakeFeedbackSchema.extend({ first: idSchema, then: idSchema }).strict()).max(20).optional(),
  })
  .strict();

/**
 * "Match": each pair's `left` (e.g. a sysctl) must be matched with its `right` (what it
 * controls); `distractors` are extra right-hand choices that match nothing, each with the
 * misconception that choosing it reveals. Right-hand choices are shuffled per attempt.
 */
export const matchQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("match"),
    pairs: z
      .array(
        z
          .object({
            id: idSchema,
            left: shortText,
            right: z.object({ id: idSchema, text: shortText }).strict(),
            /** Recorded when this left item is matched with the wrong right-hand choice. */
            misconception: misconceptionSchema,
          })
          .strict(),
      )
      .min(2, "needs at least 2 pairs")
      .max(8, "at most 8 pairs"),
    distractors: z
      .array(z.object({ id: idSchema, text: shortText, misconception: misconceptionSchema }).strict())
      .max(6)
      .default([]),
  })
  .strict();

const questionUnion = z.discriminatedUnion("type", [
  singleQuestionSchema,
  multipleQuestionSchema,
  flagsQuestionSchema,
  stateQuestionSchema,
  numberQuestionSchema,
  orderQuestionSchema,
  matchQuestionSchema,
]);

/** One question of any type, with the cross-field rules zod cannot express per field. */
export const questionSchema = questionUnion.superRefine((question, ctx) => {
  // A fresh path array per issue: zod prefixes the path in place.
  const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path: [...path] });
  const duplicates = (ids: string[], path: (string | number)[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) issue(`duplicate ${what} id "${id}"`, path);
      seen.add(id);
    }
  };
  // {answer} would give the answer away in the prompt; it is for explanations and feedback.
  const placeholders = (variables: readonly string[], fields: Array<[string, (string | number)[]]>) => {
    for (const [value, path] of fields) {
      const allowed = path[0] === "prompt" ? variables.filter((v) => v !== "answer") : variables;
      for (const match of value.matchAll(/\{(\w+)\}/g)) {
        if (!allowed.includes(match[1]!)) issue(`unknown placeholder {${match[1]}}; here you can use ${allowed.map((v) => `{${v}}`).join(", ")}`, path);
      }
    }
  };

  switch (question.type) {
    case "single":
    case "multiple": {
      duplicates(question.options.map((o) => o.id), ["options"], "option");
      const correct = question.options.filter((o) => o.correct).length;
      if (question.type === "single" && correct !== 1) issue(`a single-choice question needs exactly 1 correct option, found ${correct}`, ["options"]);
      if (question.type === "multiple" && correct < 1) issue("a multiple-choice question needs at least 1 correct option", ["options"]);
      question.options.forEach((option, index) => {
        if (!option.correct && !option.misconception) issue(`option "${option.id}" is wrong, so it needs a misconception tag`, ["options", index, "misconception"]);
        if (option.correct && option.misconception) issue(`option "${option.id}" is correct; use missedMisconception for the belief behind leaving it out`, ["options", index, "misconception"]);
        if (question.type === "single" && option.missedMisconception) issue("missedMisconception applies to multiple-choice questions only", ["options", index, "missedMisconception"]);
      });
      break;
    }
    case "flags":
      duplicates(question.expected, ["expected"], "flag");
      break;
    case "state": {
      placeholders(STATE_VARIABLES, [
        [question.prompt, ["prompt"]],
        [question.explanation, ["explanation"]],
        ...Object.entries(question.wrongState ?? {}).map(([state, m]): [string, (string | number)[]] => [m.feedback, ["wrongState", state, "feedback"]]),
      ]);
      if (question.choices) duplicates(question.choices, ["choices"], "state");
      if (question.source.kind === "generator" && question.source.variants && question.source.generator !== "teardown") {
        issue("variants apply to the teardown generator only", ["source", "variants"]);
      }
      break;
    }
    case "number": {
      const allowed = NUMBER_GENERATORS[question.generator].variables;
      placeholders(allowed, [
        [question.prompt, ["prompt"]],
        [question.explanation, ["explanation"]],
        ...(question.mistakes ?? []).map((m, index): [string, (string | number)[]] => [m.feedback, ["mistakes", index, "feedback"]]),
      ]);
      duplicates((question.mistakes ?? []).map((m) => String(m.offset)), ["mistakes"], "mistake offset");
      if (question.payload && question.generator === "synack-ack") issue("the synack-ack generator sends no data, so payload does not apply", ["payload"]);
      break;
    }
    case "order": {
      const ids = question.items.map((item) => item.id);
      duplicates(ids, ["items"], "item");
      (question.mistakes ?? []).forEach((mistake, index) => {
        for (const key of ["first", "then"] as const) {
          if (!ids.includes(mistake[key])) issue(`mistakes[${index}].${key} "${mistake[key]}" is not an item id`, ["mistakes", index, key]);
        }
        if (ids.indexOf(mistake.first) < ids.indexOf(mistake.then)) {
          issue(`mistakes[${index}] describes "${mistake.first}" before "${mistake.then}", which is the correct order`, ["mistakes", index]);
        }
      });
      break;
    }
    case "match": {
      const leftIds = question.pairs.map((pair) => pair.id);
      const rightIds = [...question.pairs.map((pair) => pair.right.id), ...question.distractors.map((d) => d.id)];
      duplicates(leftIds, ["pairs"], "pair");
      duplicates(rightIds, ["pairs"], "right-hand choice");
      for (const id of rightIds) {
        // A right-hand id equal to a pair id would tell the browser which choice matches which.
        if (leftIds.includes(id)) issue(`right-hand choice id "${id}" must differ from every pair id`, ["pairs"]);
      }
      break;
    }
  }
});
export type QuestionInput = z.input<typeof questionSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Quiz
// ---------------------------------------------------------------------------------------------

export const quizSchema = z
  .object({
    /** Stable, unique across the course; `<Quiz id="…" />` in a lesson refers to it. */
    id: idSchema,
    /** The lesson (content folder) the quiz belongs to; passing it is part of completing the lesson. */
    lessonSlug: z.string().regex(KEBAB, "lessonSlug is a lesson folder name in content/"),
    title: shortText,
    /** Share of the questions that must be right to pass, 0..1 (e.g. 0.8). */
    passThreshold: z.number().min(0).max(1),
    questions: z.array(questionSchema).min(1, "a quiz needs at least 1 question").max(40, "at most 40 questions"),
  })
  .strict()
  .superRefine((quiz, ctx) => {
    const seen = new Set<string>();
    quiz.questions.forEach((question, index) => {
      if (seen.has(question.id)) ctx.addIssue({ code: "custom", message: `duplicate question id "${question.id}"`, path: ["questions", index, "id"] });
      seen.add(question.id);
    });
  });
export type QuizInput = z.input<typeof quizSchema>;
export type Quiz = z.output<typeof quizSchema>;

/**
 * Identity helper for authoring files: `export default defineQuiz({ … })` gets types and
 * completion, and keeps the ids literal so a translation's keys are checked against them.
 */
export function defineQuiz<const Q extends QuizInput>(quiz: Q): Q {
  return quiz;
}

/** Parses a quiz; on failure the error lists every problem as `path: message`, prefixed by `source`. */
export function parseQuiz(raw: unknown, source = "quiz"): Quiz {
  const result = quizSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new Error(`${source} is not a valid quiz:\n${formatQuizIssues(result.error)}`);
}

export function formatQuizIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.length ? issue.path.join(".") : "(quiz)"}: ${issue.message}`).join("\n");
}

// ---------------------------------------------------------------------------------------------
// What the browser sees before answering (no answer keys, feedback or explanations)
// ---------------------------------------------------------------------------------------------

/** A segment of a ladder diagram. `null` fields are hidden (the asked value) or absent (ack without ACK). */
export type PublicSegment = {
  /** Number in sending order, 1-based. */
  n: number;
  from: HostName;
  to: HostName;
  /** Virtual time it was sent and arrived (ms); `arriveAt` null when lost. */
  t: number;
  arriveAt: number | null;
  flags: Array<QuizFlag | "URG">;
  seq: number | null;
  ack: number | null;
  len: number;
  /** Set on the segment whose `seq` or `ack` the learner must compute. */
  asked?: "seq" | "ack";
};

/** An application call shown on the ladder (e.g. the client calls close()). */
export type PublicCall = { t: number; host: HostName; call: string };

type PublicBase = { id: string; concept: Concept; prompt: string };

export type PublicQuestion =
  | (PublicBase & { type: "single" | "multiple"; options: Array<{ id: string; text: string }> })
  | (PublicBase & { type: "flags"; segment: string; flags: QuizFlag[] })
  | (PublicBase & {
      type: "state";
      host: HostName;
      segment: number;
      moment: "sent" | "delivered";
      ladder: PublicSegment[];
      calls: PublicCall[];
      choices: StateName[];
    })
  | (PublicBase & { type: "number"; field: "seq" | "ack"; numbering: "absolute" | "relative"; ladder: PublicSegment[] })
  | (PublicBase & { type: "order"; items: Array<{ id: string; text: string }> })
  | (PublicBase & { type: "match"; left: Array<{ id: string; text: string }>; right: Array<{ id: string; text: string }> });

/** One attempt's variant of a quiz, as sent to the browser. */
export type PublicQuiz = {
  id: string;
  lessonSlug: string;
  title: string;
  passThreshold: number;
  questions: PublicQuestion[];
};

// ---------------------------------------------------------------------------------------------
// What the browser sends, and what it gets back after grading one question
// ---------------------------------------------------------------------------------------------

const responseId = z.string().min(1).max(64);

/** A learner's answer to one question. Validated on the server before grading. */
export const questionResponseSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single"), optionId: responseId }).strict(),
  z.object({ type: z.literal("multiple"), optionIds: z.array(responseId).max(8) }).strict(),
  z.object({ type: z.literal("flags"), flags: z.array(z.enum(QUIZ_FLAGS)).max(5) }).strict(),
  z.object({ type: z.literal("state"), state: z.enum(STATE_NAMES) }).strict(),
  z.object({ type: z.literal("number"), value: z.number().int().min(0).max(0xffffffff) }).strict(),
  z.object({ type: z.literal("order"), itemIds: z.array(responseId).max(8) }).strict(),
  z.object({ type: z.literal("match"), pairs: z.record(responseId, responseId) }).strict(),
]);
export type QuestionResponse = z.infer<typeof questionResponseSchema>;

/** A stored answer read back: `null` when it no longer fits the contract. */
export const parseStoredResponse = (stored: string): QuestionResponse | null => parseStoredJson(questionResponseSchema, stored);

/** The right answer, in the same terms as the response, revealed once a question is submitted. */
export type CorrectAnswer =
  | { type: "single"; optionId: string }
  | { type: "multiple"; optionIds: string[] }
  | { type: "flags"; flags: QuizFlag[] }
  | { type: "state"; state: StateName }
  | { type: "number"; value: number }
  | { type: "order"; itemIds: string[] }
  | { type: "match"; pairs: Record<string, string> };

/**
 * The grading of one submitted question: sent only in the response to that submission.
 * `feedback` holds the messages for what the learner chose (an option's feedback, a wrong bit's
 * feedback, a known mistake); `misconceptions` the tags recorded with the answer.
 */
export type QuestionGrading = {
  questionId: string;
  concept: Concept;
  correct: boolean;
  /** 1 when correct, otherwise 0: every question is worth one point. */
  points: number;
  maxPoints: 1;
  feedback: string[];
  misconceptions: string[];
  explanation: string;
  answer: CorrectAnswer;
};
