/**
 * Each documented difference between the engine and the kernel: the engine still behaves as the
 * entry says, the entry explains that difference and no other, and docs/kernel-differential.md
 * lists exactly these entries.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "@/domain/tcp";
import { compareCase, type Difference } from "../../kernel/compare";
import { DOCUMENTED_DIFFERENCES } from "../../kernel/documented-differences";
import { engineTrace } from "../../kernel/engine-trace";
import { CHALLENGE_CASES } from "../../support/challenge-solutions";
import { buildScenario } from "@/domain/simulator/session";
import { challengeSettings } from "@/domain/challenges/verify";
import { getChallenge } from "@/domain/challenges";
import { call, OPEN, scenario, send } from "../tcp/helpers";
import { syntheticKernelRun } from "./synthetic-kernel";

const docs = readFileSync(new URL("../../../docs/kernel-differential.md", import.meta.url), "utf8");
const entry = (id: string) => {
  const found = DOCUMENTED_DIFFERENCES.find((difference) => difference.id === id);
  if (found === undefined) throw new Error(`no documented difference ${id}`);
  return found;
};

/** The reference solution of handshake-survives-loss: the SYN+ACK is lost. */
function lostSynAck() {
  const challenge = getChallenge("handshake-survives-loss");
  if (challenge === null) throw new Error("no challenge handshake-survives-loss");
  return buildScenario(challengeSettings(challenge), CHALLENGE_CASES["handshake-survives-loss"]!.solution);
}

/** What the engine-side test of each entry checks; every entry must have one. */
/** SO_RCVBUF 4096 on a server that reads at 1 s: its window closes after two segments. */
const smallBuffer = () =>
  scenario(
    [
      { at: 0, host: "server", do: "setsockopt", option: "SO_RCVBUF", value: 4096 },
      ...OPEN,
      send(100, "client", 6000),
      { at: 1000, host: "server", do: "read" },
      { at: 1100, host: "server", do: "read" },
      call(1500, "client", "close"),
      call(1600, "server", "close"),
    ],
    { autoRead: { server: false } },
  );

