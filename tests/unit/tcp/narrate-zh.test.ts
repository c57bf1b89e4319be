import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createNarrator, runScenario, type SimEvent } from "@/domain/tcp";
import { notInFlightText, type EngineText } from "@/domain/tcp/engine-texts";
import { engineTextIn, narrationWords } from "@/domain/tcp/narrate";
import { call, ISN, OPEN, scenario, send } from "./helpers";

const CJK = /[\u3400-\u9fff]/;

describe("narration in Chinese", () => {
  const teardown = runScenario(scenario([...OPEN, send(100, "client", 100), call(200, "client", "close"), call(300, "server", "close")]));

  it("narrates a handshake", () => {
    const narrate = createNarrator(teardown.segments, { locale: "zh" });
    const lines = teardown.events.map(narrate);
    expect(lines).toContain("客户端调用 connect()");
    expect(lines).toContain("客户端发送 SYN，seq 0");
    expect(lines).toContain("客户端进入 SYN-SENT（connect()）");
    expect(lines).toContain("服务端收到 SYN，seq 0");
    expect(lines).toContain("服务端进入 SYN-RECEIVED（收到 SYN）");
    expect(lines).toContain("服务端发送 SYN-ACK，seq 0，ack 1");
    expect(lines).toContain("客户端进入 ESTABLISHED（收到 SYN-ACK）");
    expect(lines).toContain("客户端调用 send(100 字节)");
    expect(lines).toContain("客户端发送 100 字节数据，seq 1，ack 1");
  });

  it("narrates a teardown, with timers", () => {
    const lines = teardown.events.map(createNarrator(teardown.segments, { locale: "zh" }));
    expect(lines).toContain("客户端发送 FIN，seq 101，ack 1");
    expect(lines).toContain("客户端进入 FIN-WAIT-1（close()）");
    expect(lines).toContain("服务端进入 CLOSE-WAIT（收到 FIN）");
    expect(lines).toContain("客户端进入 FIN-WAIT-2（收到 ACK）");
    expect(lines).toContain("服务端进入 LAST-ACK（close()）");
    expect(lines).toContain("客户端进入 TIME-WAIT（收到 FIN）");
    expect(lines).toContain("服务端进入 CLOSED（收到 ACK）");
    expect(lines).toContain("客户端的 TIME-WAIT 定时器到期");
    expect(lines).toContain("客户端进入 CLOSED（TIME-WAIT 超时）");
  });

  it("says the same things as the English narrator, one sentence per event, in Chinese", () => {
    const en = teardown.events.map(createNarrator(teardown.segments));
    const zh = teardown.events.map(createNarrator(teardown.segments, { locale: "zh" }));
    expect(zh).toHaveLength(en.length);
    zh.forEach((line, index) => {
      expect(line).toMatch(CJK);
      // Numbers, flags and state names carry over unchanged.
      const tokens = (text: string) => (text.match(/\b(?:\d+|[A-Z][A-Z0-9-]+)\b/g) ?? []).filter((token) => token !== "ACK" || !/delayed-ACK/.test(text));
      expect(tokens(line).sort(), `${en[index]} / ${line}`).toEqual(expect.arrayContaining(tokens(en[index]!).filter((t) => !["TIME-WAIT", "ACK"].includes(t)).sort()));
    });
    expect(teardown.events.map(createNarrator(teardown.segments, { absolute: true, locale: "zh" }))).toContain(`客户端发送 SYN，seq ${ISN.client}`);
  });

  it("narrates losses, drops, resets and errors", () => {
    const refused = runScenario(scenario([call(0, "client", "connect")]));
    const refusedLines = refused.events.map(createNarrator(refused.segments, { locale: "zh" }));
    expect(refusedLines).toContain("客户端的应用收到 ECONNREFUSED");
    expect(refusedLines).toContain("客户端进入 CLOSED（收到 RST）");
    expect(refusedLines.some((line) => line.startsWith("服务端：没有这条连接：以 RST 回应"))).toBe(true);

    const lost = runScenario(scenario([...OPEN], { drop: [{ from: "server", nth: 1 }] }));
    const lostLines = lost.events.map(createNarrator(lost.segments, { locale: "zh" }));
    expect(lostLines.some((line) => /^网络丢失了报文段 2（SYN-ACK，seq 0，ack 1）$/.test(line))).toBe(true);
    expect(lostLines).toContain("服务端的重传定时器到期");
    expect(lostLines.some((line) => line.startsWith("服务端重传 SYN-ACK"))).toBe(true);

    const manual: SimEvent = { index: 0, t: 0, kind: "drop", segment: 1, reason: "manual" };
    expect(createNarrator(lost.segments, { locale: "zh" })(manual)).toBe("报文段 1（SYN，seq 0）被丢弃");
    const reset: SimEvent = { index: 0, t: 0, kind: "error", host: "server", code: "ECONNRESET" };
    expect(createNarrator(lost.segments, { locale: "zh" })(reset)).toBe("服务端的应用收到 ECONNRESET");
    const failed: SimEvent = { index: 0, t: 0, kind: "error", host: "client", code: "ETIMEDOUT", call: "connect" };
    expect(createNarrator(lost.segments, { locale: "zh" })(failed)).toBe("客户端的 connect() 失败，返回 ETIMEDOUT");
  });

  it("has Chinese for every discard reason and note the engine can emit", () => {
    const root = path.join(process.cwd(), "domain", "tcp");
    const files = [...readdirSync(path.join(root, "engine")).map((name) => path.join(root, "engine", name)), path.join(root, "simulation.ts")];
    const literals = new Set<string>();
    const templates: string[] = [];
    for (const file of files.filter((name) => name.endsWith(".ts"))) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/(?:discard\(ep, seg, |\.note\(|kind: "note", host: [^,]+, text: )([^;]*?)\);?\s*$/gm)) {
        const argument = match[1]!;
        for (const literal of argument.matchAll(/"([^"]+)"/g)) literals.add(literal[1]!);
        for (const template of argument.matchAll(/`([^`]+)`/g)) templates.push(template[1]!);
      }
      for (const reason of source.matchAll(/sendRateLimitedAck\("([^"]+)"\)/g)) templates.push(`${reason[1]}: ACK suppressed by rate limit`);
    }
    expect(literals.size).toBeGreaterThan(30);
    for (const text of literals) expect(narrationWords("zh").engineTexts[text as EngineText], text).toBeDefined();
    for (const template of templates) {
      const example = template.replace(/\$\{reason\}/, "challenge ACK").replace(/\$\{[^}]+\}/g, "7");
      expect(engineTextIn("zh", example as EngineText), template).toMatch(CJK);
      expect(engineTextIn("zh", example as EngineText)).not.toMatch(/\b(ACK suppressed|not in flight)\b/);
    }
    // The simulation's own note, built by a function rather than written out.
    expect(engineTextIn("zh", notInFlightText(7))).toBe("报文段 7 不在传输途中");
    expect(engineTextIn("en", notInFlightText(7))).toBe("segment 7 is not in flight");
  });
});
