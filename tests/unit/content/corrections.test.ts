/**
 * The corrections of issue "Exactly what Linux does" hold in both languages: each test names the
 * claim, checks the answer keys and numbers against the kernel recording, the engine or the
 * kernel's rules, and guards the lesson text against the old, wrong statement coming back.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findGlossaryEntry } from "@/content/glossary";
import { quizFiles } from "@/content/quizzes";
import type { QuizInput } from "@/domain/quiz/schema";
import { runScenario } from "@/domain/tcp";
import { getFact } from "@/domain/content/facts";
import { LOCALES, type Locale } from "@/domain/content/frontmatter";
import { CONTENT_DIR } from "@/lib/content/lessons.server";
import { experiment } from "../tcp/kernel-fixture";

const lesson = (slug: string, locale: Locale) =>
  readFileSync(path.join(CONTENT_DIR, slug, locale === "en" ? "index.mdx" : `index.${locale}.mdx`), "utf8");

/** The lesson without the article's quoted wording, which is wrong on purpose. */
const ownText = (slug: string, locale: Locale) =>
  lesson(slug, locale)
    .replace(/<Original>[\s\S]*?<\/Original>/g, "")
    .replace(/^>.*$/gm, "");

const glossary = (id: string) => {
  const entry = findGlossaryEntry(id);
  if (!entry) throw new Error(`no glossary entry ${id}`);
  return entry;
};

type Question = QuizInput["questions"][number];

function quiz(id: string): QuizInput {
  const file = quizFiles.find((f) => f.quiz.id === id);
  if (!file) throw new Error(`no quiz ${id}`);
  return file.quiz;
}

function question(quizId: string, questionId: string): Question {
  const found = quiz(quizId).questions.find((q) => q.id === questionId);
  if (!found) throw new Error(`no question ${questionId} in ${quizId}`);
  return found;
}

const value = (name: string) => {
  const fact = getFact(name);
  return "value" in fact ? fact.value : "ms" in fact ? fact.ms : NaN;
};

/**
 * How many half-open requests a listener keeps when `clients` SYNs arrive whose handshakes never
 * complete, by tcp_conn_request() (net/ipv4/tcp_input.c, Linux 6.13+): the SYN queue is full when
 * it holds more than sk_max_ack_backlog = min(backlog, somaxconn); with cookies off a SYN from an
 * unproven peer is also dropped once max_syn_backlog - queue < max_syn_backlog / 4.
 */
function requestsKept(backlog: number, somaxconn: number, maxSynBacklog: number, cookies: 0 | 1, clients: number): number {
  const maxAckBacklog = Math.min(backlog, somaxconn);
  let queue = 0;
  for (let syn = 0; syn < clients; syn++) {
    if (queue > maxAckBacklog) continue; // full: a cookie (kept nowhere) or a drop
    if (cookies === 0 && maxSynBacklog - queue < maxSynBacklog >> 2) continue;
    queue++;
  }
  return queue;
}

