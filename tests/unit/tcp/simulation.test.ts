/** The incremental API the UI and the grader use: stepping, snapshots, drops by id, replay. */
import { describe, expect, it } from "vitest";
import {
  createNarrator,
  createSimulation,
  linuxParams,
  mulberry32,
  resultOf,
  runScenario,
  Simulation,
  wheelExpiryMs,
  withRelativeNumbers,
} from "@/domain/tcp";
import { EventQueue } from "@/domain/tcp/event-queue";
import { call, ISN, OPEN, scenario, send } from "./helpers";

describe("Simulation", () => {
  it("steps one queued item at a time, with events numbered in order", () => {
    const simulation = createSimulation(scenario(OPEN));
    const first = simulation.step();
    expect(first.map((event) => event.kind)).toEqual(["app", "transition"]);
    const all = [...first];
    for (let produced = simulation.step(); produced.length > 0; produced = simulation.step()) all.push(...produced);
    expect(all.map((event) => event.index)).toEqual(all.map((_, index) => index));
    expect(simulation.state("client")).toBe("ESTABLISHED");
  });

  it("runUntil stops at a time and snapshot shows both ends, their numbers and timers", () => {
    const simulation = createSimulation(scenario([...OPEN, send(100, "client", 100)]));
    simulation.runUntil(105);
    const snapshot = simulation.snapshot();
    expect(snapshot.t).toBe(105);
    expect(snapshot.hosts.client).toMatchObject({
      state: "ESTABLISHED",
      iss: ISN.client,
      sndUna: ISN.client + 1,
      sndNxt: ISN.client + 101,
      rcvNxt: ISN.server + 1,
      relative: { sndUna: 1, sndNxt: 101, rcvNxt: 1 },
    });
    expect(snapshot.hosts.client.timers.map((timer) => timer.kind)).toEqual(["loss-probe"]);
    expect(snapshot.inFlight.map((segment) => [segment.from, segment.len, segment.arriveAt])).toEqual([["client", 100, 110]]);
  });

  it("a learner can drop an in-flight segment by id; the sender retransmits it", () => {
    const simulation = createSimulation(scenario(OPEN));
    simulation.runUntil(5);
    const syn = simulation.snapshot().inFlight[0];
    expect(syn?.flags).toEqual(["SYN"]);
    simulation.dropSegment(syn?.id ?? -1);
    simulation.runToQuiescence(10_000);
    const result = resultOf(simulation);
    expect(result.segments[0]).toMatchObject({ dropped: true, dropReason: "manual", arriveAt: null });
    expect(result.segments[1]).toMatchObject({ flags: ["SYN"], t: 1000, retransmission: true });
    expect(result.final).toEqual({ client: "ESTABLISHED", server: "ESTABLISHED" });
  });

  it("replaying the action log from scratch reproduces the interactive run exactly", () => {
    const base = scenario(OPEN, { seed: 9, lossProbability: 0.2 });
    const live = createSimulation(base);
    live.runUntil(5);
    live.dropSegment(live.snapshot().inFlight[0]?.id ?? -1);
    live.runUntil(1500);
    live.schedule(send(1500, "client", 3000));
    live.runUntil(2000);
    live.schedule(call(2000, "client", "close"));
    live.schedule(call(2100, "server", "close"));
    live.runToQuiescence(3_600_000);

    const replay = runScenario({ ...base, actions: [...live.actionLog] });
    expect(replay).toEqual(resultOf(live));
  });

  it("an action at the current time runs after deliveries already due at that time, in both modes", () => {
    const base = scenario([{ at: 0, host: "server", do: "listen" }, { at: 0, host: "client", do: "connect" }]);
    const live = createSimulation(base);
    live.runUntil(20); // the SYN-ACK arrives at 20
    live.schedule(call(20, "client", "abort"));
    live.runToQuiescence(10_000);
    const replay = runScenario({ ...base, actions: [...live.actionLog] });
    expect(replay.segments).toEqual(resultOf(live).segments);
    // The client was ESTABLISHED (SYN-ACK processed) when it aborted, so it sent ACK then RST.
    expect(replay.segments.filter((s) => s.from === "client").map((s) => s.flags.join(","))).toEqual(["SYN", "ACK", "RST,ACK"]);
  });

  it("refuses actions in the past", () => {
    const simulation = createSimulation(scenario(OPEN));
    simulation.runUntil(100);
    expect(() => simulation.schedule(call(50, "client", "close"))).toThrow(RangeError);
  });

  it("stops at the event cap and says so", () => {
    const result = runScenario(scenario([...OPEN, send(10, "client", 100_000)], { maxEvents: 50 }));
    expect(result.truncated).toBe(true);
    expect(result.events.length).toBeLessThanOrEqual(50 + 10);
  });

  it("dropping a segment that already arrived is a note, not a change", () => {
    const simulation = new Simulation({ params: linuxParams(), seed: 1, latencyMs: 10 });
    simulation.schedule(call(0, "client", "connect"));
    simulation.runUntil(50);
    simulation.dropSegment(1);
    simulation.runUntil(50);
    expect(simulation.events.at(-1)).toMatchObject({ kind: "note", text: "segment 1 is not in flight" });
  });
});

