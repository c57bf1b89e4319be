import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CAPTURE_CATALOG,
  CAPTURE_CHALLENGES,
  captureCommands,
  captureValuesSchema,
  extractFrames,
  getCaptureChallenge,
  gradeCapture,
  PORT_RANGE,
  valuesFromRandom,
  type CaptureValues,
} from "@/domain/capture-challenges";
import { TEST_CAPTURE_VALUES } from "@/domain/capture-challenges/test-values";
import { analyzeCapture } from "@/domain/tcp/pcap";
import type { Locale } from "@/domain/locale";

/**
 * Grading against real Linux captures (tests/fixtures/capture-challenges, recorded by
 * scripts/record-challenge-captures.sh running each challenge's own Linux commands in a network
 * namespace): each goal is met by the capture of its commands and missed by a run that goes wrong
 * in a way learners do, and captures with other values (downloaded, someone else's) never pass.
 */
const DIR = path.join(process.cwd(), "tests", "fixtures", "capture-challenges");
const PUBLIC = path.join(process.cwd(), "public", "captures");
const read = (file: string) => new Uint8Array(readFileSync(path.join(DIR, file)));

function grade(file: string | Uint8Array, id: string, values: CaptureValues = TEST_CAPTURE_VALUES, locale: Locale = "en") {
  const result = gradeCapture(typeof file === "string" ? read(file) : file, getCaptureChallenge(id)!, values, locale, { keep: true });
  if (!result.ok) throw new Error(`not graded: ${result.message}`);
  return result;
}

const CASES: { id: string; met: string; missed: { file: string; outcome: string }[] }[] = [
  {
    id: "capture-server-time-wait",
    met: "capture-server-time-wait.pcap",
    missed: [{ file: "capture-server-time-wait.client-closes-first.pcap", outcome: "client-closed-first" }],
  },
  {
    id: "capture-connection-refused",
    met: "capture-connection-refused.pcap",
    missed: [{ file: "capture-connection-refused.listening.pcap", outcome: "listening" }],
  },
  {
    id: "capture-half-close",
    met: "capture-half-close.pcap",
    missed: [
      { file: "capture-half-close.close-instead-of-shutdown.pcap", outcome: "reset-after-fin" },
      { file: "capture-server-time-wait.pcap", outcome: "no-data-after-fin" },
    ],
  },
  {
    id: "capture-syn-retransmission",
    met: "capture-syn-retransmission.pcap",
    missed: [{ file: "capture-syn-retransmission.answered.pcap", outcome: "answered" }],
  },
  {
    id: "capture-unread-rst",
    met: "capture-unread-rst.pcap",
    missed: [
      { file: "capture-unread-rst.read-before-close.pcap", outcome: "fin-not-rst" },
      { file: "capture-server-time-wait.client-closes-first.pcap", outcome: "fin-not-rst" },
    ],
  },
];

