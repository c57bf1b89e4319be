import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CAPTURE_SAMPLES } from "@/domain/simulator/capture-samples";
import { flagHex, flagString, formatDuration, segmentLabel } from "@/domain/simulator/format";
import { LADDER_METRICS, firstStepAtOrAfter, layoutSteps, yAtTime } from "@/domain/simulator/ladder-layout";
import { captureLadderModel, simulatorLadderModel } from "@/domain/simulator/ladder-model";
import {
  ReplayCursor,
  buildRun,
  cursorAtTime,
  inFlightAt,
  narrateStep,
  narratorFor,
  segmentStatus,
  statesAt,
  timeAt,
  visibleSegmentCount,
} from "@/domain/simulator/run";
import { DEFAULT_SETTINGS, buildScenario } from "@/domain/simulator/session";
import { initialState, simulatorReducer } from "@/components/simulator/use-simulator";
import { analyzeCapture } from "@/domain/tcp/pcap";
import type { Action } from "@/domain/tcp";

const scenario = (preset: Parameters<typeof buildScenario>[0]["preset"], actions: Action[] = []) =>
  buildScenario({ ...DEFAULT_SETTINGS, preset }, actions);

describe("a recorded run", () => {
  const run = buildRun(scenario("four-way-close"));

  it("records every queue item as a step whose events are contiguous", () => {
    expect(run.steps.length).toBeGreaterThan(10);
    let expected = 0;
    for (const step of run.steps) {
      expect(step.first).toBe(expected);
      expected = step.end;
    }
    expect(expected).toBe(run.events.length);
    expect(timeAt(run, 0)).toBe(0);
    expect(timeAt(run, run.steps.length)).toBe(run.steps.at(-1)?.t);
  });

  it("is a deterministic replay: the snapshot at any cursor equals a fresh replay to that cursor", () => {
    const replay = new ReplayCursor(run.scenario);
    for (const cursor of [0, 3, 7, run.steps.length, 5, 1]) {
      const fresh = new ReplayCursor(run.scenario).hostsAt(cursor);
      expect(replay.hostsAt(cursor)).toEqual(fresh);
      expect(fresh.client.state).toBe(statesAt(run, cursor).client.state);
      expect(fresh.server.state).toBe(statesAt(run, cursor).server.state);
    }
  });

  it("stepping back replays from the start; stepping over covered ground costs nothing", () => {
    const long = buildRun(scenario("three-way-handshake", [{ at: 100, host: "client", do: "send", bytes: 200_000 }]));
    expect(long.steps.length).toBeGreaterThan(ReplayCursor.BACK_WINDOW + 20);
    const replay = new ReplayCursor(long.scenario);
    const end = long.steps.length;
    replay.hostsAt(end);
    replay.hostsAt(end - 1); // kept on the way
    replay.hostsAt(end - ReplayCursor.BACK_WINDOW);
    replay.hostsAt(end); // cached
    expect(replay.replays).toBe(0);
    replay.hostsAt(end - ReplayCursor.BACK_WINDOW - 10);
    expect(replay.replays).toBe(1);
    expect(replay.hostsAt(end - ReplayCursor.BACK_WINDOW - 10)).toEqual(new ReplayCursor(long.scenario).hostsAt(end - ReplayCursor.BACK_WINDOW - 10));
  });

  it("narrates each step with the engine's narrator, e.g. the first connect", () => {
    const narrate = narratorFor(run, false);
    const lines = run.steps.map((_, index) => narrateStep(run, narrate, index));
    expect(lines).toContain("client calls connect(); client enters SYN-SENT (connect); client sends SYN seq 0");
    expect(lines.some((line) => line.startsWith("server receives SYN seq 0; server enters SYN-RECEIVED (recv SYN); server sends SYN-ACK seq 0 ack 1"))).toBe(true);
  });

  it("tracks each segment: hidden, in flight, delivered or lost, and which can still be dropped", () => {
    const first = run.segments[0];
    if (first === undefined) throw new Error("no segment");
    expect(segmentStatus(first, first.sentStep)).toBe("hidden");
    expect(segmentStatus(first, first.sentStep + 1)).toBe("in-flight");
    expect(inFlightAt(run, first.sentStep + 1).map((s) => s.id)).toEqual([first.id]);
    expect(segmentStatus(first, (first.deliveredStep ?? 0) + 1)).toBe("delivered");
    expect(visibleSegmentCount(run, run.steps.length)).toBe(run.segments.length);
    expect(visibleSegmentCount(run, 0)).toBe(0);
    const lost = buildRun(scenario("lost-final-ack")).segments.find((s) => s.dropped);
    expect(lost && segmentStatus(lost, lost.sentStep + 1)).toBe("lost");
  });

  it("finds the cursor for a time (settings changes keep the place)", () => {
    const at = run.steps[6]?.t ?? 0;
    const cursor = cursorAtTime(run, at);
    expect(timeAt(run, cursor)).toBe(at);
    expect(run.steps[cursor]?.t ?? Infinity).toBeGreaterThan(at);
  });
});