describe("narration and relative numbers", () => {
  const result = runScenario(scenario([...OPEN, send(100, "client", 100), call(200, "client", "close")]));

  it("reads like a textbook: relative numbers, then state changes", () => {
    const narrate = createNarrator(result.segments);
    const lines = result.events.map(narrate);
    expect(lines).toContain("client sends SYN seq 0");
    expect(lines).toContain("client enters SYN-SENT (connect)");
    expect(lines).toContain("server sends SYN-ACK seq 0 ack 1");
    expect(lines).toContain("client sends 100 bytes seq 1 ack 1");
    expect(lines).toContain("client sends FIN seq 101 ack 1");
    expect(lines).toContain("server's delayed-ACK timer fires");
  });

  it("can narrate absolute numbers too", () => {
    const narrate = createNarrator(result.segments, { absolute: true });
    expect(result.events.map(narrate)).toContain(`client sends SYN seq ${ISN.client}`);
  });

  it("relative numbers count from each side's ISN", () => {
    const relative = withRelativeNumbers(result.segments);
    expect(relative.map((s) => [s.from, s.relSeq, s.relAck])).toEqual([
      ["client", 0, null],
      ["server", 0, 1],
      ["client", 1, 1],
      ["client", 1, 1],
      ["server", 1, 101],
      ["client", 101, 1],
      ["server", 1, 102],
    ]);
  });
});

describe("building blocks", () => {
  it("mulberry32 is deterministic and uniform enough", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  it("the event queue breaks ties by rank, then by insertion order", () => {
    const queue = new EventQueue<string>();
    queue.push(10, 1, "app-first");
    queue.push(10, 0, "network-a");
    queue.push(5, 1, "early");
    queue.push(10, 0, "network-b");
    queue.push(10, 1, "app-second");
    const order: string[] = [];
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) order.push(entry.item);
    expect(order).toEqual(["early", "network-a", "network-b", "app-first", "app-second"]);
  });

  it("the timer wheel rounds up by the level's granularity, never down", () => {
    // HZ=250: 1 s is 250 jiffies (level 1, 8-jiffy buckets): from jiffy 0 it fires at jiffy 256.
    expect(wheelExpiryMs(0, 1000, 4)).toBe(1024);
    // 40 ms = 10 jiffies (level 0): one jiffy later than asked.
    expect(wheelExpiryMs(0, 40, 4)).toBe(44);
    // 60 s = 15000 jiffies (level 3, 512-jiffy buckets): within 2.048 s.
    const timeWait = wheelExpiryMs(1234, 60_000, 4) - 1234;
    expect(timeWait).toBeGreaterThanOrEqual(60_000);
    expect(timeWait).toBeLessThanOrEqual(60_000 + 2048 + 4);
  });
});
