/**
 * The words of a learner's dashboard (/dashboard, /zh/dashboard). Titles of lessons, quizzes and
 * challenges come in the page's language from the content itself; assignment titles and
 * instructions are shown as their instructor wrote them.
 */
import type { MasteryLevel } from "@/domain/quiz/mastery";
import { CONCEPT_LABELS, type Concept } from "@/domain/quiz/schema";
import type { LessonStatus } from "@/domain/learning/lesson-status";
import { defineWords } from "@/domain/words";
import { submissionStatusWords } from "./gradebook";

const en = {
  title: "Dashboard",
  hello: (name: string) => `Hello, ${name}`,
  concepts: CONCEPT_LABELS as Record<Concept, string>,
  progress: {
    heading: "Your course progress",
    summary: (completed: number, total: number, percent: string) => `${completed} of ${total} lessons complete · ${percent} of the course`,
    bar: "Course progress",
    lessonBar: (title: string, percent: string, status: string) => `${title}: ${percent}, ${status}`,
    status: { "not-started": "Not started", "in-progress": "In progress", complete: "Complete" } as Record<LessonStatus, string>,
    read: "Read",
    quizNotTaken: (passMark: string) => `Quiz not taken yet (pass mark ${passMark})`,
    quizPassed: (best: string, latest: string) => `Quiz passed: best ${best}, latest ${latest}`,
    quizNotPassed: (best: string, latest: string, needed: string) => `Quiz not passed yet: best ${best}, latest ${latest}; ${needed} needed`,
    separator: " · ",
  },
  mastery: {
    heading: "Mastery",
    intro: "From your answers in quizzes, reviews and the simulator's predictions; recent answers count most.",
    level: { "not-started": "No answers yet", learning: "Learning", practising: "Practising", mastered: "Mastered" } as Record<MasteryLevel, string>,
    bar: (concept: string, percent: number | null, level: string, answers: number) =>
      `${concept} mastery: ${percent === null ? "no answers yet" : `${percent}%, ${level.toLowerCase()}, ${answers} answers`}`,
  },
  next: {
    heading: "Next step",
    done: "You have completed every lesson. Well done.",
    resume: (title: string) => ({ text: `Carry on reading “${title}”.`, action: "Resume lesson" }),
    start: (title: string) => ({ text: `Next up: “${title}”.`, action: "Start lesson" }),
    takeQuiz: (title: string) => ({ text: `You have read “${title}”. Pass its quiz to complete the lesson.`, action: "Take the quiz" }),
    retryQuiz: (title: string, best: number) => ({
      text: `Your best score on the quiz of “${title}” is ${best}%, not enough to pass yet. Each try is a new variant.`,
      action: "Retry the quiz",
    }),
    practise: (concept: string, score: number, title: string) => ({
      text: `${concept} is your weakest concept (${score}%). Practise it with the quiz of “${title}”.`,
      action: `Practise ${concept.toLowerCase()}`,
    }),
  },
  activity: {
    heading: "Recent activity",
    empty: "Nothing yet. Open a lesson to get started.",
    started: "Started",
    completed: "Completed",
    passed: "Passed",
    finished: "Finished",
    /** Follows the quiz's title, with its punctuation. */
    score: (score: number, max: number) => `: ${score} of ${max}`,
    solved: "Solved the challenge",
  },
  assignments: {
    heading: "Assignments",
    join: "Join a class",
    empty: "Nothing assigned to you right now. Got a class code? Join the class to see its work here.",
    status: submissionStatusWords("en"),
    lateClosed: "Late: closed",
    late: (penalty: number | null) => (penalty ? `Late · −${penalty}% if handed in now` : "Late"),
    due: "due",
    wasDue: "was due",
    extended: " (extended)",
    points: (points: number) => `${points} points`,
    scored: (score: string, points: number) => `${score} of ${points} points`,
    ungraded: "ungraded practice",
    earlierWork: "What you did before this assignment opened does not count for it: do it again.",
  },
  invitations: {
    heading: "Class invitations",
    intro: "You join a class only if you accept its invitation.",
    invitedTo: "Invitation to",
    accept: (className: string) => ({ label: "Accept", name: `Accept the invitation to ${className}` }),
    decline: (className: string) => ({ label: "Decline", name: `Decline the invitation to ${className}` }),
  },
};

