/**
 * The interface's own words (lesson chrome, header, glossary and search pages) in every
 * language. Lesson text lives in the MDX files; this is only what surrounds it. The Chinese
 * dictionary must have exactly the English one's keys: TypeScript enforces it. Server components
 * read it whole; client components import the part they show from ./words (chrome, lesson
 * reading, search), which this dictionary is assembled from, so the browser gets only that part.
 */
import { chromeWords } from "./words/chrome";
import { lessonReadingWords } from "./words/lesson-reading";
import { searchWords } from "./words/search";
import { defineWords } from "@/domain/words";

const en = {
  languageName: "English",
  ...chromeWords("en"),
  course: {
    title: "How TCP opens and closes connections",
    metaTitle: "Course",
    intro: (lessons: number, minutes: number) =>
      `${lessons} ${lessons === 1 ? "lesson" : "lessons"}, about ${minutes} minutes. Each lesson has a simulator or a real capture to play with and a short quiz.`,
    lessonLabel: (order: number) => `Lesson ${order}`,
    minutes: (minutes: number) => `${minutes} min`,
  },
  lesson: lessonReadingWords("en"),
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
    /** Between the items of an inline list. */
    listSeparator: ", ",
    related: "Related",
    removedIn: (version: string) => `Removed in ${version}`,
    contents: "Sections",
  },
  search: searchWords("en"),
  notFound: {
    title: "Nothing is listening on this page",
    text: "The address you followed does not exist (any more).",
    back: "Go to the course",
  },
};

export type Dictionary = typeof en;

const zh: Dictionary = {
  languageName: "中文",
  ...chromeWords("zh"),
  course: {
    title: "TCP 如何建立和关闭连接",
    metaTitle: "课程",
    intro: (lessons: number, minutes: number) => `共 ${lessons} 课，约 ${minutes} 分钟。每一课都有可以动手操作的模拟器或真实抓包，以及一个小测验。`,
    lessonLabel: (order: number) => `第 ${order} 课`,
    minutes: (minutes: number) => `${minutes} 分钟`,
  },
  lesson: lessonReadingWords("zh"),
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
    listSeparator: "、",
    related: "相关条目",
    removedIn: (version: string) => `已在 ${version} 中移除`,
    contents: "分类",
  },
  search: searchWords("zh"),
  notFound: {
    title: "这个页面没有人在监听",
    text: "你访问的地址不存在（或已不再存在）。",
    back: "前往课程",
  },
};

export const dictionary = defineWords<Dictionary>({ en, zh });
