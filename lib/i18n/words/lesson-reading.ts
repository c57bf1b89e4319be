import { defineWords } from "@/domain/words";

/** Around a lesson's text: breadcrumb, progress, resume and completion (lesson pages, components/lesson/lesson-progress.tsx). */
const en = {
  breadcrumb: "Breadcrumb",
  course: "Course",
  lesson: (order: number) => `Lesson ${order}`,
  aboutMinutes: (minutes: number) => `About ${minutes} minutes`,
  objectives: "By the end of this lesson you can",
  onThisPage: "On this page",
  lessons: "Lessons",
  previous: "Previous",
  next: "Next",
  welcomeBack: (title: string) => `Welcome back. You were reading “${title}”.`,
  resume: "Resume there",
  signInToSave: { link: "Sign in", after: " to save your progress through the course." },
  complete: "Lesson complete",
  saving: "Saving…",
  markComplete: "Mark lesson as complete",
  passQuizToComplete: "Pass the quiz above to complete this lesson.",
};

export type LessonReadingWords = typeof en;

const zh: LessonReadingWords = {
  breadcrumb: "面包屑导航",
  course: "课程",
  lesson: (order: number) => `第 ${order} 课`,
  aboutMinutes: (minutes: number) => `约 ${minutes} 分钟`,
  objectives: "学完本课，你将能够",
  onThisPage: "本页目录",
  lessons: "课程导航",
  previous: "上一课",
  next: "下一课",
  welcomeBack: (title: string) => `欢迎回来。你上次读到“${title}”。`,
  resume: "从那里继续",
  signInToSave: { link: "登录", after: "后即可保存你的学习进度。" },
  complete: "本课已完成",
  saving: "正在保存…",
  markComplete: "标记本课为已完成",
  passQuizToComplete: "通过上面的测验即可完成本课。",
};

export const lessonReadingWords = defineWords<LessonReadingWords>({ en, zh });

/** The page that stands in for a lesson not yet translated into the reader's language. */
export const untranslatedLessonWords = defineWords<{ notice: string; read: string }>({
  en: { notice: "This lesson has not been translated yet. You can read it in English.", read: "Read it in English" },
  zh: { notice: "这一课的中文版还在翻译中。你可以先阅读英文版。", read: "阅读英文版" },
});
