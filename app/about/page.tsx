import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { SOURCE_ARTICLE } from "@/lib/content/attribution";
import { formatFact } from "@/domain/content/facts";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "About",
  alternates: pageAlternates("/about", "en"),
};

export default function AboutPage() {
  return (
    <div className="prose mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">About this course</h1>
      <p>
        <strong>SYN to FIN</strong> teaches how TCP connections are opened and closed: the three-way handshake, the four-way
        teardown, the states each endpoint passes through, and what <code>CLOSE_WAIT</code>, <code>TIME_WAIT</code> and the
        Linux <code>sysctl</code> knobs around them really mean on a production server. It is available in English and in{" "}
        <IntentLink href="/zh/about" hrefLang="zh-CN" lang="zh-CN">
          中文
        </IntentLink>
        .
      </p>
      <h2>Where the lessons come from</h2>
      <p>
        The course is a translation and adaptation of the Chinese article{" "}
        <a href={SOURCE_ARTICLE.url} lang="zh-CN">
          {SOURCE_ARTICLE.title}
        </a>{" "}
        (“{SOURCE_ARTICLE.titleEnglish}”) by {SOURCE_ARTICLE.author}, published at{" "}
        <a href={SOURCE_ARTICLE.url}>{SOURCE_ARTICLE.url}</a>. Every part of the article is covered: the flags and the header,
        the handshake, the teardown and its states, <code>CLOSE_WAIT</code>, <code>TIME_WAIT</code> and 2MSL, and the
        <code> sysctl</code> settings it recommends. Its screenshots are replaced by redrawn diagrams, real captures and a
        simulator. Every lesson ends with a credit and a link to the original.
      </p>
      <p>
        The Chinese lessons are not the original text: they are written for this course from the corrected content, with the
        same structure as the English ones, so a reader can switch language on any lesson and stay in the same section.
      </p>
      <h2>How we correct the source</h2>
      <p>
        The article was written in 2015 and repeats advice that was common then. Where it is out of date, imprecise or wrong,
        the lesson quotes the original wording, then says what is true today in a box headed “Correction to the source”
        (“对原文的更正” in Chinese). We never change the article’s meaning silently. Among the corrections:
      </p>
      <ul>
        <li>
          <code>tcp_tw_recycle</code> broke clients behind NAT and was removed in Linux 4.12; the course tells you never to use
          it.
        </li>
        <li>
          <code>tcp_fin_timeout</code> limits how long an orphaned socket waits in <code>FIN-WAIT-2</code>; it does not shorten{" "}
          <code>TIME_WAIT</code>, which Linux keeps for a fixed {formatFact("linux.timeWait", "en")}.
        </li>
        <li>
          A socket stuck in <code>CLOSE_WAIT</code> has already acknowledged the peer’s FIN; what is missing is the
          application’s <code>close()</code>, so the fix is in the code, not in a sysctl.
        </li>
        <li>
          Defaults have moved on: <code>ip_local_port_range</code> is {formatFact("linux.ip_local_port_range", "en")}, and{" "}
          <code>tcp_max_syn_backlog</code> and <code>tcp_max_tw_buckets</code> scale with the machine’s memory.
        </li>
      </ul>
      <h2>What we check against</h2>
      <ul>
        <li>RFC 9293, the consolidated TCP specification (2022), for states, flags and sequence numbers.</li>
        <li>The Linux kernel’s documentation and source for timers and sysctl defaults.</li>
        <li>Captures of real Linux TCP conversations, recorded with tcpdump, for the examples and the simulator’s behaviour.</li>
      </ul>
      <p>
        Every default, timeout and range a lesson states is rendered from the same constants the simulator runs on, and a test
        fails the build if a lesson types a different number by hand, so the text and the simulator cannot disagree. The{" "}
        <IntentLink href="/glossary">glossary</IntentLink> lists them all.
      </p>
    </div>
  );
}
