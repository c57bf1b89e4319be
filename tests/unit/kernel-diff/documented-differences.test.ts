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
import { call, OPEN, scenario } from "../tcp/helpers";
import { syntheticKernelRun } from "./synthetic-kernel";

const docs = readFileSync(new URL("../../../docs/kernel-differential.md", import.meta.url), "utf8");
const entry = (id: string) => {
  const found = DOCUMENTED_DIFFERENCES.find((difference) => difference.id === id);
  if (found === undefined) throw new Error(`no documented difference ${id}`);
  return found;
};

/** What the engine-side test of each entry checks; every entry must have one. */
const ENGINE_SIDE: Record<string, () => void> = {
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
    expect(entry("listener-outlives-its-connection").explains(difference!)).toBe(true);
  });

  it("not a server that skipped a state, nor one that never got back to listening", () => {
    const skipped = statesDifference([...upToLastAck.filter((observation) => observation.state !== "CLOSE-WAIT"), { t: 320.5, state: "LISTEN" }]);
    expect(entry("listener-outlives-its-connection").explains(skipped!)).toBe(false);
    const stuck = statesDifference(upToLastAck);
    expect(entry("listener-outlives-its-connection").explains(stuck!)).toBe(false);
  });
});
