/**
 * The interface's own words (lesson chrome, header, glossary and search pages) in every
 * language. Lesson text lives in the MDX files; this is only what surrounds it. The Chinese
 * dictionary must have exactly the English one's keys: TypeScript enforces it.
 */
import type { Locale } from "./paths";

const en = {
  languageName: "English",
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
  course: {
    title: "How TCP opens and closes connections",
    metaTitle: "Course",
    intro: (lessons: number, minutes: number) =>
      `${lessons} ${lessons === 1 ? "lesson" : "lessons"}, about ${minutes} minutes. Each lesson has a simulator or a real capture to play with and a short quiz.`,
    lessonLabel: (order: number) => `Lesson ${order}`,
    minutes: (minutes: number) => `${minutes} min`,
  },
  lesson: {
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
  },
  attribution: {
    before: "Translated and adapted from ",
    quoteOpen: "",
    quoteClose: "",
    titleGloss: (title: string) => ` (“${title}”)`,
    after: (author: string) => ` by ${author}. Corrections to the original are marked in the text.`,
  },
  callout: { note: "Note", tip: "Tip", warning: "Warning", correction: "Correction to the source" },
  original: "In the original article",
  rfcVsLinux: { label: "RFC 9293 says · Linux does", rfc: "RFC 9293 says", linux: "Linux does", source: "Source:" },
  glossary: {
    title: "Glossary",
    intro: "Every TCP state, header flag and Linux setting the course uses, with the defaults the simulator runs on.",
    kinds: {
      state: "Connection states (RFC 9293)",
      flag: "Header flags",
      sysctl: "Linux sysctls",
      "socket-option": "Socket options",
      timer: "Timers",
      concept: "Concepts",
    },
    alsoWritten: "Also written",
    related: "Related",
    removedIn: (version: string) => `Removed in ${version}`,
    contents: "Sections",
  },
  search: {
    title: "Search",
    label: "Search the lessons",
    placeholder: "e.g. TIME_WAIT, half-close, tcp_tw_reuse",
    loading: "Loading the search index…",
    failed: "The search index could not be loaded. Check your connection and try again.",
    empty: "Type at least two characters.",
    results: (count: number, query: string) => (count === 1 ? `1 result for “${query}”` : `${count} results for “${query}”`),
    none: (query: string) => `Nothing found for “${query}”.`,
    glossaryResult: "Glossary",
    hint: "Searches every lesson section and glossary entry in English.",
    otherLanguage: "Search the Chinese lessons",
  },
  footer: {
    credit: "Lessons translated and adapted from",
    by: (author: string) => `by ${author}, corrected for RFC 9293 and current Linux.`,
    about: "About this course",
  },
  notFound: {
    title: "Nothing is listening on this page",
    text: "The address you followed does not exist (any more).",
    back: "Go to the course",
  },
};

export type Dictionary = typeof en;

const zh: Dictionary = {
  languageName: "中文",
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
  course: {
    title: "TCP 如何建立和关闭连接",
    metaTitle: "课程",
    intro: (lessons: number, minutes: number) => `共 ${lessons} 课，约 ${minutes} 分钟。每一课都有可以动手操作的模拟器或真实抓包，以及一个小测验。`,
    lessonLabel: (order: number) => `第 ${order} 课`,
    minutes: (minutes: number) => `${minutes} 分钟`,
  },
  lesson: {
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
  },
  attribution: {
    before: "本课程译写自",
    quoteOpen: "《",
    quoteClose: "》",
    titleGloss: () => "",
    after: (author: string) => `，作者 ${author}。对原文的更正已在正文中标出。`,
  },
  callout: { note: "注意", tip: "提示", warning: "警告", correction: "对原文的更正" },
  original: "原文",
  rfcVsLinux: { label: "RFC 9293 的规定 · Linux 的做法", rfc: "RFC 9293 的规定", linux: "Linux 的做法", source: "出处：" },
  glossary: {
    title: "术语表",
    intro: "本课程用到的全部 TCP 状态、首部标志位和 Linux 参数，附上模拟器所用的默认值。",
    kinds: {
      state: "连接状态（RFC 9293）",
      flag: "首部标志位",
      sysctl: "Linux 内核参数（sysctl）",
      "socket-option": "套接字选项",
      timer: "定时器",
      concept: "概念",
    },
    alsoWritten: "其他写法",
    related: "相关条目",
    removedIn: (version: string) => `已在 ${version} 中移除`,
    contents: "分类",
  },
  search: {
    title: "搜索",
    label: "搜索课程内容",
    placeholder: "例如：TIME_WAIT、半关闭、tcp_tw_reuse",
    loading: "正在加载搜索索引…",
    failed: "搜索索引加载失败，请检查网络后重试。",
    empty: "请至少输入两个字符。",
    results: (count: number, query: string) => `“${query}”共有 ${count} 条结果`,
    none: (query: string) => `没有找到与“${query}”相关的内容。`,
    glossaryResult: "术语表",
    hint: "搜索全部中文课程的各个小节和术语表条目。",
    otherLanguage: "搜索英文课程",
  },
  footer: {
    credit: "课程内容译写自",
    by: (author: string) => `（作者 ${author}），并依据 RFC 9293 和当前的 Linux 做了更正。`,
    about: "关于本课程",
  },
  notFound: {
    title: "这个页面没有人在监听",
    text: "你访问的地址不存在（或已不再存在）。",
    back: "前往课程",
  },
};

const DICTIONARIES: Record<Locale, Dictionary> = { en, zh };

export function dictionary(locale: Locale): Dictionary {
  return DICTIONARIES[locale];
}