export type DashboardWords = typeof en;

export const dashboardWords = defineWords<DashboardWords>({
  en,
  zh: {
    title: "学习面板",
    hello: (name) => `你好，${name}`,
    concepts: {
      flags: "标志位",
      "sequence-numbers": "序列号",
      "handshake-states": "握手状态",
      "teardown-states": "挥手状态",
      "time-wait": "TIME-WAIT",
      sysctls: "Linux sysctl 参数",
    },
    progress: {
      heading: "你的课程进度",
      summary: (completed, total, percent) => `已完成 ${total} 课中的 ${completed} 课 · 课程进度 ${percent}`,
      bar: "课程进度",
      lessonBar: (title, percent, status) => `${title}：${percent}，${status}`,
      status: { "not-started": "未开始", "in-progress": "进行中", complete: "已完成" },
      read: "已读完",
      quizNotTaken: (passMark) => `尚未参加测验（及格线 ${passMark}）`,
      quizPassed: (best, latest) => `测验已通过：最高 ${best}，最近 ${latest}`,
      quizNotPassed: (best, latest, needed) => `测验尚未通过：最高 ${best}，最近 ${latest}；需要 ${needed}`,
      separator: " · ",
    },
    mastery: {
      heading: "掌握程度",
      intro: "根据你在测验、复习和模拟器预测中的作答；越近的作答权重越大。",
      level: { "not-started": "尚无答题", learning: "学习中", practising: "练习中", mastered: "已掌握" },
      bar: (concept, percent, level, answers) => `${concept}的掌握程度：${percent === null ? "尚无答题" : `${percent}%，${level}，共 ${answers} 次作答`}`,
    },
    next: {
      heading: "下一步",
      done: "你已经学完了所有课程，做得好！",
      resume: (title) => ({ text: `继续阅读《${title}》。`, action: "继续阅读" }),
      start: (title) => ({ text: `接下来：《${title}》。`, action: "开始学习" }),
      takeQuiz: (title) => ({ text: `你已经读完《${title}》。通过它的测验即可完成这一课。`, action: "参加测验" }),
      retryQuiz: (title, best) => ({ text: `你在《${title}》测验中的最高分是 ${best}%，还不够及格。每次重做都是新的题目变体。`, action: "重做测验" }),
      practise: (concept, score, title) => ({ text: `“${concept}”是你最薄弱的概念（${score}%）。用《${title}》的测验练习一下。`, action: `练习${concept}` }),
    },
    activity: {
      heading: "最近的学习",
      empty: "还没有任何记录。打开一课开始学习吧。",
      started: "开始学习",
      completed: "学完了",
      passed: "通过了",
      finished: "完成了",
      score: (score, max) => `：${score} / ${max}`,
      solved: "解决了挑战",
    },
    assignments: {
      heading: "作业",
      join: "加入班级",
      empty: "目前没有布置给你的作业。有班级邀请码吗？加入班级后，它布置的作业会显示在这里。",
      status: submissionStatusWords("zh"),
      lateClosed: "已逾期：不再接受提交",
      late: (penalty) => (penalty ? `已逾期 · 现在提交扣 ${penalty}%` : "已逾期"),
      due: "截止时间",
      wasDue: "已截止，截止时间",
      extended: "（已延期）",
      points: (points) => `${points} 分`,
      scored: (score, points) => `${score} / ${points} 分`,
      ungraded: "不计分练习",
      earlierWork: "你在这份作业开放之前做的内容不计入本作业：请再做一次。",
    },
    invitations: {
      heading: "班级邀请",
      intro: "只有你接受邀请后才会加入班级。",
      invitedTo: "邀请你加入",
      accept: (className) => ({ label: "接受", name: `接受加入${className}的邀请` }),
      decline: (className) => ({ label: "拒绝", name: `拒绝加入${className}的邀请` }),
    },
  },
});