describe("the SYN queue is bounded by the listen() backlog; tcp_max_syn_backlog matters only with cookies off", () => {
  it("matches the kernel's rule and the recording in the lesson's table, in both languages", () => {
    expect(requestsKept(4, 4096, 2048, 0, 10)).toBe(5);
    expect(requestsKept(4, 4096, 2048, 1, 10)).toBe(5);
    expect(requestsKept(4096, 4096, 16, 0, 40)).toBe(13);
    expect(requestsKept(4096, 4096, 16, 1, 40)).toBe(40);
    // Recorded by scripts/record-tcp-timings.py: listen(4), ten SYNs whose final ACK is lost.
    expect(experiment("syn-queue-nocookies").events.find((e) => e.event === "syn-queue")).toMatchObject({ serverSide: { "SYN-RECEIVED": 5 }, clientSide: { "SYN-SENT": 5 } });
    expect(experiment("syn-queue-cookies").events.find((e) => e.event === "syn-queue")).toMatchObject({ serverSide: { "SYN-RECEIVED": 5 }, clientSide: { ESTABLISHED: 10 } });

    for (const locale of LOCALES) {
      // "5 of 10" / "10 个中的 5 个", or a single number when every request is kept ("40 个全部保留").
      const rows = [...lesson("many-time-wait-sockets", locale).matchAll(/^\| (\d+) \| (\d+) \| ([01]) \| (\d+)(?:[^\d\n|]+(\d+))?/gm)].map((m) =>
        m.slice(1).map((n) => (n === undefined ? undefined : Number(n))),
      );
      expect(rows, locale).toHaveLength(4);
      for (const [backlog, maxSynBacklog, cookies, first, second = first] of rows) {
        const [kept, clients] = [Math.min(first!, second!), Math.max(first!, second!)];
        expect(requestsKept(backlog!, 4096, maxSynBacklog!, cookies as 0 | 1, clients), `${locale}: ${backlog} ${maxSynBacklog} ${cookies}`).toBe(kept);
      }
    }
  });

  it("is what the glossary says", () => {
    for (const id of ["tcp_max_syn_backlog", "syn-queue", "somaxconn"]) {
      const { en, zh } = glossary(id).body;
      expect(en, id).toMatch(/backlog/);
      expect(zh, id).toMatch(/backlog/);
    }
    expect(glossary("tcp_max_syn_backlog").body.en).toMatch(/only when cookies are off/);
    expect(glossary("tcp_max_syn_backlog").short.en).toMatch(/does not size the SYN queue/);
    expect(glossary("syn-queue").body.en).not.toMatch(/Bounded by \[\[tcp_max_syn_backlog\]\]/);
  });

  it("is what the handshake lesson says, in both languages", () => {
    expect(ownText("three-way-handshake", "en")).toContain("`sk_max_ack_backlog`");
    expect(ownText("three-way-handshake", "zh")).toContain("`sk_max_ack_backlog`");
    expect(ownText("three-way-handshake", "en")).not.toMatch(/SYN queue is bounded by\s+<Term id="tcp_max_syn_backlog">/);
    expect(ownText("many-time-wait-sockets", "en")).not.toMatch(/Raise it \(together with the `listen\(\)` backlog\) if `nstat` shows `TcpExtListenDrops`/);
  });

  it("is the answer key of the sysctl matching question, which replaces the old one", () => {
    const match = question("many-time-wait-sockets", "sysctls-on-linux-6");
    expect(match.type).toBe("match");
    if (match.type !== "match") return;
    expect(match.pairs.find((pair) => pair.id === "syn-backlog")?.right.text).toMatch(/unless SYN cookies are turned off/);
    expect(match.pairs.find((pair) => pair.id === "listen-cap")?.right.text).toMatch(/SYN queue and the accept queue/);
    expect(quiz("many-time-wait-sockets").questions.map((q) => q.id)).not.toContain("sysctl-match");
  });
});

describe("a full accept queue leaves clients in SYN-SENT (the corrected answer key)", () => {
  it("counts 'the accept queue is full' as a cause, as the kernel recording shows", () => {
    const causes = question("three-way-handshake", "syn-sent-causes");
    expect(causes.type).toBe("multiple");
    if (causes.type !== "multiple") return;
    expect(causes.options.filter((o) => o.correct).map((o) => o.id).sort()).toEqual(["accept-queue-full", "silently-dropped"]);
    expect(quiz("three-way-handshake").questions.map((q) => q.id)).not.toContain("stuck-in-syn-sent");
    // listen(4), ten connects, no accept(): some clients never got past SYN-SENT.
    const recorded = experiment("accept-queue").events.find((e) => e.event === "accept-queue") as unknown as { clientSide: Record<string, number> };
    expect(recorded.clientSide["SYN-SENT"]).toBe(value("measured.acceptQueueFullSynSent"));
    expect(value("measured.acceptQueueFullSynSent")).toBeGreaterThan(0);
  });
});

describe("a simultaneous open is four segments in RFC 9293 Figure 7 and six on Linux", () => {
  it.each(LOCALES)("says so with both facts and the right figure (%s)", (locale) => {
    const text = ownText("three-way-handshake", locale);
    const section = text.slice(text.indexOf("<RfcVsLinux"), text.indexOf("</RfcVsLinux>"));
    expect(section).toContain('<Fact name="rfc9293.simultaneousOpenSegments" />');
    expect(section).toContain('<Fact name="linux.simultaneousOpenSegments" />');
    expect(section).toMatch(/Figure 7|图 7/);
    expect(text).not.toMatch(/four segments and one\s+connection|四个报文段，一条连接/);
  });

  it("cites Figure 7 in the facts page", () => {
    const facts = readFileSync(path.join(process.cwd(), "docs/linux-tcp-facts.md"), "utf8");
    expect(facts).toMatch(/\| Simultaneous open \|.*Figure 7/);
  });
});

