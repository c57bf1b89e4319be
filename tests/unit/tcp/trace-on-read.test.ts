/**
 * The trace is recorded compactly and its event objects are built when first read (ADR 0192);
 * segment records share one frozen flag list per flag combination. Neither may show: every way of
 * reading a result or a live simulation sees the same events, in the same key order, as before.
 */
import { describe, expect, it } from "vitest";
import { createSimulation, outputOf, resultOf, runScenario, type ScenarioInput, type SimEvent, type TcpFlag } from "@/domain/tcp";

const LOSSY: ScenarioInput = {
  seed: 7,
  latencyMs: 5,
  lossProbability: 0.05,
  duplicateProbability: 0.05,
  reorder: { jitterMs: 3 },
  actions: [
    { at: 0, host: "server", do: "listen" },
    { at: 0, host: "client", do: "connect" },
    { at: 20, host: "client", do: "send", bytes: 60_000 },
    { at: 20, host: "server", do: "send", bytes: 30_000 },
    { at: 5_000, host: "client", do: "close" },
    { at: 5_000, host: "server", do: "close" },
  ],
};

function liveResult(input: ScenarioInput) {
  const simulation = createSimulation(input);
  simulation.runToQuiescence(3_600_000);
  return resultOf(simulation);
}

describe("the trace built on first read", () => {
  it("runScenario's result is, key for key, the copy a live simulation gives, however it is read", () => {
    const live = liveResult(LOSSY);
    const kinds = new Set(live.events.map((event) => event.kind));
    for (const kind of ["send", "deliver", "drop", "duplicate", "discard", "note", "timer", "transition", "app"]) expect(kinds).toContain(kind);

    const serialized = runScenario(LOSSY);
    expect(Object.keys(serialized)).toEqual(["segments", "transitions", "final", "errors", "events"]);
    expect(JSON.stringify(serialized)).toBe(JSON.stringify(live));

    const spread = { ...runScenario(LOSSY) };
    expect(JSON.stringify(spread)).toBe(JSON.stringify(live));

    const cloned = structuredClone(runScenario(LOSSY));
    expect(cloned).toStrictEqual(JSON.parse(JSON.stringify(live)));
  });

  it("a result's events are one array, read once; assigning replaces them; outputOf leaves them out", () => {
    const result = runScenario(LOSSY);
    const events = result.events;
    expect(result.events).toBe(events);
    expect(Object.getOwnPropertyDescriptor(result, "events")).toMatchObject({ value: events, enumerable: true, writable: true });

    const replaced = runScenario(LOSSY);
    const mine: SimEvent[] = [];
    replaced.events = mine;
    expect(replaced.events).toBe(mine);
    expect(Object.keys(replaced)).toEqual(["segments", "transitions", "final", "errors", "events"]);

    expect(Object.keys(outputOf(runScenario(LOSSY)))).toEqual(["segments", "transitions", "final", "errors"]);
  });

  it("a live simulation's steps return the events its trace holds, the same objects, indexed in order", () => {
    const simulation = createSimulation(LOSSY);
    const stepped: SimEvent[] = [];
    for (let events = simulation.step(); events.length > 0 || simulation.nextEventTime() !== null; events = simulation.step()) {
      stepped.push(...events);
    }
    expect(stepped.length).toBe(simulation.events.length);
    stepped.forEach((event, index) => {
      expect(event).toBe(simulation.events[index]);
      expect(event.index).toBe(index);
    });
    expect(simulation.snapshot().eventCount).toBe(stepped.length);
  });
});

describe("segment flags", () => {
  it("records with the same flags share one frozen list, so changing it in place throws", () => {
    const { segments } = runScenario(LOSSY);
    const acks = segments.filter((segment) => segment.flags.length === 1 && segment.flags[0] === "ACK");
    expect(acks.length).toBeGreaterThan(1);
    expect(acks[1]!.flags).toBe(acks[0]!.flags);
    const withFin = segments.find((segment) => segment.flags.includes("FIN"))!;
    expect(Object.isFrozen(withFin.flags)).toBe(true);
    expect(() => (withFin.flags as TcpFlag[]).sort()).toThrow(TypeError);
    expect(() => (withFin.flags as TcpFlag[]).push("URG")).toThrow(TypeError);
    expect(withFin.flags).toEqual(["FIN", "ACK"]);
  });

  it("a copied result's records get lists of their own, which may be changed", () => {
    const simulation = createSimulation(LOSSY);
    simulation.runToQuiescence(3_600_000);
    const copy = resultOf(simulation).segments[0]!;
    expect(Object.isFrozen(copy.flags)).toBe(false);
    (copy.flags as TcpFlag[]).push("URG");
    expect(simulation.segments[0]!.flags).toEqual(["SYN"]);
  });
});
