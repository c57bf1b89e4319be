import "server-only";
/**
 * Every quiz of the course, one entry per lesson folder, with its translations. Imported only by
 * server modules (lib/quiz/registry.server.ts) because the files hold the answer keys. To add a
 * quiz: write content/<lesson>/quiz.ts and its Chinese text content/<lesson>/quiz.zh.ts (see
 * docs/quizzes.md), import both here and add them to the list.
 */
import type { QuizInput } from "@/domain/quiz/schema";
import type { QuizTranslationInput } from "@/domain/quiz/translation";
import tcpHeaderAndFlags from "./tcp-header-and-flags/quiz";
import tcpHeaderAndFlagsZh from "./tcp-header-and-flags/quiz.zh";
import threeWayHandshake from "./three-way-handshake/quiz";
import threeWayHandshakeZh from "./three-way-handshake/quiz.zh";
import fourWayTeardown from "./four-way-teardown/quiz";
import fourWayTeardownZh from "./four-way-teardown/quiz.zh";
import closingStates from "./closing-states/quiz";
import closingStatesZh from "./closing-states/quiz.zh";
import timeWait from "./time-wait/quiz";
import timeWaitZh from "./time-wait/quiz.zh";
import manyTimeWaitSockets from "./many-time-wait-sockets/quiz";
import manyTimeWaitSocketsZh from "./many-time-wait-sockets/quiz.zh";

export type QuizFile = {
  source: string;
  quiz: QuizInput;
  /** The quiz's text in other languages, keyed by the quiz's ids. */
  translations?: { zh?: { source: string; translation: QuizTranslationInput } };
};

export const quizFiles: ReadonlyArray<QuizFile> = [
  {
    source: "content/tcp-header-and-flags/quiz.ts",
    quiz: tcpHeaderAndFlags,
    translations: { zh: { source: "content/tcp-header-and-flags/quiz.zh.ts", translation: tcpHeaderAndFlagsZh } },
  },
  {
    source: "content/three-way-handshake/quiz.ts",
    quiz: threeWayHandshake,
    translations: { zh: { source: "content/three-way-handshake/quiz.zh.ts", translation: threeWayHandshakeZh } },
  },
  {
    source: "content/four-way-teardown/quiz.ts",
    quiz: fourWayTeardown,
    translations: { zh: { source: "content/four-way-teardown/quiz.zh.ts", translation: fourWayTeardownZh } },
  },
  {
    source: "content/closing-states/quiz.ts",
    quiz: closingStates,
    translations: { zh: { source: "content/closing-states/quiz.zh.ts", translation: closingStatesZh } },
  },
  {
    source: "content/time-wait/quiz.ts",
    quiz: timeWait,
    translations: { zh: { source: "content/time-wait/quiz.zh.ts", translation: timeWaitZh } },
  },
  {
    source: "content/many-time-wait-sockets/quiz.ts",
    quiz: manyTimeWaitSockets,
    translations: { zh: { source: "content/many-time-wait-sockets/quiz.zh.ts", translation: manyTimeWaitSocketsZh } },
  },
];