describe("TIME-WAIT is a restartable timer, not a fixed sentence", () => {
  it.each(LOCALES)("no lesson says it lasts the same whatever happens (%s)", (locale) => {
    for (const slug of ["time-wait", "closing-states", "four-way-teardown", "many-time-wait-sockets"]) {
      expect(ownText(slug, locale), slug).not.toMatch(/whatever the traffic|whatever happens|on Linux always <Fact|无论流量如何|无论发生什么/);
      // Its length is fixed; the timer itself is not "always" that long.
      expect(ownText(slug, locale), slug).not.toMatch(/(?:is|timer) always\s+(?:`TCP_TIMEWAIT_LEN`|<Fact name="linux\.timeWait")|始终是\s*(?:`TCP_TIMEWAIT_LEN`|<Fact name="linux\.timeWait")/);
    }
    const timeWait = ownText("time-wait", locale);
    expect(timeWait).toContain("tcp_timewait_state_process()");
    expect(timeWait).toContain("tcp_rfc1337");
  });

  it.each(LOCALES)("a segment PAWS rejects is answered and restarts the timer, as tcp_timewait_state_process() does (%s)", (locale) => {
    const text = ownText("time-wait", locale);
    // The last box of the lesson: what arriving segments do to a TIME-WAIT socket.
    const box = text.slice(text.lastIndexOf("<RfcVsLinux"), text.lastIndexOf("</RfcVsLinux>"));
    const linux = box.slice(box.indexOf("<LinuxDoes"));
    expect(linux).not.toMatch(/dropped by PAWS|被 PAWS 丢弃/);
    expect(linux).toMatch(/too old for PAWS[\s\S]*answered with an ACK|被 PAWS 拒绝的报文段，都会得到一个 ACK/);
  });

  it.each(LOCALES)("shows its length as RFC 9293 and Linux give it, side by side (%s)", (locale) => {
    const text = ownText("time-wait", locale);
    const box = text.slice(text.indexOf("<RfcVsLinux"), text.indexOf("</RfcVsLinux>"));
    expect(box.slice(0, box.indexOf("<LinuxDoes"))).toContain('<Fact name="rfc9293.timeWait" />');
    expect(box.slice(box.indexOf("<LinuxDoes"))).toContain('<Fact name="linux.timeWait" />');
    expect(box).toContain("TCP_TIMEWAIT_LEN");
  });

  it("is what the glossary says", () => {
    expect(glossary("time-wait").body.en).toMatch(/restarts the timer/);
    expect(glossary("time-wait").body.zh).toMatch(/重新开始/);
  });
});

describe("FIN-WAIT-1 goes to TIME-WAIT on a FIN that acknowledges its FIN, to CLOSING on one that does not", () => {
  it.each(LOCALES)("in the closing states table (%s)", (locale) => {
    const row = ownText("closing-states", locale).split("\n").find((line) => line.startsWith("| FIN-WAIT-1 |"))!;
    expect(row).not.toMatch(/FIN\+ACK \(→ TIME-WAIT\)|FIN\+ACK（→ TIME-WAIT）/);
    expect(row).toMatch(/TIME-WAIT/);
    expect(row).toMatch(/CLOSING/);
  });

  it("in the glossary", () => {
    expect(glossary("fin-wait-1").body.en).not.toMatch(/a FIN\+ACK moves it straight/);
    expect(glossary("fin-wait-1").body.en).toMatch(/acknowledges our FIN/);
  });
});

/** include/net/tcp_states.h: the numbers /proc/net/tcp prints in its st column, in hexadecimal. */
const TCP_STATE_NUMBERS: Record<string, number> = {
  ESTABLISHED: 1,
  "SYN-SENT": 2,
  "SYN-RECEIVED": 3,
  "FIN-WAIT-1": 4,
  "FIN-WAIT-2": 5,
  "TIME-WAIT": 6,
  CLOSED: 7,
  "CLOSE-WAIT": 8,
  "LAST-ACK": 9,
  LISTEN: 10,
  CLOSING: 11,
};
const hex = (state: string) => TCP_STATE_NUMBERS[state]!.toString(16).toUpperCase().padStart(2, "0");

