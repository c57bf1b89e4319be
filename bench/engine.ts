/**
 * TCP engine throughput: simulated segments per second for a lossy bulk transfer with a full
 * open and close, next to a bare loop that only pushes the same segments through the same event
 * queue (the floor any event-driven simulator pays). Plus the TIME-WAIT lab's connections/s.
 */
import { EventQueue } from "../domain/tcp/event-queue";
import { runTimeWaitLab } from "../domain/tcp/labs/time-wait-lab";
import { runScenario, type ScenarioInput } from "../domain/tcp/scenario";
import type { SegmentRecord } from "../domain/tcp/types";
import type { BenchFigure, BenchSuite } from "./types";

const MIN_MEASURE_MS = 600;
const WARM_UP_MS = 300;
/** Rounds of the engine and its baseline, alternating, so that both see the same load; medians reported. */
const ROUNDS = 3;

/** 1 MB each way with 2% loss and reordering jitter, then both sides close. */
export function transferScenario(seed: number): ScenarioInput {
  return {
    seed,
    latencyMs: 5,
    lossProbability: 0.02,
    reorder: { jitterMs: 3 },
    actions: [
      { at: 0, host: "server", do: "listen" },
      { at: 0, host: "client", do: "connect" },
      { at: 20, host: "client", do: "send", bytes: 1_000_000 },
      { at: 20, host: "server", do: "send", bytes: 1_000_000 },
      { at: 60_000, host: "client", do: "close" },
      { at: 60_000, host: "server", do: "close" },
    ],
  };
}

/** Milliseconds of CPU time this process has used (all its threads, user and system). */
function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/**
 * Units per second of CPU time: `work` runs for WARM_UP_MS first (so the JIT has compiled the hot
 * path, as it has in any long simulation), then until MIN_MEASURE_MS have been spent. CPU time,
 * not wall time: the engine is single-threaded, and on a shared machine other processes' load
 * would otherwise count against it and its baseline unevenly.
 */
function measure(work: () => number, warmUpMs = WARM_UP_MS): number {
  const warmUpStarted = cpuMs();
  while (cpuMs() - warmUpStarted < warmUpMs) work();
  let units = 0;
  const started = cpuMs();
  let elapsed = 0;
  do {
    units += work();
    elapsed = cpuMs() - started;
  } while (elapsed < MIN_MEASURE_MS);
  return units / (elapsed / 1000);
}

/** The same segments, scheduled and popped in order with no TCP logic at all. */
function bareQueueLoop(segments: readonly SegmentRecord[]): number {
  const queue = new EventQueue<SegmentRecord>();
  for (const segment of segments) queue.push(segment.arriveAt ?? segment.t, 0, segment);
  let checksum = 0;
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) checksum = (checksum + entry.item.seq) | 0;
  return checksum === Number.MIN_SAFE_INTEGER ? 0 : segments.length;
}

/** Each side warmed up once, then measured in alternating rounds: the median of each side. */
function alternating(a: () => number, b: () => number): [number, number] {
  const ratesA: number[] = [];
  const ratesB: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ratesA.push(measure(a, round === 0 ? WARM_UP_MS : 0));
    ratesB.push(measure(b, round === 0 ? WARM_UP_MS : 0));
  }
  return [median(ratesA), median(ratesB)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function figure(fields: Omit<BenchFigure, "ratio">): BenchFigure {
  return { ...fields, ratio: fields.value / fields.baseline.value };
}

const suite: BenchSuite = {
  name: "TCP engine",
  command: "npm run bench -- engine",
  async run() {
    const sample = runScenario(transferScenario(1)).segments;
    let seed = 0;
    const [engineRate, bareRate] = alternating(
      () => runScenario(transferScenario(++seed)).segments.length,
      () => bareQueueLoop(sample),
    );

    const labParams = { requestsPerSecond: 5000, durationSeconds: 300, closer: "client" as const, tcp_tw_reuse: 0 as const };
    const labConnections = labParams.requestsPerSecond * labParams.durationSeconds;
    const labRate = measure(() => {
      runTimeWaitLab(labParams);
      return labConnections;
    });
    const ticks = (labParams.durationSeconds * 1000) / 100;
    const tickLoopRate = measure(() => {
      let total = 0;
      for (let tick = 0; tick < ticks; tick++) total += labParams.requestsPerSecond / 10;
      return total;
    });

    return [
      figure({
        id: "engine.segmentsPerSecond",
        label: "Simulated TCP segments per second (1 MB each way, 2% loss, jitter)",
        unit: "segments/s",
        value: engineRate,
        baseline: { label: "same segments through the bare event queue", value: bareRate },
        note: `per second of CPU time after a warm-up, median of ${ROUNDS} rounds alternating with the baseline; ratio = engine / bare queue loop; the gap is the per-segment TCP work (state machine, ACK policy, timers, trace).`,
        goal: { text: "≥ 1 M segments/s", met: engineRate >= 1_000_000 },
      }),
      figure({
        id: "engine.timeWaitLabConnectionsPerSecond",
        label: "TIME-WAIT lab: simulated connections per second of CPU time (5000/s for 300 s)",
        unit: "connections/s",
        value: labRate,
        baseline: { label: "bare loop over the same 100 ms ticks", value: tickLoopRate },
        note: "per second of CPU time after a warm-up; ratio = lab / bare tick loop; both count the same connections, the lab also tracks ports and TIME-WAIT cohorts.",
      }),
    ];
  },
};

export default suite;