const ENGINE_SIDE: Record<string, () => void> = {
  "receive-window-from-buffer-memory": () => {
    // Half of the doubled 4096-byte buffer, in whole segments: two segments, then a zero window until the read.
    const result = runScenario(smallBuffer());
    const fromServer = result.segments.filter((segment) => segment.from === "server" && segment.t < 1000);
    expect(fromServer[0]?.win).toBe(2920);
    expect(result.segments.filter((segment) => segment.from === "client" && segment.len > 0 && segment.t < 1000).map((segment) => segment.len)).toEqual([1460, 1460]);
    expect(fromServer.at(-1)?.win).toBe(0);
  },
  "push-on-every-gso-chunk": () => {
    // One send() of 3000 bytes: PSH on its last segment only.
    const result = runScenario(scenario([...OPEN, send(100, "client", 3000)]));
    expect(result.segments.filter((s) => s.len > 0).map((s) => [s.len, s.flags.join("+")])).toEqual([
      [1460, "ACK"],
      [1460, "ACK"],
      [80, "PSH+ACK"],
    ]);
  },
  "timer-races-within-its-slack": () => {
    // The SYN+ACK timer (armed at 10 ms, 1 s) and the retransmitted SYN (sent at 1000 ms) meet at 1010 ms: two SYN+ACKs, two ACKs.
    const result = runScenario(lostSynAck());
    expect(result.segments.map((s) => [s.id, s.t, s.from, s.flags.join("+")])).toEqual([
      [1, 0, "client", "SYN"],
      [2, 10, "server", "SYN+ACK"],
      [3, 1000, "client", "SYN"],
      [4, 1010, "server", "SYN+ACK"],
      [5, 1010, "server", "SYN+ACK"],
      [6, 1020, "client", "ACK"],
      [7, 1020, "client", "ACK"],
    ]);
  },
  "listener-outlives-its-connection": () => {
    const result = runScenario(scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")]));
    expect(result.final.server).toBe("CLOSED");
    expect(result.transitions.filter((t) => t.host === "server").map((t) => t.to)).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"]);
  },
};

describe.each(DOCUMENTED_DIFFERENCES.map((difference) => [difference.id] as const))("%s", (id) => {
  it("the engine still behaves as documented", () => {
    const check = ENGINE_SIDE[id];
    expect(check, `write the engine-side test of ${id}`).toBeDefined();
    check?.();
  });

  it("is in docs/kernel-differential.md with its title", () => {
    expect(docs).toContain(`### ${entry(id).title}`);
    expect(docs).toContain(`{#${id}}`);
  });
});

it("docs/kernel-differential.md lists no other difference", () => {
  const listed = [...docs.matchAll(/\{#([a-z0-9-]+)\}/g)].map((match) => match[1]);
  expect(listed.sort()).toEqual(DOCUMENTED_DIFFERENCES.map((difference) => difference.id).sort());
});

describe("listener-outlives-its-connection explains", () => {
  const trace = engineTrace(scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")]));
  const statesDifference = (server: { t: number; state: string }[]): Difference | undefined => {
    const kernel = syntheticKernelRun(trace);
    kernel.states.server = server.map((observation) => ({ ...observation, since: observation.t - 0.5 })) as typeof kernel.states.server;
    return compareCase(trace, kernel, 62_000).differences.find((difference) => difference.kind === "states");
  };
  const upToLastAck = [
    { t: -50, state: "CLOSED" },
    { t: 0.5, state: "LISTEN" },
    { t: 10.5, state: "SYN-RECEIVED" },
    { t: 30.5, state: "ESTABLISHED" },
    { t: 110.5, state: "CLOSE-WAIT" },
    { t: 300.5, state: "LAST-ACK" },
  ];

  it("a server back in LISTEN once its connection is over", () => {
    const difference = statesDifference([...upToLastAck, { t: 320.5, state: "LISTEN" }]);
    expect(difference).toBeDefined();
    expect(entry("listener-outlives-its-connection").explains(difference!, trace)).toBe(true);
  });

  it("not a server that skipped a state, nor one that never got back to listening", () => {
    const skipped = statesDifference([...upToLastAck.filter((observation) => observation.state !== "CLOSE-WAIT"), { t: 320.5, state: "LISTEN" }]);
    expect(entry("listener-outlives-its-connection").explains(skipped!, trace)).toBe(false);
    const stuck = statesDifference(upToLastAck);
    expect(entry("listener-outlives-its-connection").explains(stuck!, trace)).toBe(false);
  });
});

describe("timer-races-within-its-slack explains", () => {
  const trace = engineTrace(lostSynAck());
  const race = entry("timer-races-within-its-slack");
  const missing = (kernel: ReturnType<typeof syntheticKernelRun>) =>
    compareCase(trace, kernel, 5000).differences.filter((difference) => difference.kind === "segment" && difference.change === "missing");

  it("a kernel that sent the SYN+ACK once (its timer fired after the handshake completed) and got one ACK", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.segments = kernel.segments.filter((_, index) => index !== 3 && index !== 5);
    const differences = missing(kernel);
    expect(differences).toHaveLength(2);
    for (const difference of differences) expect(race.explains(difference, trace)).toBe(true);
  });

  it("not a missing segment without a twin within the slack: the lost SYN+ACK's retransmitted SYN", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.segments = kernel.segments.filter((_, index) => index !== 2);
    const differences = missing(kernel);
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.some((difference) => race.explains(difference, trace))).toBe(false);
  });

  it("not a timer segment missing from a run where nothing raced it", () => {
    const lostFin = engineTrace(scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")], { drop: [{ from: "client", nth: 3 }] }));
    const kernel = syntheticKernelRun(lostFin);
    const retransmission = lostFin.result.segments.findIndex((segment) => segment.retransmission);
    kernel.segments = kernel.segments.filter((_, index) => index !== retransmission);
    const differences = compareCase(lostFin, kernel, 62_000).differences.filter((difference) => difference.kind === "segment" && difference.change === "missing");
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.some((difference) => race.explains(difference, lostFin))).toBe(false);
  });
});

describe("push-on-every-gso-chunk explains", () => {
  const trace = engineTrace(scenario([...OPEN, send(100, "client", 3000)]));
  const push = entry("push-on-every-gso-chunk");
  const differencesWith = (change: (kernel: ReturnType<typeof syntheticKernelRun>) => void) => {
    const kernel = syntheticKernelRun(trace);
    change(kernel);
    return compareCase(trace, kernel, 5000).differences;
  };

  it("PSH on the second full segment of a write, as Linux sends it", () => {
    const differences = differencesWith((kernel) => {
      kernel.segments[4] = { ...kernel.segments[4]!, flags: ["PSH", "ACK"] };
    });
    expect(differences).toHaveLength(1);
    expect(push.explains(differences[0]!, trace)).toBe(true);
  });

  it("not a PSH the kernel left out, nor another flag, nor a short segment", () => {
    const noPush = differencesWith((kernel) => {
      kernel.segments[5] = { ...kernel.segments[5]!, flags: ["ACK"] };
    });
    const fin = differencesWith((kernel) => {
      kernel.segments[4] = { ...kernel.segments[4]!, flags: ["FIN", "PSH", "ACK"] };
    });
    const shortPushed = engineTrace(scenario([...OPEN, send(100, "client", 100), send(100, "client", 100)]));
    const kernel = syntheticKernelRun(shortPushed);
    for (const difference of [...noPush, ...fin, ...compareCase(shortPushed, kernel, 5000).differences]) {
      expect(push.explains(difference, trace)).toBe(false);
    }
    expect(noPush.length + fin.length).toBeGreaterThan(0);
  });
});

describe("receive-window-from-buffer-memory explains", () => {
  const trace = engineTrace(smallBuffer());
  const memory = entry("receive-window-from-buffer-memory");
  const differencesWith = (change: (kernel: ReturnType<typeof syntheticKernelRun>) => void, on = trace) => {
    const kernel = syntheticKernelRun(on);
    change(kernel);
    return compareCase(on, kernel, 5000).differences;
  };
  const firstData = trace.result.segments.findIndex((segment) => segment.len > 0);

  it("a kernel that let a third segment in before its window closed, and ACKed it", () => {
    const differences = differencesWith((kernel) => {
      const third = { ...kernel.segments[firstData + 1]!, relSeq: 2921, t: kernel.segments[firstData + 1]!.t + 20 };
      kernel.segments.splice(firstData + 2, 0, third, { ...kernel.segments[firstData + 2]!, relAck: 4381, t: third.t + 10 });
    });
    expect(differences.length).toBeGreaterThan(0);
    for (const difference of differences) expect(memory.explains(difference, trace), difference.summary).toBe(true);
  });

  it("not the handshake, the close or a reset, nor any data difference on a connection whose window never closed", () => {
    const synAck = differencesWith((kernel) => {
      kernel.segments[1] = { ...kernel.segments[1]!, relAck: 2 };
    });
    const fin = differencesWith((kernel) => {
      const index = kernel.segments.findIndex((segment) => segment.flags.includes("FIN"));
      kernel.segments[index] = { ...kernel.segments[index]!, flags: ["RST", "ACK"] };
    });
    const open = engineTrace(scenario([...OPEN, send(100, "client", 3000), call(500, "client", "close"), call(600, "server", "close")]));
    const data = differencesWith((kernel) => {
      const index = kernel.segments.findIndex((segment) => segment.len > 0);
      kernel.segments[index] = { ...kernel.segments[index]!, len: 1000 };
    }, open);
    expect(synAck.length * fin.length * data.length).toBeGreaterThan(0);
    for (const difference of synAck) expect(memory.explains(difference, trace)).toBe(false);
    for (const difference of fin) expect(memory.explains(difference, trace)).toBe(false);
    for (const difference of data) expect(memory.explains(difference, open)).toBe(false);
  });
});