describe("/proc/net/tcp shows hexadecimal state numbers, and ss prints CLOSED as UNCONN", () => {
  it.each(LOCALES)("gives every state's code as tcp_states.h numbers it (%s)", (locale) => {
    const handshake = ownText("three-way-handshake", locale);
    const rows = [...handshake.matchAll(/^\| ([A-Z-]+) \|[^|]*\| `(\w\w)` \|/gm)];
    expect(rows.map((m) => m[1])).toEqual(["CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"]);
    for (const [, state, code] of rows) expect(code, state).toBe(hex(state!));
    const closing = ownText("closing-states", locale);
    const codes = [...closing.matchAll(/`(0[0-9A-F])`\s*(?:is|是)?\s*([A-Z]+(?:-[A-Z0-9]+)*)/g)];
    expect(codes.length).toBeGreaterThanOrEqual(7);
    for (const [, code, state] of codes) expect(code, state).toBe(hex(state!));
    expect(closing).not.toMatch(/`\/proc\/net\/tcp` with underscores|`\/proc\/net\/tcp` 则用下划线/);
  });

  it("says so in the glossary", () => {
    expect(glossary("closed").aliases).toContain("UNCONN");
    expect(glossary("closed").body.en).toMatch(/prints `UNCONN`/);
    expect(glossary("closed").body.en).not.toMatch(/`ss` shows it as `CLOSE`/);
    for (const id of ["syn-sent", "syn-received", "time-wait"]) {
      const code = hex(glossary(id).term.en);
      expect(glossary(id).body.en, id).toContain(`\`/proc/net/tcp\` the code \`${code}\``);
      expect(glossary(id).body.en, id).not.toMatch(/\/proc shows/);
    }
  });
});

