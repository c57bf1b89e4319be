import { defineWords } from "@/domain/words";

/**
 * The diagnostic's prompts at the start and end of a lesson (components/learning/lesson-diagnostic.tsx).
 * Apart from the review words: every lesson page loads these, the review page the rest.
 */
const en = {
  heading: "Check what you know",
  pre: (count: number) => `Before you read: a ${count}-question check (optional). Take it again after the lesson to see what you learned.`,
  post: "You have read this lesson: take the check again and see what you learned.",
  postDone: (before: string, after: string) => `Your check: ${before} before, ${after} after.`,
  open: "Open the diagnostic",
};

type LessonDiagnosticWords = typeof en;

const zh: LessonDiagnosticWords = {
  heading: "看看你已经知道多少",
  pre: (count) => `读之前：做一个 ${count} 道题的小诊断（可选）。读完后再做一次，就能看出学到了什么。`,
  post: "你已经读完这一课：再做一次诊断，看看学到了什么。",
  postDone: (before, after) => `你的诊断：课前 ${before}，课后 ${after}。`,
  open: "打开诊断",
};

export const lessonDiagnosticWords = defineWords<LessonDiagnosticWords>({ en, zh });
