/** The demo accounts from README.md; also used by the end-to-end tests. */
export const DEMO_USERS = [
  { email: "instructor@example.com", name: "Iris Chen", role: "INSTRUCTOR", password: "teach-tcp-demo" },
  { email: "ada@example.com", name: "Ada Lovelace", role: "STUDENT", password: "learn-tcp-demo" },
  { email: "ben@example.com", name: "Ben Okafor", role: "STUDENT", password: "learn-tcp-demo" },
] as const;

export const DEMO_CLASS = { name: "Computer Networks — Demo Class", joinCode: "SYNACK42", timeZone: "Europe/Berlin" } as const;

export const DEMO_ASSIGNMENT = {
  title: "Read: The TCP header and its flags",
  instructions: "Read the first lesson and be ready to explain when the acknowledgment number is valid.",
  targetType: "LESSON",
  targetId: "tcp-header-and-flags",
  points: 10,
} as const;

/** More students of the demo class (password `learn-tcp-demo`), so the gradebook has something to show. */
export const DEMO_CLASSMATES = [
  { email: "zoe@example.com", name: "Zoë Müller" },
  { email: "wang@example.com", name: "王小明" },
  { email: "chidi@example.com", name: "Chidi Okeke" },
  { email: "sofia@example.com", name: "Sofía García" },
  { email: "priya@example.com", name: "Priya Raman" },
  { email: "lars@example.com", name: "Lars Øberg" },
] as const;

const DAY = 24 * 60 * 60 * 1000;

/** Past and current assignments of the demo class; days are relative to when the seed first runs. */
export const DEMO_MORE_ASSIGNMENTS = [
  {
    key: "quiz",
    title: "Quiz: the header and its flags",
    instructions: "Pass the lesson 1 quiz (70%). Practice as often as you like; your best attempt counts.",
    targetType: "QUIZ",
    targetId: "tcp-header-and-flags",
    points: 20,
    opensInDays: -12,
    dueInDays: -5,
    latePolicy: "ACCEPT_WITH_PENALTY",
    latePenaltyPercent: 20,
  },
  {
    key: "handshake",
    title: "Read: The three-way handshake",
    instructions: "Read lesson 2 to the end.",
    targetType: "LESSON",
    targetId: "three-way-handshake",
    points: 10,
    opensInDays: -9,
    dueInDays: -2,
    latePolicy: "CLOSE",
    latePenaltyPercent: 0,
  },
  {
    key: "teardown",
    title: "Read: The four-way teardown",
    instructions: "Read lesson 3 before Thursday's lab.",
    targetType: "LESSON",
    targetId: "four-way-teardown",
    points: 10,
    opensInDays: -3,
    dueInDays: 4,
    latePolicy: "ACCEPT_WITH_PENALTY",
    latePenaltyPercent: 10,
  },
] as const;

type LessonWork = { started: number; completed?: number };
/** Per student: quiz attempts (day, question ids answered wrong) and lesson work (days). */
export type DemoWork = {
  quiz?: Array<{ day: number; wrong: string[] }>;
  handshake?: LessonWork;
  teardown?: LessonWork;
};

export const DEMO_WORK: Record<string, DemoWork> = {
  "ada@example.com": {
    quiz: [
      { day: -11, wrong: ["syn-without-ack", "fin-meaning", "flags-client-fin", "tcpdump-letters"] },
      { day: -10, wrong: ["fin-meaning"] },
    ],
    handshake: { started: -8.2, completed: -8 },
    teardown: { started: -1 },
  },
  // Started after the due date: late.
  "ben@example.com": {
    quiz: [
      { day: -4.5, wrong: ["ack-field-valid", "segments-with-ack", "flags-syn-ack", "flags-refused", "capture-order"] },
      { day: -4, wrong: ["flags-refused"] },
    ],
  },
  "zoe@example.com": {
    quiz: [{ day: -11.5, wrong: [] }],
    handshake: { started: -6.3, completed: -6 },
    teardown: { started: -1.2, completed: -1 },
  },
  "wang@example.com": {
    quiz: [
      { day: -8, wrong: ["flags-syn-ack", "flags-client-fin", "flags-refused", "tcpdump-letters"] },
      { day: -6, wrong: ["flags-syn-ack", "flags-client-fin", "flags-refused"] },
    ],
    handshake: { started: -1.5, completed: -1 },
    teardown: { started: -0.5 },
  },
  "chidi@example.com": {
    quiz: [{ day: -6, wrong: ["fin-meaning"] }],
    handshake: { started: -3.1, completed: -3 },
  },
  "sofia@example.com": {},
  "priya@example.com": {
    quiz: [{ day: -11.8, wrong: ["tcpdump-letters"] }],
    handshake: { started: -2.6, completed: -2.5 },
    teardown: { started: -2.1, completed: -2 },
  },
  "lars@example.com": {
    quiz: [{ day: -10, wrong: ["syn-without-ack", "ack-field-valid", "segments-with-ack", "fin-meaning", "flags-syn-ack"] }],
    handshake: { started: -8 },
  },
};

/** Excuses and extensions in the demo class. */
export const DEMO_STANDINGS: ReadonlyArray<{ email: string; assignment: (typeof DEMO_MORE_ASSIGNMENTS)[number]["key"]; excused?: string; extendedByDays?: number }> = [
  { email: "sofia@example.com", assignment: "handshake", excused: "Away for a family emergency" },
  { email: "chidi@example.com", assignment: "teardown", extendedByDays: 3 },
];

export const days = (n: number, from: number) => new Date(from + n * DAY);

/**
 * Lesson diagnostics of the demo class (docs/learning.md): questions right before and after the
 * lesson, out of five. A before-check precedes the student's reading, an after-check follows its
 * completion; Priya knew it all before the handshake lesson (no gain to compute).
 */
export const DEMO_DIAGNOSTICS: Record<string, Partial<Record<"handshake" | "teardown", { pre: number; post?: number }>>> = {
  "ada@example.com": { handshake: { pre: 1, post: 4 }, teardown: { pre: 2 } },
  "zoe@example.com": { handshake: { pre: 3, post: 5 }, teardown: { pre: 2, post: 4 } },
  "wang@example.com": { handshake: { pre: 0, post: 3 }, teardown: { pre: 1 } },
  "chidi@example.com": { handshake: { pre: 2, post: 3 } },
  "priya@example.com": { handshake: { pre: 5, post: 5 }, teardown: { pre: 1, post: 2 } },
  "lars@example.com": { handshake: { pre: 1 } },
};
