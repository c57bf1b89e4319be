/**
 * Every quiz of the course, one entry per lesson folder. Imported only by server modules
 * (lib/quiz/registry.server.ts) because the files hold the answer keys. To add a quiz: write
 * content/<lesson>/quiz.ts (see docs/quizzes.md), import it here and add it to the list.
 */
import type { QuizInput } from "@/domain/quiz/schema";
import tcpHeaderAndFlags from "./tcp-header-and-flags/quiz";
import threeWayHandshake from "./three-way-handshake/quiz";
import fourWayTeardown from "./four-way-teardown/quiz";
import closingStates from "./closing-states/quiz";
import timeWait from "./time-wait/quiz";
import manyTimeWaitSockets from "./many-time-wait-sockets/quiz";

export const quizFiles: ReadonlyArray<{ source: string; quiz: QuizInput }> = [
  { source: "content/tcp-header-and-flags/quiz.ts", quiz: tcpHeaderAndFlags },
  { source: "content/three-way-handshake/quiz.ts", quiz: threeWayHandshake },
  { source: "content/four-way-teardown/quiz.ts", quiz: fourWayTeardown },
  { source: "content/closing-states/quiz.ts", quiz: closingStates },
  { source: "content/time-wait/quiz.ts", quiz: timeWait },
  { source: "content/many-time-wait-sockets/quiz.ts", quiz: manyTimeWaitSockets },
];