describe("simulator state changes", () => {
  const init = { settings: { ...DEFAULT_SETTINGS, preset: "four-way-close" as const }, actions: [], cursor: 0, absolute: false };

  it("an action is added at the current time and the view moves to its step", () => {
    let state = initialState({ ...init, settings: { ...init.settings, preset: "three-way-handshake" } });
    state = simulatorReducer(state, { type: "seek", cursor: state.run.steps.length });
    const now = timeAt(state.run, state.cursor);
    state = simulatorReducer(state, { type: "act", host: "client", call: "close" });
    expect(state.actions).toEqual([{ at: now, host: "client", do: "close" }]);
    const step = state.run.steps[state.cursor - 1];
    const events = state.run.events.slice(step?.first, step?.end);
    expect(events.some((e) => e.kind === "app" && e.call === "close")).toBe(true);
    state = simulatorReducer(state, { type: "undo" });
    expect(state.actions).toEqual([]);
  });

  it("dropping an in-flight segment makes it lost and the run changes after that point only", () => {
    let state = initialState(init);
    const before = state.run;
    // Step until the client's last ACK is in flight.
    const lastAck = before.segments.at(-1);
    if (lastAck === undefined) throw new Error("no segment");
    state = simulatorReducer(state, { type: "seek", cursor: lastAck.sentStep + 1 });
    expect(inFlightAt(state.run, state.cursor).map((s) => s.id)).toContain(lastAck.id);
    state = simulatorReducer(state, { type: "drop", segment: lastAck.id });
    expect(state.actions).toEqual([{ at: lastAck.t, do: "drop", segment: lastAck.id }]);
    const dropped = state.run.segments[lastAck.id - 1];
    expect(dropped && segmentStatus(dropped, state.cursor)).toBe("lost");
    expect(state.run.segments.slice(0, lastAck.id - 1).map((s) => s.t)).toEqual(before.segments.slice(0, lastAck.id - 1).map((s) => s.t));
    expect(state.run.segments.some((s) => s.from === "server" && s.flags.includes("FIN") && s.retransmission)).toBe(true);
  });

  it("step, back, reset and settings", () => {
    let state = initialState(init);
    state = simulatorReducer(state, { type: "step" });
    state = simulatorReducer(state, { type: "step" });
    expect(state.cursor).toBe(2);
    state = simulatorReducer(state, { type: "back" });
    expect(state.cursor).toBe(1);
    state = simulatorReducer(state, { type: "settings", patch: { latencyMs: 50 } });
    expect(state.run.scenario.latencyMs).toBe(50);
    state = simulatorReducer(state, { type: "settings", patch: { preset: "refused-connection" } });
    expect(state.cursor).toBe(0);
    state = simulatorReducer(state, { type: "reset" });
    expect(state).toMatchObject({ cursor: 0, actions: [] });
    const end = initialState({ ...init, cursor: "end" });
    expect(end.cursor).toBe(end.run.steps.length);
  });
});

