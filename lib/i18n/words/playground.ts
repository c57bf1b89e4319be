import { defineWords } from "@/domain/words";

/** The playground page's own words (components/simulator/playground.tsx); its parts bring their words with their code. */
const en = {
  title: "Playground",
  description: "The TCP simulator, challenges, the TIME-WAIT and SYN backlog labs and a capture viewer, all in one page.",
  intro:
    "Run TCP yourself: open and close connections, lose segments, watch timers fire, take on the challenges, load a server in the labs and read real captures. Everything you see is computed by the course's TCP engine.",
  badLink: "This shared link could not be restored",
  startsFresh: ", so the playground starts fresh:",
  copy: "Copy a link to this state",
  copied: "Link copied: ",
  linkKeeps: "The link keeps the scenario, your actions and drops, the step you are at, the lab settings and the capture sample.",
  simulator: "Simulator",
  challenges: "Challenges",
  challengesIntro: "Reach the goal with the simulator; the server replays your actions to check it and records it in your progress.",
  completed: "Completed",
  close: "Close",
  try: "Try",
  challengeName: (title: string) => `challenge: ${title}`,
  labs: "Labs",
  captures: "Captures",
};

export type PlaygroundWords = typeof en;

const zh: PlaygroundWords = {
  title: "演练场",
  description: "TCP 模拟器、挑战、TIME-WAIT 与 SYN 队列实验，以及抓包查看器，全在一个页面里。",
  intro: "亲手运行 TCP：建立和关闭连接、弄丢报文段、看着定时器到期、完成各项挑战、在实验里给服务器加压，再读一读真实的抓包。你看到的一切都由本课程的 TCP 引擎计算得出。",
  badLink: "无法恢复这个分享链接",
  startsFresh: "，所以演练场从头开始：",
  copy: "复制指向当前状态的链接",
  copied: "链接已复制：",
  linkKeeps: "这个链接会保留场景、你的操作和丢弃、当前所在的步骤、实验的设置以及示例抓包。",
  simulator: "模拟器",
  challenges: "挑战",
  challengesIntro: "用模拟器达成目标；服务器会重放你的操作来检查，并把结果记入你的学习进度。",
  completed: "已完成",
  close: "收起",
  try: "试一试",
  challengeName: (title) => `挑战：${title}`,
  labs: "实验",
  captures: "抓包",
};

export const playgroundWords = defineWords<PlaygroundWords>({ en, zh });
