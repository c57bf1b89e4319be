import type { Metadata } from "next";
import Link from "next/link";
import { HandshakeIllustration } from "@/components/layout/handshake-illustration";
import { ButtonLink } from "@/components/ui/button";
import { listLessons } from "@/lib/content/lessons.server";

export const metadata: Metadata = {
  alternates: { canonical: "/zh", languages: { en: "/", "zh-CN": "/zh", "x-default": "/" } },
};

const FEATURES = [
  { title: "真实的 TCP 状态机", text: "逐个报文段地单步执行握手和挥手，丢几个包，看看重传如何发生——模拟器遵循 RFC 9293 和 Linux 的定时器。" },
  { title: "服务端判分的测验", text: "设置标志位、说出状态、算出下一个序列号。每次作答都是新的题目变体，每个选项都有反馈。" },
  { title: "为课堂而设计", text: "教师可以创建班级，布置课程、测验和模拟器挑战，并查看每个学生的完成情况。" },
  { title: "符合今天的 Linux", text: "tcp_tw_recycle 早已移除，tcp_fin_timeout 也管不了 TIME_WAIT。原文过时的地方，课程都会明确指出。" },
];

export default function ChineseHomePage() {
  const lessons = listLessons("zh");
  return (
    <div>
      <section className="mx-auto grid max-w-6xl items-center gap-10 px-4 py-16 md:grid-cols-[1.2fr_1fr] md:py-24">
        <div>
          <p className="font-mono text-sm text-accent">SYN → SYN+ACK → ACK … FIN → ACK</p>
          <h1 className="mt-3 text-4xl font-semibold tracking-tight sm:text-5xl">弄懂 TCP 如何建立和关闭连接。</h1>
          <p className="mt-5 max-w-xl text-lg text-fg-muted">
            三次握手、四次挥手、CLOSE_WAIT 泄漏和 TIME_WAIT 堆积——逐一讲解、动手模拟，并用真实的 Linux 抓包来验证。
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <ButtonLink href={lessons[0] ? `/zh/course/${lessons[0].slug}` : "/zh/course"}>从第一课开始</ButtonLink>
            <ButtonLink href="/signup" variant="secondary">
              免费注册
            </ButtonLink>
          </div>
        </div>
        <div className="flex justify-center rounded-2xl border border-border bg-bg-elevated p-6" lang="en">
          <HandshakeIllustration />
        </div>
      </section>
      <section aria-labelledby="features" className="border-y border-border bg-bg-sunken">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <h2 id="features" className="sr-only">
            课程特色
          </h2>
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {FEATURES.map((feature) => (
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
          课程目录
        </h2>
        <ol className="mt-6 grid gap-4 md:grid-cols-2">
          {lessons.map((lesson) => (
            <li key={lesson.slug}>
              <Link href={`/zh/course/${lesson.slug}`} className="block rounded-xl border border-border bg-bg-elevated p-5 hover:border-accent/60">
                <span className="text-sm text-fg-muted">第 {lesson.order} 课</span>
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
