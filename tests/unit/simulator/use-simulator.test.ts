/** The pure parts of the handshake simulator's hook: how it starts, what it offers, what it says and lists. */
import { describe, expect, it } from "vitest";
import { formatSeconds } from "@/domain/simulator/format";
import { buildRun, narrateStep, narratorFor, timeAt } from "@/domain/simulator/run";
import { DEFAULT_SETTINGS, SIM_LIMITS, buildScenario } from "@/domain/simulator/session";
import { initialState, offeredActions, simulatorInit, simulatorNarration, simulatorPacketRows, type SimulatorStart } from "@/components/simulator/use-simulator";

const start: SimulatorStart = {
  preset: "three-way-handshake",
  profile: "linux",
  latencyMs: DEFAULT_SETTINGS.latencyMs,
  lossProbability: 0,
  seed: DEFAULT_SETTINGS.seed,
  initialActions: [],
  initialStep: 0,
  absolute: false,
};

describe("the simulator's start", () => {
  it("keeps a lesson's network settings within the simulator's limits", () => {
    expect(simulatorInit({ ...start, latencyMs: 0, lossProbability: -1 }).settings).toMatchObject({ latencyMs: SIM_LIMITS.minLatencyMs, lossProbability: 0 });
    expect(simulatorInit({ ...start, latencyMs: 1e9, lossProbability: 1 }).settings).toMatchObject({ latencyMs: SIM_LIMITS.maxLatencyMs, lossProbability: SIM_LIMITS.maxLoss });
    expect(simulatorInit({ ...start, latencyMs: 80, lossProbability: 0.1 }).settings).toMatchObject({ latencyMs: 80, lossProbability: 0.1 });
  });

  it("sets the reading habit only when the lesson names one (the preset's applies otherwise)", () => {
    expect("autoRead" in simulatorInit(start).settings).toBe(false);
    expect(simulatorInit({ ...start, autoRead: { server: false } }).settings.autoRead).toEqual({ server: false });
  });

  it("starts at the step asked for, or at the end", () => {
    const end = initialState(simulatorInit({ ...start, initialStep: "end" }));
    expect(end.cursor).toBe(end.run.steps.length);
    expect(initialState(simulatorInit({ ...start, initialStep: 2 })).cursor).toBe(2);
  });
});

describe("the actions offered", () => {
  it("offers none for playback, all by default and only a challenge's when it names them", () => {
    expect(offeredActions("playback", ["drop"]).size).toBe(0);
    const all = offeredActions("full");
    expect(all.has("client:connect") && all.has("server:listen") && all.has("drop") && all.has("link")).toBe(true);
    expect(all.size).toBe(2 * 8 + 2);
    expect([...offeredActions("actions", ["client:close", "drop"])]).toEqual(["client:close", "drop"]);
  });
});

describe("what the simulator says and lists", () => {
  const state = initialState(simulatorInit(start));

  it("is ready before the first step, then narrates the last step in the view's language", () => {
    expect(simulatorNarration(state, "en")).toBe("Ready. Press Step to run the first event.");
    const stepped = { ...state, cursor: 1 };
    const sentence = narrateStep(state.run, narratorFor(state.run, false, "en"), 0, "en");
    expect(simulatorNarration(stepped, "en")).toBe(`${formatSeconds(timeAt(state.run, 1))} s: ${sentence}.`);
    expect(simulatorNarration(stepped, "zh")).toContain(narrateStep(state.run, narratorFor(state.run, false, "zh"), 0, "zh"));
  });

  it("says when nothing is scheduled, and a refused action over anything else", () => {
    const blank = initialState(simulatorInit({ ...start, preset: "blank" }));
    expect(simulatorNarration(blank, "en")).toBe("Nothing is scheduled: use the actions below.");
    expect(simulatorNarration({ ...state, cursor: 1, notice: "too-many-actions" }, "en")).toBe(`At most ${SIM_LIMITS.maxActions} actions: reset or undo to add more.`);
  });

  it("lists every segment sent, with relative or absolute numbers", () => {
    const run = buildRun(buildScenario({ ...DEFAULT_SETTINGS, preset: "three-way-handshake" }, []));
    const relative = simulatorPacketRows(run, false, "en");
    const absolute = simulatorPacketRows(run, true, "en");
    expect(relative.map((row) => row.flagString)).toEqual(run.segments.map(() => expect.any(String)));
    expect(relative).toHaveLength(run.segments.length);
    expect(relative[0]).toMatchObject({ id: 1, no: 1, from: "client", seq: 0, kind: "syn" });
    expect(absolute[0]?.seq).toBe(run.segments[0]?.seq);
    expect(absolute[0]?.seq).not.toBe(0);
    expect(simulatorPacketRows(run, false, "zh")[0]?.direction).not.toBe(relative[0]?.direction);
  });
});
