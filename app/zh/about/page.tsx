import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { SOURCE_ARTICLE } from "@/lib/content/attribution";
import { formatFact } from "@/domain/content/facts";
import { pageAlternates } from "@/lib/i18n/paths";

export const metadata: Metadata = {
  title: "关于",
  alternates: pageAlternates("/about", "zh"),
};

export default function ChineseAboutPage() {
  return (
    <div className="prose mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">关于本课程</h1>
      <p>
        <strong>SYN to FIN</strong> 讲的是 TCP 连接如何建立、如何关闭：三次握手、四次挥手、两端各自经历的状态，以及
        <code>CLOSE_WAIT</code>、<code>TIME_WAIT</code> 和相关的 Linux <code>sysctl</code> 参数在生产服务器上的真实含义。课程提供中文和
        <IntentLink href="/about" hrefLang="en" lang="en">
          English
        </IntentLink>
        两个版本。
      </p>
      <h2>课程内容的来源</h2>
      <p>
        本课程译写自博客园上 {SOURCE_ARTICLE.author} 的文章
        《<a href={SOURCE_ARTICLE.url}>{SOURCE_ARTICLE.title}</a>》（原文地址：
        <a href={SOURCE_ARTICLE.url}>{SOURCE_ARTICLE.url}</a>）。原文的每一部分都有对应的内容：标志位与首部、三次握手、四次挥手及其状态、
        <code>CLOSE_WAIT</code>、<code>TIME_WAIT</code> 与 2MSL，以及文中推荐的 <code>sysctl</code>
        设置。原文中的截图换成了重新绘制的示意图、真实的抓包和模拟器。每一课的末尾都注明出处并附有原文链接。
      </p>
      <p>
        中文课程并不是原文的照搬：它依据更正后的内容为本课程重新撰写，与英文版保持相同的结构，因此在任何一课切换语言，都会停留在同一小节。
      </p>
      <h2>我们如何更正原文</h2>
      <p>
        原文写于 2015 年，其中一些建议在当时很常见。凡是原文过时、不够准确或有误的地方，课程都会先引用原文，再在标题为“对原文的更正”（英文版为
        “<span lang="en">Correction to the source</span>”）的提示框中说明今天的实际情况。我们从不悄悄改变原文的意思。主要的更正包括：
      </p>
      <ul>
        <li>
          <code>tcp_tw_recycle</code> 会让 NAT 后面的客户端连不上，已在 Linux 4.12 中移除；课程明确告诉你永远不要使用它。
        </li>
        <li>
          <code>tcp_fin_timeout</code> 限制的是孤儿套接字在 <code>FIN-WAIT-2</code> 中等待的时间，并不能缩短
          <code>TIME_WAIT</code>；Linux 的 <code>TIME_WAIT</code> 固定为 {formatFact("linux.timeWait", "zh")}。
        </li>
        <li>
          停在 <code>CLOSE_WAIT</code> 的套接字早已确认了对方的 FIN，缺的是应用调用 <code>close()</code>，所以要改的是代码，而不是
          sysctl。
        </li>
        <li>
          默认值已经变化：<code>ip_local_port_range</code> 现在是 {formatFact("linux.ip_local_port_range", "zh")}，
          <code>tcp_max_syn_backlog</code> 和 <code>tcp_max_tw_buckets</code> 则随机器内存大小而定。
        </li>
      </ul>
      <h2>我们依据什么来核对</h2>
      <ul>
        <li>RFC 9293（2022 年发布的 TCP 统一规范）：状态、标志位和序列号。</li>
        <li>Linux 内核的文档和源代码：定时器和 sysctl 默认值。</li>
        <li>用 tcpdump 录制的真实 Linux TCP 通信：课程中的示例以及模拟器的行为。</li>
      </ul>
      <p>
        课程中出现的每一个默认值、超时和取值范围，都直接取自模拟器所用的同一组常量；如果某一课手写了不一致的数字，测试就会失败，构建随之中止，
        因此正文和模拟器不会互相矛盾。这些数值都收录在<IntentLink href="/zh/glossary">术语表</IntentLink>中。
      </p>
    </div>
  );
}