describe("capture challenges graded against real captures", () => {
  it("covers every challenge", () => {
    expect(CASES.map((c) => c.id).sort()).toEqual(CAPTURE_CHALLENGES.map((c) => c.id).sort());
  });

  for (const { id, met, missed } of CASES) {
    describe(id, () => {
      it(`is met by ${met}, with the segments that meet it marked and explained`, () => {
        const { verdict, evidence } = grade(met, id);
        expect(verdict.outcome).toBe("reached");
        expect(verdict.reached).toBe(true);
        expect(verdict.connection?.server).toBe(`127.0.0.1:${TEST_CAPTURE_VALUES.serverPort}`);
        const marked = verdict.connection!.segments.filter((s) => s.mark === "meets");
        expect(marked.length).toBeGreaterThan(0);
        for (const segment of marked) expect(segment.notes.join(" ").length).toBeGreaterThan(20);
        expect(verdict.connection!.segments.some((s) => s.mark === "misses")).toBe(false);
        expect(evidence?.frames).toEqual(marked.map((s) => s.frame).sort((a, b) => a - b));
        expect(evidence?.values).toEqual(TEST_CAPTURE_VALUES);
      });

      for (const miss of missed) {
        it(`is missed by ${miss.file} (${miss.outcome}), and says why`, () => {
          const { verdict, evidence, kept } = grade(miss.file, id);
          expect(verdict.reached).toBe(false);
          expect(verdict.outcome).toBe(miss.outcome);
          expect(evidence).toBeNull();
          expect(kept).toBeNull();
          expect(verdict.summary.length).toBeGreaterThan(40);
        });
      }

      it("is met in Chinese with the same verdict, explained in Chinese", () => {
        const en = grade(met, id).verdict;
        const zh = grade(met, id, TEST_CAPTURE_VALUES, "zh").verdict;
        expect(zh.outcome).toBe(en.outcome);
        expect(zh.summary).toMatch(/[\u4e00-\u9fff]/);
        expect(zh.connection!.segments.map((s) => s.mark)).toEqual(en.connection!.segments.map((s) => s.mark));
        for (const segment of zh.connection!.segments) for (const line of [...segment.notes, ...segment.changes]) expect(line).toMatch(/[\u4e00-\u9fff]/);
      });

      it("is not met by the same capture checked against another learner's port", () => {
        const other = { ...TEST_CAPTURE_VALUES, serverPort: TEST_CAPTURE_VALUES.serverPort + 1 };
        const { verdict } = grade(met, id, other);
        expect(verdict.reached).toBe(false);
        expect(verdict.outcome).toBe("no-connection");
        expect(verdict.summary).toContain(String(other.serverPort));
      });

      it("passes none of the course's downloadable captures", () => {
        for (const file of readdirSync(PUBLIC).filter((f) => f.endsWith(".pcap"))) {
          const { verdict } = grade(new Uint8Array(readFileSync(path.join(PUBLIC, file))), id);
          expect(verdict.reached, file).toBe(false);
        }
      });
    });
  }

  it("refuses a capture whose token is someone else's, naming the token it wanted", () => {
    const values = { ...TEST_CAPTURE_VALUES, token: "syn2fin-abcdefgh" };
    for (const [id, file] of [
      ["capture-server-time-wait", "capture-server-time-wait.pcap"],
      ["capture-half-close", "capture-half-close.pcap"],
      ["capture-unread-rst", "capture-unread-rst.pcap"],
    ] as const) {
      const { verdict } = grade(file, id, values);
      expect(verdict.outcome, id).toBe("no-token");
      expect(verdict.summary).toContain("syn2fin-abcdefgh");
    }
  });

  it("refuses a capture whose client port is someone else's", () => {
    const values = { ...TEST_CAPTURE_VALUES, clientPort: 20000 };
    expect(grade("capture-connection-refused.pcap", "capture-connection-refused", values).verdict.outcome).toBe("wrong-client-port");
    expect(grade("capture-syn-retransmission.pcap", "capture-syn-retransmission", values).verdict.outcome).toBe("wrong-client-port");
  });

  it("says so when a short snapshot length cut the token off", () => {
    const { verdict } = grade(withSnapLength(read("capture-unread-rst.pcap"), 60), "capture-unread-rst");
    expect(verdict.outcome).toBe("no-token");
    expect(verdict.summary).toMatch(/-s/);
  });

  it("reads pcapng as well as pcap", () => {
    expect(grade("capture-half-close.pcapng", "capture-half-close").verdict.outcome).toBe("reached");
  });

  it("explains the SYN retransmission timing that Linux showed", () => {
    const { verdict } = grade("capture-syn-retransmission.pcap", "capture-syn-retransmission");
    const retransmissions = verdict.connection!.segments.filter((s) => s.retransmission);
    expect(retransmissions.length).toBeGreaterThanOrEqual(1);
    expect(verdict.summary).toMatch(/1\.0, 1\.0/);
    expect(verdict.summary).toContain("tcp_syn_linear_timeouts");
  });

  it("keeps, when asked, only the packets of the connection that met the goal, as a pcap the reader reads back", () => {
    const { verdict, kept } = grade("capture-syn-retransmission.pcap", "capture-syn-retransmission");
    expect(kept).not.toBeNull();
    const again = analyzeCapture(kept!);
    expect(again.connections).toHaveLength(1);
    expect(again.connections[0]!.client).toBe(verdict.connection!.client);
    expect(again.connections[0]!.segments.map((s) => s.flags.join("+"))).toEqual(verdict.connection!.segments.map((s) => s.flags));
    // The first client's connection (which filled the queue) is not kept.
    expect(analyzeCapture(read("capture-syn-retransmission.pcap")).connections).toHaveLength(2);
  });

  it("extracts nothing for frames that are not in the file", () => {
    expect(extractFrames(read("capture-half-close.pcap"), new Set([999]))).toBeNull();
  });

  it("answers a file that is not a capture with a clear message, in both languages", () => {
    const notCapture = new TextEncoder().encode("GET / HTTP/1.1\r\nHost: example\r\n\r\n");
    for (const locale of ["en", "zh"] as const) {
      const result = gradeCapture(notCapture, getCaptureChallenge("capture-half-close")!, TEST_CAPTURE_VALUES, locale);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBe("not-a-capture");
      expect(result.message).toMatch(locale === "zh" ? /pcap.*第 0 字节/ : /not a pcap or pcapng capture.*byte 0/);
    }
  });

  it("says when a capture holds no TCP at all", () => {
    const header = read("capture-half-close.pcap").slice(0, 24);
    const { verdict } = grade(header, "capture-half-close");
    expect(verdict.outcome).toBe("no-connection");
    expect(verdict.summary).toMatch(/no TCP segment/);
  });
});

