/**
 * The engine's traces, pinned: digests of everything a run produces (segments, transitions,
 * events, errors, final states), of a step-by-step replay (the events of each step, endpoint
 * snapshots along the way, every timer armed) and of the time-driven API, for a fixed corpus:
 * seeded samples of the property-based scenarios, every kernel-differential case (simulator
 * presets, challenge solutions, quiz scenarios) and the benchmark's lossy bulk transfer.
 * The committed digests were computed before the engine's hot path was optimised; any change
 * to what the engine does, down to a key's order in a record, fails here and names the scenario.
 *
 * A deliberate behaviour change regenerates them:
 *   UPDATE_TRACE_DIGESTS=1 npx vitest run tests/unit/tcp/trace-digests.test.ts
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSimulation, runScenario, type ArmedTimer, type ScenarioInput } from "@/domain/tcp";
import { kernelCases } from "../../kernel/cases";
import { scenarioArbitrary } from "./scenario-arbitrary";

const DIGEST_FILE = fileURLToPath(new URL("../../fixtures/tcp/trace-digests.json", import.meta.url));

/** Linux sysctls and engine options the random scenarios leave at their defaults. */
const LINUX_VARIANTS: Partial<ScenarioInput>[] = [
  { timerWheel: true },
  { mss: 536, loopback: true },
  { sysctl: { tcp_timestamps: 0, tcp_rfc1337: 1 } },
  { sysctl: { tcp_max_tw_buckets: 0, tcp_orphan_retries: 1 } },
  { sysctl: { tcp_syn_retries: 2, tcp_synack_retries: 1, tcp_retries2: 5, tcp_fin_timeout: 5 } },
  { sysctl: { tcp_syn_linear_timeouts: 0, tcp_invalid_ratelimit: 0, tcp_rto_min_us: 50_000 } },
];

/** The benchmark's scenario (bench/engine.ts): 1 MB each way, 2% loss, jitter, both close. */
function bulkTransfer(seed: number): ScenarioInput {
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

function corpus(): { name: string; input: ScenarioInput }[] {
  const entries: { name: string; input: ScenarioInput }[] = [];
  fc.sample(scenarioArbitrary, { seed: 9293, numRuns: 240 }).forEach((input, index) => {
    entries.push({ name: `random ${index}`, input });
    if (index % 4 === 0 && input.profile === "linux") {
      const variant = LINUX_VARIANTS[(index / 4) % LINUX_VARIANTS.length];
      entries.push({ name: `random ${index} variant`, input: { ...input, ...variant } });
    }
  });
  const lossy = fc.tuple(scenarioArbitrary, fc.double({ min: 0, max: 0.9, noNaN: true }));
  fc.sample(lossy, { seed: 793, numRuns: 60 }).forEach(([input, lossProbability], index) => {
    entries.push({ name: `random loss ${index}`, input: { ...input, lossProbability } });
  });
  for (const kernelCase of kernelCases().cases) entries.push({ name: `kernel case ${kernelCase.id}`, input: kernelCase.scenario });
  for (const seed of [1, 2]) entries.push({ name: `bulk transfer seed ${seed}`, input: bulkTransfer(seed) });
  entries.push({ name: "bulk transfer rfc9293", input: { ...bulkTransfer(3), profile: "rfc9293" } });
  return entries;
}

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 20);
}

/** runScenario(): what `tcp simulate` prints plus the event list. */
function resultDigest(input: ScenarioInput): string {
  return digest(runScenario(structuredClone(input)));
}

/** step() by step() as the simulator UI drives it: each step's events, snapshots, timers armed. */
function steppedDigest(input: ScenarioInput): string {
  const armed: ArmedTimer[] = [];
  const simulation = createSimulation(structuredClone(input), { onTimerArmed: (timer) => armed.push(timer) });
  const until = input.until ?? 3_600_000;
  const trace: unknown[] = [];
  for (let steps = 0; ; steps++) {
    const next = simulation.nextEventTime();
    if (next === null || next > until || simulation.truncated) break;
    trace.push(simulation.step());
    if (steps % 40 === 0) trace.push(simulation.snapshot());
  }
  trace.push(simulation.snapshot(), armed, simulation.actionLog);
  return digest(trace);
}

/** runUntil() in fixed slices, as a player advancing the clock does. */
function timedDigest(input: ScenarioInput): string {
  const simulation = createSimulation(structuredClone(input));
  const trace: unknown[] = [];
  for (let t = 0; t <= 200_000; t += t < 2_000 ? 250 : 25_000) {
    trace.push(simulation.runUntil(t), simulation.now, simulation.nextEventTime());
  }
  trace.push(simulation.snapshot());
  return digest(trace);
}

function digestsOf(input: ScenarioInput): string {
  return `${resultDigest(input)} ${steppedDigest(input)} ${timedDigest(input)}`;
}

describe("engine traces stay identical on the pinned corpus", () => {
  const entries = corpus();

  it("covers random, kernel-differential and bulk-transfer scenarios under unique names", () => {
    expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
    expect(entries.filter((entry) => entry.name.startsWith("kernel case")).length).toBeGreaterThan(20);
    expect(entries.length).toBeGreaterThan(300);
  });

  it("every scenario's result, step-by-step replay and timed run match the committed digests", () => {
    const actual: Record<string, string> = {};
    for (const entry of entries) actual[entry.name] = digestsOf(entry.input);
    if (process.env.UPDATE_TRACE_DIGESTS === "1") writeFileSync(DIGEST_FILE, `${JSON.stringify(actual, null, 1)}\n`);
    expect(existsSync(DIGEST_FILE), `${DIGEST_FILE} is missing`).toBe(true);
    const expected = JSON.parse(readFileSync(DIGEST_FILE, "utf8")) as Record<string, string>;
    const differing = Object.keys({ ...expected, ...actual }).filter((name) => expected[name] !== actual[name]);
    expect(differing).toEqual([]);
  }, 240_000);
});
