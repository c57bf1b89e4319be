import { defineWords } from "@/domain/words";

/**
 * The site chrome's words: header, footer, skip link, theme toggle, language switch, account
 * links. Every page loads them in the browser, so they are kept apart from the rest of
 * lib/i18n/dictionary.ts (which the server renders from).
 */
const en = {
  skipToContent: "Skip to content",
  nav: {
    main: "Main",
    mainCompact: "Main (compact)",
    course: "Course",
    playground: "Playground",
    captureChallenges: "Capture challenges",
    review: "Review",
    glossary: "Glossary",
    about: "About",
    search: "Search",
  },
  language: {
    /** Shown in the other language, so its readers recognise it. */
    switchTo: "阅读中文版",
    switchLabel: "中文",
    /** Read by screen readers before the link text, in this page's language. */
    switchHint: "This page in Chinese",
  },
  theme: { toLight: "Switch to light theme", toDark: "Switch to dark theme" },
  account: { signIn: "Sign in", signUp: "Sign up", dashboard: "Dashboard", teach: "Teach", signOut: "Sign out", account: "Your account" },
  footer: {
    credit: "Lessons translated and adapted from",
    by: (author: string) => `by ${author}, corrected for RFC 9293 and current Linux.`,
    about: "About this course",
  },
};

export type ChromeWords = typeof en;

const zh: ChromeWords = {
  skipToContent: "跳到正文",
  nav: {
    main: "主导航",
    mainCompact: "主导航（紧凑）",
    course: "课程",
    playground: "演练场",
    captureChallenges: "抓包挑战",
    review: "复习",
    glossary: "术语表",
    about: "关于",
    search: "搜索",
  },
  language: {
    switchTo: "Read in English",
    switchLabel: "English",
    switchHint: "本页的英文版",
  },
  theme: { toLight: "切换到浅色主题", toDark: "切换到深色主题" },
  account: { signIn: "登录", signUp: "注册", dashboard: "学习面板", teach: "教学", signOut: "退出登录", account: "你的账号" },
  footer: {
    credit: "课程内容译写自",
    by: (author: string) => `（作者 ${author}），并依据 RFC 9293 和当前的 Linux 做了更正。`,
    about: "关于本课程",
  },
};

export const chromeWords = defineWords<ChromeWords>({ en, zh });