describe("issued values", () => {
  it("fall in the port range, never equal, with a token of the documented alphabet", () => {
    for (let seed = 0; seed < 500; seed++) {
      const bytes = Uint8Array.from({ length: 12 }, (_, i) => (seed * 31 + i * 97 + (seed >> 3) * i) & 0xff);
      const values = valuesFromRandom(bytes);
      expect(captureValuesSchema.safeParse(values).success, JSON.stringify(values)).toBe(true);
      expect(values.serverPort).toBeGreaterThanOrEqual(PORT_RANGE.min);
      expect(values.clientPort).toBeLessThanOrEqual(PORT_RANGE.max);
    }
    expect(valuesFromRandom(new Uint8Array(12)).clientPort).not.toBe(valuesFromRandom(new Uint8Array(12)).serverPort);
  });

  it("are below every ephemeral port range, so no kernel hands them out to other sockets", () => {
    expect(PORT_RANGE.max).toBeLessThan(32768);
    expect(PORT_RANGE.min).toBeGreaterThan(1023);
  });
});

describe("commands", () => {
  for (const challenge of CAPTURE_CATALOG) {
    it(`${challenge.id}: Linux and macOS capture the learner's port on loopback and use every value the goal checks`, () => {
      for (const os of ["linux", "macos"] as const) {
        const steps = captureCommands(challenge.id, TEST_CAPTURE_VALUES, os);
        expect(steps[0]!.role).toBe("capture");
        expect(steps[0]!.command).toBe(
          `sudo tcpdump -i ${os === "linux" ? "lo" : "lo0"} -w ${steps[0]!.command.split(" -w ")[1]!.split(" ")[0]} 'tcp port ${TEST_CAPTURE_VALUES.serverPort}'`,
        );
        const text = steps.map((s) => s.command).join("\n");
        for (const name of challenge.uses) expect(text, name).toContain(String(TEST_CAPTURE_VALUES[name]));
        for (const step of steps) {
          expect(step.label.en.length).toBeGreaterThan(10);
          expect(step.label.zh).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    });
  }

  it("are the commands the committed captures were recorded with", () => {
    const recorded = JSON.parse(readFileSync(path.join(DIR, "commands.json"), "utf8")) as { values: CaptureValues; challenges: Record<string, { command: string }[]> };
    expect(recorded.values).toEqual(TEST_CAPTURE_VALUES);
    for (const challenge of CAPTURE_CATALOG) {
      expect(recorded.challenges[challenge.id]!.map((s) => s.command), challenge.id).toEqual(
        captureCommands(challenge.id, TEST_CAPTURE_VALUES, "linux").map((s) => s.command),
      );
    }
  });
});

describe("texts", () => {
  it("have a Chinese title, summary, goal and background for every challenge", () => {
    for (const challenge of CAPTURE_CATALOG) {
      for (const text of [challenge.title, challenge.summary, challenge.goal(TEST_CAPTURE_VALUES), challenge.background]) {
        expect(text.en.length).toBeGreaterThan(5);
        expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("have both languages for every outcome", () => {
    for (const challenge of CAPTURE_CHALLENGES) {
      for (const [outcome, text] of Object.entries(challenge.outcomes)) {
        const words = text({ why: "absent", state: "FIN-WAIT-2", clientPort: 1, copies: 2, gaps: "1.0", waited: "0.5" }, TEST_CAPTURE_VALUES);
        expect(words.en.length, `${challenge.id} ${outcome}`).toBeGreaterThan(20);
        expect(words.zh, `${challenge.id} ${outcome}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

/** A copy of a little-endian pcap with every packet cut to `snap` bytes, as tcpdump -s would write it. */
function withSnapLength(bytes: Uint8Array, snap: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.slice(0, 24)];
  for (let at = 24; at + 16 <= bytes.length; ) {
    const included = view.getUint32(at + 8, true);
    const header = bytes.slice(at, at + 16);
    const keep = Math.min(included, snap);
    new DataView(header.buffer).setUint32(8, keep, true);
    parts.push(header, bytes.slice(at + 16, at + 16 + keep));
    at += 16 + included;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
