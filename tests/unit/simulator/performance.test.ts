/**
 * How the simulator copes with a long trace (about 1,000 segments). Prints the timings it
 * measures (tests never assert wall-clock times) and asserts what keeps stepping cheap: the
 * run is computed once per action log, a step forward replays one queue item, and the views
 * draw only what is on screen.
 */
import { describe, expect, it } from "vitest";
import { LADDER_METRICS } from "@/domain/simulator/ladder-layout";
import { simulatorLadderModel } from "@/domain/simulator/ladder-model";
import { ReplayCursor, buildRun, inFlightAt, statesAt, visibleSegmentCount } from "@/domain/simulator/run";
import { DEFAULT_SETTINGS, buildScenario } from "@/domain/simulator/session";
import { encodePlayground, DEFAULT_PLAYGROUND } from "@/domain/simulator/url-state";
import { runScenario } from "@/domain/tcp";

/** A connection that carries 1 MB and closes: about 700 data segments and their ACKs. */
export const LONG_ACTIONS = [
  { at: 100, host: "client" as const, do: "send" as const, bytes: 1_000_000 },
  { at: 50_000, host: "client" as const, do: "close" as const },
  { at: 50_000, host: "server" as const, do: "close" as const },
];

/** Minimum (the cost itself) and median (with whatever else the machine is doing) of repeated runs. */
function time<T>(run: () => T, repeat = 9): { value: T; ms: number; median: number } {
  let value = run();
  const samples: number[] = [];
  for (let index = 0; index < repeat; index++) {
    const started = performance.now();
    value = run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { value, ms: samples[0] ?? 0, median: samples[Math.floor(samples.length / 2)] ?? 0 };
}

const figure = (measured: { ms: number; median: number }, per = 1) => `${(measured.ms / per).toFixed(3)} (median ${(measured.median / per).toFixed(3)})`;

// Timings are printed, not asserted; the time limit only has to survive a busy machine.
describe("a 1,000-segment trace", { timeout: 60_000 }, () => {
  const scenario = buildScenario({ ...DEFAULT_SETTINGS, preset: "three-way-handshake" }, LONG_ACTIONS);
  const built = time(() => buildRun(scenario));
  const run = built.value;
  // Baseline measured in the same run: the engine alone, run to quiescence without recording steps.
  const engine = time(() => runScenario(scenario));

  it("is long enough to matter", () => {
    expect(run.segments.length).toBeGreaterThanOrEqual(1000);
    expect(run.truncated).toBe(false);
  });

  it("measures the costs of building, stepping and replaying", () => {
    const modelTime = time(() => simulatorLadderModel(run, false));
    const model = modelTime.value;
    const steps = run.steps.length;

    // Stepping forward through the whole trace, one step at a time, as Play does.
    const forward = time(() => {
      const replay = new ReplayCursor(scenario);
      for (let cursor = 0; cursor <= steps; cursor++) replay.hostsAt(cursor);
      return replay;
    }, 5);
    // Jumping to the end, then stepping back 50 times: the positions before the jump were kept.
    const back = time(() => {
      const replay = new ReplayCursor(scenario);
      replay.hostsAt(steps);
      for (let cursor = steps - 1; cursor >= steps - 50; cursor--) replay.hostsAt(cursor);
      return replay;
    });
    expect(back.value.replays).toBe(0);
    // Stepping back past them: one replay from scratch.
    const replayBack = time(() => {
      const replay = new ReplayCursor(scenario);
      replay.hostsAt(steps);
      replay.hostsAt(steps - 100);
      return replay;
    });
    expect(replayBack.value.replays).toBe(1);
    // Per-step derived views (states, in-flight list, visible count) at the end.
    const derived = time(() => [statesAt(run, steps), inFlightAt(run, steps), visibleSegmentCount(run, steps)], 21);
    // The URL of the whole state stays short enough to share.
    const url = encodePlayground({ ...DEFAULT_PLAYGROUND, simulator: { ...DEFAULT_PLAYGROUND.simulator, actions: LONG_ACTIONS, step: steps } });

    const figures = {
      segments: run.segments.length,
      events: run.events.length,
      steps,
      engineRunMs: figure(engine),
      buildRunMs: figure(built),
      ladderModelMs: figure(modelTime),
      stepForwardMsPerStep: figure(forward, steps + 1),
      jumpToEndThen50StepsBackMs: figure(back),
      jumpToEndThenReplayBackMs: figure(replayBack),
      derivedViewsPerStepMs: figure(derived),
      urlLength: url.length,
    };
    console.info("simulator performance", JSON.stringify(figures));
    expect(model.arrows).toHaveLength(run.segments.length);
  });

  it("draws a bounded number of arrows whatever the trace length (the ladder is windowed)", () => {
    const model = simulatorLadderModel(run, false);
    const viewport = 460;
    const overscan = 240;
    let most = 0;
    for (let top = 0; top < model.height; top += 200) {
      const low = top - overscan;
      const high = top + viewport + overscan;
      const drawn = model.arrows.filter((arrow) => arrow.y2 >= low && arrow.y1 <= high).length;
      most = Math.max(most, drawn);
    }
    console.info("ladder arrows drawn at most", most, "of", model.arrows.length, "in a drawing", Math.round(model.height), "px tall, rows", LADDER_METRICS.row, "px");
    expect(most).toBeLessThan(150);
  });
});
