import { describe, expect, it } from "vitest";
import { generateNumber, generateState, stateAfterSegment } from "@/domain/quiz/generators";
import { randomFor, type Random } from "@/domain/quiz/random";
import { parseQuiz, type QuestionInput, type QuestionOf } from "@/domain/quiz/schema";
import { resolveQuestion } from "@/domain/quiz/variant";
import { runScenario } from "@/domain/tcp";
import { sampleQuestions } from "./fixtures";

const SEEDS = Array.from({ length: 150 }, (_, i) => (i * 2654435761) >>> 0);
const MOD = 2 ** 32;

function question<T extends QuestionOf<"number"> | QuestionOf<"state">>(input: QuestionInput): T {
  return parseQuiz({ id: "gen-quiz", lessonSlug: "x", title: "x", passThreshold: 1, questions: [input] }).questions[0] as T;
}

function numberQuestion(generator: string, extra: Record<string, unknown> = {}) {
  return question<QuestionOf<"number">>({
    id: "n",
    type: "number",
    concept: "sequence-numbers",
    generator,
    prompt: "p",
    explanation: "e",
    misconception: "m",
    ...extra,
  } as QuestionInput);
}

/** The value the engine's trace holds for the asked field, read straight from runScenario. */
function traceValue(generated: ReturnType<typeof generateNumber>): number {
  const segment = runScenario(generated.scenario).segments.find((s) => s.id === generated.segmentId)!;
  return (generated.field === "seq" ? segment.seq : segment.ack)!;
}

describe("number generators agree with the engine and with arithmetic done independently", () => {
  it.each(SEEDS.map((seed) => [seed]))("seed %i", (seed) => {
    const random = randomFor(seed, "n");
    const synack = generateNumber(numberQuestion("synack-ack"), random);
    const isn = synack.scenario.isn!.client!;
    expect(synack.answer).toBe(traceValue(synack));
    expect(synack.answer).toBe((isn + 1) % MOD);

    const data = generateNumber(numberQuestion("data-ack", { payload: { min: 1, max: 1460 } }), random);
    const dataIsn = data.scenario.isn!.client!;
    const bytes = data.variables.bytes as number;
    expect(bytes).toBeGreaterThanOrEqual(1);
    expect(bytes).toBeLessThanOrEqual(1460);
    expect(data.answer).toBe(traceValue(data));
    expect(data.answer).toBe((dataIsn + 1 + bytes) % MOD);
    expect(data.variables.dataSeq).toBe((dataIsn + 1) % MOD);

    const finSeq = generateNumber(numberQuestion("fin-seq"), random);
    expect(finSeq.answer).toBe(traceValue(finSeq));
    expect(finSeq.answer).toBe((finSeq.scenario.isn!.client! + 1 + (finSeq.variables.bytes as number)) % MOD);

    const finAck = generateNumber(numberQuestion("fin-ack"), random);
    expect(finAck.answer).toBe(traceValue(finAck));
    expect(finAck.answer).toBe((finAck.scenario.isn!.client! + 2 + (finAck.variables.bytes as number)) % MOD);
    expect(finAck.answer).toBe(((finAck.variables.finSeq as number) + 1) % MOD);
  });

  it("counts relative numbers from the ISN, as tcpdump prints them", () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const generated = generateNumber(numberQuestion("fin-ack", { numbering: "relative" }), randomFor(seed, "n"));
      const bytes = generated.variables.bytes as number;
      expect(generated.answer).toBe(bytes + 2);
      expect(generated.variables.finSeq).toBe(bytes + 1);
      expect(generated.ladder[0]).toMatchObject({ seq: 0, ack: null });
    }
  });

  it("wraps around 2^32 like the engine", () => {
    // A Random whose first draws give the client an ISN 3 below 2^32.
    const draws = [1 - 3 / MOD, 0.5, 0.999];
    const random: Random = () => draws.shift() ?? 0.25;
    const generated = generateNumber(numberQuestion("data-ack", { payload: { min: 10, max: 1000 } }), random);
    expect(generated.scenario.isn!.client).toBe(MOD - 3);
    expect(generated.answer).toBe((MOD - 3 + 1 + (generated.variables.bytes as number)) % MOD);
    expect(generated.answer).toBeLessThan(1000);
    expect(generated.answer).toBe(traceValue(generated));
  });

  it("varies per attempt and repeats for the same seed", () => {
    const q = numberQuestion("data-ack");
    const answers = new Set(SEEDS.slice(0, 20).map((seed) => generateNumber(q, randomFor(seed, "n")).answer));
    expect(answers.size).toBe(20);
    expect(generateNumber(q, randomFor(7, "n"))).toEqual(generateNumber(q, randomFor(7, "n")));
  });

  it("hides the asked value in the ladder and stops at the asked segment", () => {
    const generated = generateNumber(numberQuestion("data-ack"), randomFor(3, "n"));
    const asked = generated.ladder.at(-1)!;
    expect(asked).toMatchObject({ n: generated.segmentId, asked: "ack", ack: null });
    expect(generated.ladder.every((segment) => segment.n <= generated.segmentId)).toBe(true);
    expect(JSON.stringify(generated.ladder)).not.toContain(`:${generated.answer},`);
  });
});

