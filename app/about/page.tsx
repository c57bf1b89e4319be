import type { Metadata } from "next";
import { SOURCE_ARTICLE } from "@/lib/content/attribution";

export const metadata: Metadata = { title: "About" };

export default function AboutPage() {
  return (
    <div className="prose mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">About this course</h1>
      <p>
        <strong>SYN to FIN</strong> teaches how TCP connections are opened and closed: the three-way handshake, the four-way
        teardown, the states each endpoint passes through, and what <code>CLOSE_WAIT</code>, <code>TIME_WAIT</code> and the
        Linux <code>sysctl</code> knobs around them really mean on a production server.
      </p>
      <h2>Where the lessons come from</h2>
      <p>
        The course is a translation and adaptation of the Chinese article{" "}
        <a href={SOURCE_ARTICLE.url} lang="zh-CN">
          {SOURCE_ARTICLE.title}
        </a>{" "}
        (“{SOURCE_ARTICLE.titleEnglish}”) by {SOURCE_ARTICLE.author}. Every part of the article is covered. Where the article is
        out of date or imprecise — for example <code>tcp_tw_recycle</code>, which was removed in Linux 4.12, or the idea that{" "}
        <code>tcp_fin_timeout</code> shortens <code>TIME_WAIT</code> — the lesson says so in a “Correction to the source” box and
        explains what current Linux and RFC 9293 actually do.
      </p>
      <h2>What we check against</h2>
      <ul>
        <li>RFC 9293, the consolidated TCP specification (2022), for states, flags and sequence numbers.</li>
        <li>The Linux kernel’s documentation and source for timers and sysctl defaults.</li>
        <li>Captures of real Linux TCP conversations, recorded with tcpdump, for the examples and the simulator’s behaviour.</li>
      </ul>
    </div>
  );
}
