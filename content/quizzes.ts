/**
 * Every quiz of the course, one entry per lesson folder. Imported only by server modules
 * (lib/quiz/registry.server.ts) because the files hold the answer keys. To add a quiz: write
 * content/<lesson>/quiz.ts (see docs/quizzes.md), import it here and add it to the list.
 */
import type { QuizInput } from "@/domain/quiz/schema";
import tcpHeaderAndFlags from "./tcp-header-and-flags/quiz";

export const quizFiles: ReadonlyArray<{ source: string; quiz: QuizInput }> = [
  { source: "content/tcp-header-and-flags/quiz.ts", quiz: tcpHeaderAndFlags },
];
