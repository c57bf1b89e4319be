import Link from "next/link";
import { HandshakeIllustration } from "@/components/layout/handshake-illustration";
import { ButtonLink } from "@/components/ui/button-link";
import { listLessons } from "@/lib/content/lessons.server";
import { lessonPath, localePath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";

type Feature = { title: string; text: string };
type Illustration = { label: string; client: string; server: string };

const TEXT: Record<
  Locale,
  { heading: string; lead: string; start: string; signUp: string; featuresHeading: string; outline: string; lesson: (n: number) => string; features: Feature[]; illustration: Illustration }
> = {
  en: {
    heading: "Learn how TCP opens and closes connections.",
    lead: "The three-way handshake, the four-way teardown, CLOSE_WAIT leaks and TIME_WAIT storms — explained, simulated and checked against real Linux captures.",
    start: "Start the first lesson",
    signUp: "Create a free account",
    featuresHeading: "What you get",
    outline: "The course",
    lesson: (n) => `Lesson ${n}`,
    illustration: {
      label:
        "Ladder diagram: the client sends SYN, the server answers SYN+ACK, the client acknowledges and both are ESTABLISHED; later the client sends FIN and the server acknowledges it.",
      client: "client",
      server: "server",
    },
    features: [
      {
        title: "A real TCP state machine",
        text: "Step through handshakes and teardowns segment by segment, drop packets and watch retransmissions — the simulator follows RFC 9293 and Linux's timers.",
      },
      {
        title: "Quizzes graded on the server",
        text: "Set the flags, name the state, compute the next sequence number. Fresh variants every attempt, with feedback on each answer.",
      },
      { title: "Built for classes", text: "Instructors create classes, assign lessons, quizzes and simulator challenges, and see who did what." },
      {
        title: "Right about today's Linux",
        text: "tcp_tw_recycle is gone, tcp_fin_timeout is not TIME_WAIT. Where the source article is out of date, the course says so.",
      },
    ],
  },
  zh: {
    heading: "弄懂 TCP 如何建立和关闭连接。",
    lead: "三次握手、四次挥手、CLOSE_WAIT 泄漏和 TIME_WAIT 堆积——逐一讲解、动手模拟，并用真实的 Linux 抓包来验证。",
    start: "从第一课开始",
    signUp: "免费注册",
    featuresHeading: "课程特色",
    outline: "课程目录",
    lesson: (n) => `第 ${n} 课`,
    illustration: {
      label: "序列图：客户端发送 SYN，服务端回应 SYN+ACK，客户端确认后双方进入 ESTABLISHED；之后客户端发送 FIN，服务端确认。",
      client: "客户端",
      server: "服务端",
    },
    features: [
      { title: "真实的 TCP 状态机", text: "逐个报文段地单步执行握手和挥手，丢几个包，看看重传如何发生——模拟器遵循 RFC 9293 和 Linux 的定时器。" },
      { title: "服务端判分的测验", text: "设置标志位、说出状态、算出下一个序列号。每次作答都是新的题目变体，每个选项都有反馈。" },
      { title: "为课堂而设计", text: "教师可以创建班级，布置课程、测验和模拟器挑战，并查看每个学生的完成情况。" },
      { title: "符合今天的 Linux", text: "tcp_tw_recycle 早已移除，tcp_fin_timeout 也管不了 TIME_WAIT。原文过时的地方，课程都会明确指出。" },
    ],
  },
};

/** The landing page in either language. */
export function HomePage({ locale }: { locale: Locale }) {
  const text = TEXT[locale];
  const lessons = listLessons(locale);
  return (
    <div>
      <section className="mx-auto grid max-w-6xl items-center gap-10 px-4 py-16 md:grid-cols-[1.2fr_1fr] md:py-24">
        <div>
          <p className="font-mono text-sm text-accent" lang="en">
            SYN → SYN+ACK → ACK … FIN → ACK
          </p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight sm:text-5xl">{text.heading}</h1>
          <p className="mt-5 max-w-xl text-lg text-fg-muted">{text.lead}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink href={lessons[0] ? lessonPath(locale, lessons[0].slug) : localePath(locale, "/course")}>{text.start}</ButtonLink>
            <ButtonLink href="/signup" variant="secondary">
              {text.signUp}
            </ButtonLink>
          </div>
        </div>
        <div className="flex justify-center rounded-2xl border border-border bg-bg-elevated p-6">
          <HandshakeIllustration {...text.illustration} />
        </div>
      </section>
      <section aria-labelledby="features" className="border-y border-border bg-bg-sunken">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <h2 id="features" className="sr-only">
            {text.featuresHeading}
          </h2>
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {text.features.map((feature) => (
              <li key={feature.title}>
                <h3 className="font-semibold">{feature.title}</h3>
                <p className="mt-2 text-sm leading-relaxed text-fg-muted">{feature.text}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <section aria-labelledby="outline" className="mx-auto max-w-6xl px-4 py-14">
        <h2 id="outline" className="text-2xl font-semibold">
          {text.outline}
        </h2>
        <ol className="mt-6 grid gap-4 md:grid-cols-2">
          {lessons.map((lesson) => (
            <li key={lesson.slug}>
              <Link href={lessonPath(locale, lesson.slug)} className="block rounded-xl border border-border bg-bg-elevated p-5 hover:border-accent/60">
                <span className="text-sm text-fg-muted">{text.lesson(lesson.order)}</span>
                <span className="mt-1 block font-semibold">{lesson.title}</span>
                <span className="mt-1 block text-sm text-fg-muted">{lesson.summary}</span>
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