describe("state generators", () => {
  it("reads the state after a segment from the engine's transitions", () => {
    const result = runScenario({
      isn: { client: 1, server: 2 },
      actions: [
        { at: 0, host: "server", do: "listen" },
        { at: 1, host: "client", do: "connect" },
        { at: 100, host: "client", do: "close" },
        { at: 100, host: "server", do: "close" },
      ],
    });
    expect(stateAfterSegment(result, "client", 1, "sent")).toBe("SYN-SENT");
    expect(stateAfterSegment(result, "server", 1)).toBe("SYN-RECEIVED");
    expect(stateAfterSegment(result, "client", 2)).toBe("ESTABLISHED");
    expect(stateAfterSegment(result, "server", 2)).toBe("SYN-RECEIVED");
    expect(stateAfterSegment(result, "server", 3)).toBe("ESTABLISHED");
    // Simultaneous close: each FIN arrives while its receiver is in FIN-WAIT-1.
    expect(stateAfterSegment(result, "client", 4, "sent")).toBe("FIN-WAIT-1");
    expect(stateAfterSegment(result, "server", 4)).toBe("CLOSING");
    expect(stateAfterSegment(result, "client", 5)).toBe("CLOSING");
    expect(stateAfterSegment(result, "client", 6)).toBe("TIME-WAIT");
    expect(() => stateAfterSegment(result, "client", 99)).toThrow(/never delivered/);
  });

  it("handshake: RFC 9293 states for every host and segment drawn", () => {
    const expected: Record<string, string> = {
      "client 1": "SYN-SENT",
      "server 1": "SYN-RECEIVED",
      "client 2": "ESTABLISHED",
      "server 2": "SYN-RECEIVED",
      "client 3": "ESTABLISHED",
      "server 3": "ESTABLISHED",
    };
    const q = question<QuestionOf<"state">>({ ...sampleQuestions.state, source: { kind: "generator", generator: "handshake" } });
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const generated = generateState(q, randomFor(seed, q.id));
      const key = `${generated.host} ${generated.segment}`;
      seen.add(key);
      expect(generated.answer).toBe(expected[key]);
      expect(generated.ladder.map((s) => s.n)).toEqual(Array.from({ length: generated.ladder.length }, (_, i) => i + 1));
    }
    expect(seen.size).toBe(6);
  });

  it("teardown: answers follow RFC 9293 for each kind of close", () => {
    // States after each segment arrives, worked out from RFC 9293 section 3.6 by hand.
    const table: Record<string, Record<number, { client: string; server: string }>> = {
      "client:close,server:close@400": {
        4: { client: "FIN-WAIT-1", server: "CLOSE-WAIT" },
        5: { client: "FIN-WAIT-2", server: "CLOSE-WAIT" },
        6: { client: "TIME-WAIT", server: "LAST-ACK" },
        7: { client: "TIME-WAIT", server: "CLOSED" },
      },
      "server:close,client:close@400": {
        4: { client: "CLOSE-WAIT", server: "FIN-WAIT-1" },
        5: { client: "CLOSE-WAIT", server: "FIN-WAIT-2" },
        6: { client: "LAST-ACK", server: "TIME-WAIT" },
        7: { client: "CLOSED", server: "TIME-WAIT" },
      },
      "client:close,server:close@100": {
        4: { client: "FIN-WAIT-1 or CLOSING", server: "CLOSING" },
        5: { client: "CLOSING", server: "FIN-WAIT-1 or CLOSING" },
        6: { client: "TIME-WAIT", server: "CLOSING or TIME-WAIT" },
        7: { client: "TIME-WAIT", server: "TIME-WAIT" },
      },
      "client:shutdown,server:send,server:close@400": {
        4: { client: "FIN-WAIT-1", server: "CLOSE-WAIT" },
        5: { client: "FIN-WAIT-2", server: "CLOSE-WAIT" },
        6: { client: "FIN-WAIT-2", server: "CLOSE-WAIT" },
        7: { client: "FIN-WAIT-2", server: "CLOSE-WAIT" },
        8: { client: "TIME-WAIT", server: "LAST-ACK" },
        9: { client: "TIME-WAIT", server: "CLOSED" },
      },
    };
    const q = question<QuestionOf<"state">>({ ...sampleQuestions.state, source: { kind: "generator", generator: "teardown" } });
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const generated = generateState(q, randomFor(seed, q.id));
      const after = generated.scenario.actions.slice(2);
      const variant = after.map((a) => ("host" in a ? `${a.host}:${a.do}` : a.do)).join(",") + `@${after.at(-1)!.at}`;
      const expected = table[variant]?.[generated.segment]?.[generated.host];
      expect(expected, `${variant} segment ${generated.segment}`).toBeDefined();
      // "X or Y" marks the crossing FINs: only the receiver is asked about there.
      expect(expected!.includes(" or ")).toBe(false);
      expect(generated.answer).toBe(expected);
      seen.add(variant);
      seen.add(generated.answer);
    }
    expect([...seen].filter((key) => key.includes(":")).length).toBe(4);
    for (const state of ["FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"]) expect(seen).toContain(state);
  });

  it("only asks about the receiver when two segments arrive at the same instant", () => {
    const q = question<QuestionOf<"state">>({
      ...sampleQuestions.state,
      source: { kind: "generator", generator: "teardown", variants: ["simultaneous-close"] },
    });
    for (const seed of SEEDS.slice(0, 60)) {
      const generated = generateState(q, randomFor(seed, q.id));
      const segment = runScenario(generated.scenario).segments.find((s) => s.id === generated.segment)!;
      expect(segment.to).toBe(generated.host);
    }
  });

  it("fixed scenarios: answer and ladder come from the engine; the ladder never shows states", () => {
    const q = question<QuestionOf<"state">>(sampleQuestions.state);
    const generated = generateState(q, randomFor(1, q.id));
    expect(generated.answer).toBe("CLOSE-WAIT");
    expect(generated.ladder.map((s) => s.flags.join("+"))).toEqual(["SYN", "SYN+ACK", "ACK", "FIN+ACK"]);
    expect(generated.calls.map((c) => `${c.host} ${c.call}`)).toEqual(["server listen", "client connect", "client close"]);
    expect(JSON.stringify({ ladder: generated.ladder, calls: generated.calls })).not.toMatch(/WAIT|ESTABLISHED|SYN-/);
  });

  it("the ladder stops where the question does: the receiver's reply to segment N is not shown", () => {
    const q = question<QuestionOf<"state">>({ ...sampleQuestions.state, source: { kind: "generator", generator: "handshake" } });
    for (const seed of SEEDS.slice(0, 40)) {
      const generated = generateState(q, randomFor(seed, q.id));
      expect(generated.ladder.at(-1)?.n).toBe(generated.segment);
    }
  });

  it("resolved state questions always offer the engine's answer", () => {
    const q = question<QuestionOf<"state">>({ ...sampleQuestions.state, choices: ["FIN-WAIT-1", "FIN-WAIT-2"] });
    const resolved = resolveQuestion(q, 5);
    expect(resolved.public.type === "state" && resolved.public.choices).toEqual(["FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT"]);
  });
});