describe("which resets are accepted, and which resets carry ACK", () => {
  it.each(LOCALES)("shows RFC 9293 and Linux (RFC 5961) side by side in the header lesson (%s)", (locale) => {
    const text = ownText("tcp-header-and-flags", locale);
    const box = text.slice(text.indexOf("<RfcVsLinux"), text.indexOf("</RfcVsLinux>"));
    expect(box).toContain("RFC 5961");
    expect(box).toContain("RCV.NXT");
    expect(box).toMatch(/challenge ACK|挑战 ACK/);
    expect(box).toMatch(/SYN-SENT/);
    expect(text).toContain("<SEQ=SND.NXT><CTL=RST>");
    expect(text).not.toMatch(/it is accepted only if its\s+sequence number falls inside the receiver's window/);
  });

  it.each(LOCALES)("shows the abort's reset without ACK in RFC 9293 and with ACK on Linux, side by side in the teardown lesson (%s)", (locale) => {
    const text = ownText("four-way-teardown", locale);
    const box = text.slice(text.lastIndexOf("<RfcVsLinux"), text.lastIndexOf("</RfcVsLinux>"));
    const [rfc, linux] = [box.slice(0, box.indexOf("<LinuxDoes")), box.slice(box.indexOf("<LinuxDoes"))];
    expect(rfc).toContain("<SEQ=SND.NXT><CTL=RST>");
    expect(rfc).toContain("§3.10.5");
    expect(linux).toContain("<SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>");
    expect(linux).toContain("tcp_send_active_reset()");
  });

  it("says so in the glossary", () => {
    expect(glossary("rst").body.en).toMatch(/RFC 5961/);
    expect(glossary("rst").body.en).not.toMatch(/it is accepted only if its sequence number is in the window\.$/);
    expect(glossary("ack").body.en).toMatch(/§3\.10\.5/);
  });
});

describe("the details of TIME-WAIT and the sysctls", () => {
  it.each(LOCALES)("no pure ACK is acknowledged, and the timer-wheel slack comes from the engine's wheel (%s)", (locale) => {
    const text = ownText("time-wait", locale);
    expect(text).not.toMatch(/only segment of a connection that is never acknowledged|唯一永远不会被确认的报文段/);
    expect(text).toContain('<Fact name="linux.timeWaitTimerSlack" />');
    expect(text).not.toMatch(/about a\s+second|大约一秒/);
    expect(value("linux.timeWaitTimerSlack")).toBe(512 * 4); // level 3 of the wheel, 8^3 jiffies of 4 ms
  });

  it.each(LOCALES)("many-time-wait-sockets corrects the sysctls (%s)", (locale) => {
    const text = ownText("many-time-wait-sockets", locale);
    expect(text).not.toMatch(/cutting off a slow peer|切断一个还在发送数据的慢速对端/);
    expect(text).not.toMatch(/Only two of these lines|只有两行与/);
    expect(text).not.toMatch(/the one sysctl that helps clients|唯一对客户端有帮助的 sysctl/);
    expect(text).toMatch(/does not raise a server's concurrency|并不能提升服务器的并发能力/);
    expect(text).toContain("How often TCP sends out keepalive messages");
    expect(text).not.toMatch(/old wording of the kernel|内核文档的旧说法/);
  });

  it.each(LOCALES)("reading end-of-file does not release the delayed ACK, as the lesson's capture shows (%s)", (locale) => {
    const text = ownText("four-way-teardown", locale);
    expect(text).not.toMatch(/until the\s+application reads or|直到应用读取数据/);
    // The four-segment capture: the client's FIN and the server's lone ACK of it.
    const time = (line: string) => Number(/^00:00:(\d+\.\d+)/.exec(line)![1]);
    const lines = text.split("\n");
    const fin = lines.find((l) => l.includes("Flags [F.], seq 101, ack 1") && l.includes(".7005"))!;
    const ack = lines.find((l) => l.includes("Flags [.], ack 102") && l.includes(".7005"))!;
    const ms = Math.round((time(ack) - time(fin)) * 1000);
    expect(ms).toBe(42);
    expect(text).toMatch(/42 ms after the FIN|FIN 之后 42 毫秒/);
  });

  it.each(LOCALES)("keepalive runs in CLOSE-WAIT (%s)", (locale) => {
    expect(ownText("closing-states", locale)).toContain("tcp_keepalive_timer()");
    expect(glossary("close-wait").body.en).toMatch(/Keepalive, if the application enabled it, still probes a CLOSE-WAIT socket/);
  });
});

describe("the glossary's details", () => {
  it("counts the reuse delay from the entry into TIME-WAIT", () => {
    expect(glossary("tcp_tw_reuse_delay").body.en).toMatch(/entered TIME-WAIT/);
    expect(glossary("tcp_tw_reuse").body.en).toMatch(/counted from its entry into TIME-WAIT/);
    expect(glossary("tcp_tw_reuse").body.en).not.toMatch(/after the last segment/);
  });

  it("says URG is SHOULD NOT, not must not", () => {
    expect(glossary("urg").short.en).toMatch(/SHOULD NOT/);
    expect(glossary("urg").short.en).not.toMatch(/must not/);
  });

  it("counts SYN retransmissions with tcp_syn_linear_timeouts", () => {
    expect(glossary("syn-sent").body.en).toContain("[[tcp_syn_linear_timeouts]] + [[tcp_syn_retries]]");
    expect(glossary("syn-sent").body.en).toContain("{fact:linux.synRetransmissions}");
    expect(value("linux.synRetransmissions")).toBe(value("linux.tcp_syn_retries") + value("linux.tcp_syn_linear_timeouts"));
  });

  it.each(LOCALES)("explains the 67 s / 69 s difference of the last SYN (%s)", (locale) => {
    const text = ownText("three-way-handshake", locale);
    expect(text).toContain('<Fact name="linux.lastSynRetransmission" />');
    expect(text).toContain('<Fact name="measured.lastSynRetransmission" />');
    expect(text).toContain("calc_wheel_index()");
  });
});

describe("the glossary's corrections, in Chinese too", () => {
  it("says each corrected fact in the zh text of its entry", () => {
    const zh = (id: string) => glossary(id).body.zh;
    expect(zh("tcp_max_syn_backlog")).toMatch(/只有关闭 cookie（`tcp_syncookies = 0`）时内核才会读取这个参数/);
    expect(glossary("tcp_max_syn_backlog").short.zh).toMatch(/并不决定 SYN 队列的长度/);
    expect(zh("syn-queue")).toMatch(/min\(backlog, \[\[somaxconn\]\]\)/);
    expect(zh("fin-wait-1")).toMatch(/如果它确认了本端的 FIN，就直接进入 \[\[time-wait\]\]/);
    expect(zh("fin-wait-1")).toMatch(/\[\[closing\]\]/);
    expect(zh("closed")).toContain("`UNCONN`");
    expect(zh("time-wait")).toContain("`06`");
    expect(zh("rst")).toMatch(/RFC 5961/);
    expect(zh("rst")).toMatch(/挑战 ACK/);
    expect(zh("ack")).toMatch(/§3\.10\.5/);
    expect(zh("tcp_tw_reuse_delay")).toMatch(/进入 TIME-WAIT 的时刻/);
    expect(glossary("urg").short.zh).toMatch(/SHOULD NOT/);
    expect(zh("syn-sent")).toContain("[[tcp_syn_linear_timeouts]] + [[tcp_syn_retries]]");
    expect(zh("close-wait")).toMatch(/保活仍会探测 CLOSE-WAIT 套接字/);
    expect(zh("tcp_keepalive_time")).toMatch(/CLOSE-WAIT 也不例外/);
  });
});

describe("RFC 9293 asks for three minutes of SYN retransmission; Linux's defaults give up sooner", () => {
  it("holds the numbers of the handshake lesson's box", () => {
    const silent = (sysctl: Record<string, number>) =>
      runScenario({ profile: "linux", sysctl, actions: [{ at: 0, host: "client", do: "connect" }], drop: [{ from: "client", nth: Array.from({ length: 30 }, (_, i) => i + 1) }] }).errors[0]?.t;
    expect(value("linux.connectTimeout")).toBeLessThan(180_000);
    expect(silent({})).toBe(value("linux.connectTimeout"));
    expect(silent({ tcp_syn_retries: 7 })).toBe(251_000);
    for (const locale of LOCALES) expect(ownText("three-way-handshake", locale)).toMatch(/`tcp_syn_retries = 7`[\s\S]{0,80}251 (?:s|秒)/);
  });
});

describe("quiz texts", () => {
  it("asks about shutdown(fd, SHUT_WR), not an unspecified shutdown()", () => {
    const flags = question("tcp-header-and-flags", "flags-client-fin");
    expect(flags.type === "flags" && flags.segment).toContain("shutdown(fd, SHUT_WR)");
  });

  /** Every "seq N" / "ack N" a text quotes. */
  const fields = (text: string) => [...text.matchAll(/\b(?:seq|ack) \d+/g)].map((m) => m[0]);

  it("gives feedback only about the header fields of a capture the question shows", () => {
    for (const file of quizFiles) {
      for (const q of file.quiz.questions) {
        const shown = JSON.stringify([q.prompt, "segment" in q ? q.segment : "", "items" in q ? q.items : [], "options" in q ? q.options.map((o) => o.text) : []]);
        // Questions that show segments as tcpdump prints them ([F.], [S.]): their feedback may quote only what is shown.
        if (!/\[(?:[SFRP]+\.?|\.)\]/.test(shown)) continue;
        const said = [
          ...("options" in q ? q.options.map((o) => o.feedback) : []),
          ...("wrongBit" in q && q.wrongBit ? Object.values(q.wrongBit).map((w) => w.feedback) : []),
        ].join(" ");
        for (const field of fields(said)) expect(shown, `${file.source} ${q.id}: feedback quotes ${field}`).toContain(field);
      }
    }
    expect(question("four-way-teardown", "three-segment-close").prompt).toContain("ack 102");
  });
});

describe("the Chinese text", () => {
  const zhFiles = ["three-way-handshake", "four-way-teardown", "closing-states", "time-wait", "many-time-wait-sockets", "tcp-header-and-flags"];
  const cjk = /[\u4e00-\u9fff]/;

  it.each(zhFiles)("translates comments and annotations in code blocks (%s)", (slug) => {
    const blocks = [...lesson(slug, "zh").matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
    for (const line of blocks.join("").split("\n")) {
      // Comments, "... text ..." asides and annotations; a bare "..." marks output left out.
      if (/^\s*#|^\s*\.\.\.\s*\S|\((?:dropped|arrives|lost)\)|SYNs at/.test(line)) expect(line).toMatch(cjk);
    }
  });

  it.each(zhFiles)("uses 服务端 for the end of a connection and 服务器 for a machine (%s)", (slug) => {
    // The article's own words, quoted in “…”, keep its 服务器端.
    const text = ownText(slug, "zh").replace(/“[^”]*”/g, "");
    expect(text).not.toContain("服务器端");
    expect(text).not.toMatch(/服务器(?:的 ?(?:FIN|ACK|SYN)|进入|处于|发出)/);
  });

  it("uses the established wording instead of the weak sentences", () => {
    const everything = [
      ...zhFiles.map((slug) => ownText(slug, "zh")),
      JSON.stringify(quizFiles.map((f) => f.translations?.zh?.translation)),
      JSON.stringify([...["syn-flood", "tcp_syncookies", "tcp_synack_retries"].map((id) => glossary(id))]),
    ].join("\n");
    expect(everything).not.toMatch(/洪泛/);
    expect(everything).not.toMatch(/成千上万倍/);
    expect(everything).not.toMatch(/治的是症状/);
    expect(ownText("many-time-wait-sockets", "zh")).toMatch(/只能治标/);
    expect(ownText("many-time-wait-sockets", "zh")).toMatch(/几千分之一/);
  });
});
