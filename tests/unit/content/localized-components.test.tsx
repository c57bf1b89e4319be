import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { localizedLessonComponents } from "@/components/lesson/localized-components";
import { Callout } from "@/components/mdx/callout";
import { Original } from "@/components/mdx/original";
import { dictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/domain/locale";

const KINDS = ["note", "tip", "warning", "correction"] as const;

describe("lesson components in Chinese", () => {
  const zh = localizedLessonComponents("zh");
  const en = dictionary("en");
  const zhWords = dictionary("zh");

  it.each(KINDS)("renders a %s callout exactly like Callout, with a Chinese label", (kind) => {
    const ZhCallout = zh.Callout;
    const translated = renderToStaticMarkup(<ZhCallout kind={kind} title="标题">正文</ZhCallout>);
    expect(translated).toContain(zhWords.callout[kind]);
    const original = renderToStaticMarkup(<Callout kind={kind} title="标题">正文</Callout>);
    expect(translated.replace(zhWords.callout[kind], en.callout[kind])).toBe(original);
  });

  it("renders the original article's wording like Original, captioned in Chinese", () => {
    const ZhOriginal = zh.Original;
    const translated = renderToStaticMarkup(<ZhOriginal>原文</ZhOriginal>);
    expect(translated.replace(zhWords.original, en.original)).toBe(renderToStaticMarkup(<Original>原文</Original>));
  });

  it("keeps the English components for English lessons", () => {
    expect(localizedLessonComponents("en").Callout).toBe(Callout);
  });

  it("binds the interactive components to the language", async () => {
    const { Quiz, HandshakeSimulator, SimulatorChallenge, TimeWaitLab, SynBacklogLab, CaptureViewer } = zh;
    const elements = [
      Quiz({ id: "time-wait" }),
      HandshakeSimulator({}),
      SimulatorChallenge({ id: "refused-connect" }),
      TimeWaitLab({}),
      SynBacklogLab({}),
      CaptureViewer({ sample: "refused" }),
    ];
    for (const element of elements) expect((element as { props: { locale?: string } }).props.locale).toBe("zh");
    // While its code loads, a component's placeholder speaks the lesson's language too.
    const html = renderToStaticMarkup(<TimeWaitLab />);
    expect(html).toContain("正在加载 TIME-WAIT 实验…");
    expect(html).not.toContain("Loading the");
    // Rendering the placeholder started loading the lab's code; let it finish inside this test.
    await import("@/components/simulator/time-wait-lab");
  });

  it("binds facts and terms to the language", () => {
    const { Fact, Term } = zh;
    expect(renderToStaticMarkup(<Fact name="rfc9293.msl" />)).toContain("2 分钟");
    expect(renderToStaticMarkup(<Term id="fin">FIN</Term>)).toContain('href="/zh/glossary#fin"');
  });

  it("binds the lesson diagrams to the language: labels, default captions and text alternatives", () => {
    const { TcpHeaderDiagram, TcpStateDiagram, PortBudgetDiagram, LadderDiagram } = zh;
    const rendered = [
      renderToStaticMarkup(<TcpHeaderDiagram highlight={["SYN"]} />),
      renderToStaticMarkup(<TcpStateDiagram highlight={["LISTEN"]} />),
      renderToStaticMarkup(<PortBudgetDiagram destinations={2} />),
      renderToStaticMarkup(<LadderDiagram steps={[{ from: "left", flags: "SYN", leftState: "SYN-SENT" }]} leftStart="CLOSED" />),
    ];
    const [header, states, ports, ladder] = rendered;
    expect(header).toContain("序列号");
    expect(header).toContain("TCP 首部（RFC 9293 §3.1）");
    expect(states).toContain("状态图的文字版");
    expect(states).toContain("高亮：LISTEN");
    expect(ports).toContain("唯一变化的部分");
    expect(ports).toContain("连向 2 个目的地的四元组");
    expect(ladder).toContain("客户端最初处于 CLOSED");
    // Interface English the diagrams used to carry; flag, state and field names of the RFC stay.
    for (const html of rendered) {
      for (const english of ["Highlighted", "Client", "Server", "the only part that varies", "Sequence number", "The diagram as text", "sends", "starts in"]) {
        expect(html).not.toContain(english);
      }
    }
  });
});

describe("the RFC 9293 / Linux box", () => {
  const box = (locale: Locale) => {
    const { RfcVsLinux, RfcSays, LinuxDoes } = localizedLessonComponents(locale);
    return renderToStaticMarkup(
      <RfcVsLinux title="TIME-WAIT lasts {fact:linux.timeWait}">
        <RfcSays source="RFC 9293 §3.4.2">
          <p>2MSL</p>
        </RfcSays>
        <LinuxDoes source="TCP_TIMEWAIT_LEN in include/net/tcp.h">
          <p>fixed</p>
        </LinuxDoes>
      </RfcVsLinux>,
    );
  };

  it("labels both sides and names each source, in the lesson's language", () => {
    const en = box("en");
    expect(en).toContain('aria-label="TIME-WAIT lasts 60 s"');
    expect(en).toContain("RFC 9293 says · Linux does");
    expect(en).toMatch(/role="group" aria-label="RFC 9293 says"[\s\S]*Source: <span[^>]*>RFC 9293 §3\.4\.2/);
    expect(en).toMatch(/role="group" aria-label="Linux does"[\s\S]*TCP_TIMEWAIT_LEN in include\/net\/tcp\.h/);
    const zh = box("zh");
    expect(zh).toContain('aria-label="TIME-WAIT lasts 60 秒"');
    expect(zh).toContain("RFC 9293 的规定 · Linux 的做法");
    expect(zh).toContain('aria-label="Linux 的做法"');
    expect(zh).toContain("出处：");
    expect(zh).not.toContain("Linux does");
  });

  it("puts numbers into callout titles from {fact:…} placeholders", () => {
    const ZhCallout = localizedLessonComponents("zh").Callout;
    const html = renderToStaticMarkup(<ZhCallout kind="correction" title="Linux 上固定为 {fact:linux.timeWait}">正文</ZhCallout>);
    expect(html).toContain('aria-label="Linux 上固定为 60 秒"');
    expect(html).toContain(">Linux 上固定为 60 秒</p>");
    expect(renderToStaticMarkup(<Callout title="fixed {fact:linux.timeWait}">x</Callout>)).toContain(">fixed 60 s</p>");
  });
});