describe("ladder layout", () => {
  it("gives each step a row, stacks segments sent together and marks long pauses", () => {
    const layout = layoutSteps([
      { t: 0, sends: 1, marks: 2 },
      { t: 10, sends: 3, marks: 1 },
      { t: 10, sends: 0, marks: 1 },
      { t: 60_010, sends: 0, marks: 1 },
    ]);
    const [a = 0, b = 0, c = 0, d = 0] = layout.ys;
    expect(a).toBe(LADDER_METRICS.top);
    expect(b - a).toBe(LADDER_METRICS.row);
    expect(c - b).toBe(LADDER_METRICS.row + 2 * LADDER_METRICS.stack);
    expect(d - c).toBe(LADDER_METRICS.row + LADDER_METRICS.gap);
    expect(layout.gaps).toEqual([{ ms: 60_000, y: expect.any(Number) }]);
    expect(firstStepAtOrAfter(layout.times, 5)).toBe(1);
    expect(yAtTime(layout, 10)).toBe(b);
    expect(yAtTime(layout, 100_000)).toBeGreaterThan(d);
  });

  it("keeps a burst readable: every segment of a bulk transfer gets its own height", () => {
    const run = buildRun(scenario("three-way-handshake", [{ at: 100, host: "client", do: "send", bytes: 100_000 }]));
    const model = simulatorLadderModel(run, false);
    const starts = model.arrows.map((arrow) => `${arrow.from}:${arrow.y1}`);
    expect(new Set(starts).size).toBe(starts.length);
  });

  it("draws every segment of a run, lost ones stopped on the way", () => {
    const run = buildRun(scenario("lost-final-ack"));
    const model = simulatorLadderModel(run, false);
    expect(model.arrows).toHaveLength(run.segments.length);
    for (const arrow of model.arrows) expect(arrow.y2).toBeGreaterThan(arrow.y1);
    const lost = model.arrows.filter((arrow) => arrow.lostFraction !== null);
    expect(lost).toHaveLength(1);
    expect(model.arrows.filter((arrow) => arrow.retransmission).map((arrow) => arrow.label)).toEqual(["FIN,ACK seq=1 ack=2"]);
    expect(model.marks.filter((mark) => mark.tone === "state").map((mark) => mark.text)).toContain("TIME-WAIT");
    expect(model.cursorY).toHaveLength(run.steps.length + 1);
  });

  it("labels segments as Wireshark does", () => {
    expect(segmentLabel({ flags: ["SYN", "ACK"], seq: 0, ack: 1, len: 0 })).toBe("SYN,ACK seq=0 ack=1");
    expect(segmentLabel({ flags: ["PSH", "ACK"], seq: 1, ack: 1, len: 100 })).toBe("PSH,ACK seq=1 ack=1 len=100");
    expect(flagHex(["SYN", "ACK"])).toBe("0x012");
    expect(flagString(["SYN", "ACK"])).toBe("·······A··S·");
    expect(flagString(["FIN", "PSH", "ACK"])).toBe("·······AP··F");
    expect(formatDuration(60_000)).toBe("1 min");
    expect(formatDuration(40)).toBe("40 ms");
    expect(formatDuration(1500)).toBe("1.5 s");
  });
});

describe("capture samples", () => {
  it("public/captures holds byte-identical copies of committed fixtures, listed in manifest.json", () => {
    const manifest = JSON.parse(readFileSync("public/captures/manifest.json", "utf8")) as { samples: unknown };
    expect(manifest.samples).toEqual(CAPTURE_SAMPLES);
    for (const sample of CAPTURE_SAMPLES) {
      expect(readFileSync(`public/captures/${sample.file}`).equals(readFileSync(sample.source))).toBe(true);
    }
  });

  it("each sample has one connection the viewer can draw", () => {
    for (const sample of CAPTURE_SAMPLES) {
      const analysis = analyzeCapture(new Uint8Array(readFileSync(`public/captures/${sample.file}`)));
      expect(analysis.connections.length, sample.id).toBe(1);
      const connection = analysis.connections[0];
      if (connection === undefined) continue;
      const model = captureLadderModel(connection, false);
      expect(model.arrows).toHaveLength(connection.segments.length);
      expect(model.marks.length).toBeGreaterThanOrEqual(2);
    }
  });
});
