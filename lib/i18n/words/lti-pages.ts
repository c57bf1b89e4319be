/**
 * The words of the LTI endpoint pages (lib/lti/pages.ts): what each step of a login, a launch, an
 * account link and a deep-linking answer shows, as plain HTML served before the app's own pages.
 */
import { defineWords } from "@/domain/words";

const en = {
  problemCode: "Problem",
  problemDetail: "Detail",
  forAdmins: "For the LMS administrator",
  again: "Open the activity again from your course in the LMS.",
  connecting: "Connecting to your LMS…",
  connectingHelp: "This takes a moment. If nothing happens, open the activity in a new window.",
  noScript: "This step needs JavaScript. Turn it on, or open the activity in a new window from the LMS.",
  newWindowTitle: "Open this activity in a new window",
  newWindowHelp:
    "Your browser does not let sites inside the LMS page keep you signed in (third-party cookies are blocked). The activity works in a window of its own; the LMS page stays open.",
  newWindowButton: "Open SYN to FIN in a new window",
  newWindowOpened: "Opened in a new window. When you are done there, you can close it and come back here.",
  checking: "Checking the launch with your LMS…",
  storageFailed: "Your LMS page did not confirm this launch. Open the activity again from the LMS.",
  launchedTitle: "Opening your activity…",
  launchedFallback:
    "Your browser blocked the sign-in inside the LMS page. Open the activity in a new window to continue: this link works once, for two minutes.",
  continueHere: "Continue here",
  pendingTitle: "You already have a SYN to FIN account",
  pendingHelp: (email: string, lms: string) =>
    `An account with the email ${email} already exists here. To use it from ${lms}, sign in to it once: your ${lms} identity is then linked to it, and your work and grades stay in one place.`,
  linkButton: "Sign in and link my account (new window)",
  linkedContinue: "I have linked it: continue",
  separate: "Use a separate account instead",
  separateHelp: "A separate account starts empty and is used only from this LMS.",
  notLinkedYet: "Not linked yet. Sign in in the new window and confirm the link first.",
  returningTitle: "Returning your selection to the LMS…",
  returningButton: "Continue to the LMS",
};

export type LtiPageWords = typeof en;

export const ltiPageWords = defineWords<LtiPageWords>({
  en,
  zh: {
    problemCode: "问题",
    problemDetail: "详情",
    forAdmins: "供 LMS 管理员参考",
    again: "请从 LMS 的课程中重新打开此活动。",
    connecting: "正在连接你的 LMS……",
    connectingHelp: "这需要一点时间。如果没有反应，请在新窗口中打开活动。",
    noScript: "这一步需要 JavaScript。请启用它，或从 LMS 在新窗口中打开活动。",
    newWindowTitle: "在新窗口中打开此活动",
    newWindowHelp: "你的浏览器不允许 LMS 页面中的网站保持登录（第三方 Cookie 被阻止）。活动可以在单独的窗口中进行，LMS 页面保持打开。",
    newWindowButton: "在新窗口中打开 SYN to FIN",
    newWindowOpened: "已在新窗口中打开。完成后可以关闭那个窗口回到这里。",
    checking: "正在与你的 LMS 核对此次启动……",
    storageFailed: "你的 LMS 页面没有确认此次启动。请从 LMS 重新打开活动。",
    launchedTitle: "正在打开你的活动……",
    launchedFallback: "你的浏览器阻止了在 LMS 页面中登录。请在新窗口中打开活动继续：此链接只能使用一次，有效期两分钟。",
    continueHere: "在这里继续",
    pendingTitle: "你已经有一个 SYN to FIN 账户",
    pendingHelp: (email, lms) =>
      `这里已有一个邮箱为 ${email} 的账户。要在 ${lms} 中使用它，请登录一次：你在 ${lms} 的身份就会与它关联，你的学习记录和成绩都在同一个地方。`,
    linkButton: "登录并关联我的账户（新窗口）",
    linkedContinue: "我已关联，继续",
    separate: "改用一个单独的账户",
    separateHelp: "单独的账户从空白开始，只在这个 LMS 中使用。",
    notLinkedYet: "尚未关联。请先在新窗口中登录并确认关联。",
    returningTitle: "正在把你的选择交回 LMS……",
    returningButton: "继续前往 LMS",
  },
});
