/**
 * What the kernel differential test replays: every simulator preset, every challenge's reference
 * solution and every scenario a quiz question runs, as engine scenarios. Identical scenarios
 * (same calls, drops, latency and sysctls; ISNs do not matter) are replayed once and list every
 * place they come from.
 */
import { CHALLENGES } from "@/domain/challenges";
import { challengeSettings } from "@/domain/challenges/verify";
import { generateNumber, generateState } from "@/domain/quiz/generators";
import { randomFor } from "@/domain/quiz/random";
import { parseQuiz, type Question } from "@/domain/quiz/schema";
import { PRESET_IDS } from "@/domain/simulator/presets";
import { buildScenario, DEFAULT_SETTINGS } from "@/domain/simulator/session";
import { autoReadOf, runScenario, type Action, type DropRule, type LinuxSysctls, type ScenarioInput } from "@/domain/tcp";
import { quizFiles } from "@/content/quizzes";
import { CHALLENGE_CASES } from "../support/challenge-solutions";

/** The longest a case runs on the kernel (ms): TIME-WAIT (60 s) plus its timer-wheel slack fits. */
export const KERNEL_HORIZON_MS = 65_000;
/** Kept after the last engine event judged, for late kernel timers (the wheel's slack at 60 s is about 2 s). */
export const TAIL_MS = 3_000;
/** Different variants a generated quiz question is sampled for. */
const QUIZ_SAMPLES = 40;

export interface KernelCase {
  /** Stable, readable: the first source's kind and name. */
  id: string;
  /** Everything that runs this scenario, e.g. "preset four-way-close", "challenge both-closing (reference solution)". */
  sources: string[];
  /** Exactly what the engine runs (the simulator's settings, the learner's actions). */
  scenario: ScenarioInput;
  /** How long the kernel runs it (ms). */
  durationMs: number;
  /** Engine events after this time are not judged (beyond the horizon). */
  judgedUntilMs: number;
}

/** What scripts/kernel-diff/case_runner.py reads. */
export interface KernelCaseSpec {
  id: string;
  latencyMs: number;
  /** Whether each host's application reads by itself (the engine's autoRead). */
  autoRead: Record<"client" | "server", boolean>;
  sysctl: Partial<LinuxSysctls>;
  actions: Action[];
  drop: DropRule[];
  durationMs: number;
}

/** Why a scenario cannot be replayed on the kernel, or null. */
export function unsupportedFeature(scenario: ScenarioInput): string | null {
  if ((scenario.profile ?? "linux") !== "linux") return `profile ${scenario.profile} (the kernel is Linux)`;
  if (scenario.reorder !== undefined) return "reordering";
  if ((scenario.duplicateProbability ?? 0) > 0) return "duplication";
  if (scenario.timerWheel) return "timer-wheel rounding (compared against exact timers plus slack)";
  if (scenario.mss !== undefined && scenario.mss !== 1460) return `MSS ${scenario.mss} (the kernel run uses 1460)`;
  if ((scenario.sysctl as Partial<LinuxSysctls> | undefined)?.rmem_max !== undefined) {
    return "net.core.rmem_max (global: a network namespace cannot set it without changing the machine)";
  }
  return null;
}

/**
 * The kernel's drop rules: the engine's own, plus every segment its drop actions (a learner
 * clicking a segment in flight) and its seeded random losses dropped, as "n-th segment of that
 * host". The wire then loses the same segments whatever the kernel's timing: a drop at 312 ms of
 * a segment the engine sent at 310 ms must not miss a kernel that sent it at 312.5 ms.
 */
function dropRules(scenario: ScenarioInput): DropRule[] {
  const rules = (scenario.drop ?? []).map((rule) => ({ ...rule }));
  for (const segment of runScenario(scenario).segments) {
    if (segment.dropReason === "manual" || segment.dropReason === "loss") rules.push({ from: segment.from, nth: segment.n });
  }
  return rules;
}

/**
 * Run length: the kernel runs TAIL_MS past the last engine event it judges, and that event is
 * chosen within the horizon so that the engine does nothing else in those TAIL_MS: a kernel
 * segment in the tail is then a difference, never an engine event cut off by the horizon.
 */
export function caseTiming(scenario: ScenarioInput): { durationMs: number; judgedUntilMs: number } {
  const times = [...new Set(runScenario(scenario).events.map((event) => event.t))].sort((a, b) => a - b);
  let judged = 0;
  for (let i = times.length - 1; i >= 0; i--) {
    const t = times[i] as number;
    const next = times[i + 1];
    if (t <= KERNEL_HORIZON_MS - TAIL_MS && (next === undefined || next > t + TAIL_MS)) {
      judged = t;
      break;
    }
  }
  return { durationMs: Math.ceil(judged + TAIL_MS), judgedUntilMs: judged };
}

export function specOf(kernelCase: KernelCase): KernelCaseSpec {
  const { scenario } = kernelCase;
  return {
    id: kernelCase.id,
    latencyMs: scenario.latencyMs ?? 10,
    autoRead: autoReadOf(scenario.autoRead),
    sysctl: { ...((scenario.sysctl ?? {}) as Partial<LinuxSysctls>) },
    actions: scenario.actions.filter((action) => action.do !== "drop").map((action) => ({ ...action })),
    drop: dropRules(scenario),
    durationMs: kernelCase.durationMs,
  };
}

/** Scenarios are the same case when the kernel would be driven identically. */
function identity(scenario: ScenarioInput): string {
  return JSON.stringify({
    actions: scenario.actions,
    drop: dropRules(scenario),
    latencyMs: scenario.latencyMs ?? 10,
    sysctl: scenario.sysctl ?? {},
    autoRead: autoReadOf(scenario.autoRead),
  });
}

interface Source {
  id: string;
  label: string;
  scenario: ScenarioInput;
}

function presetSources(): Source[] {
  return PRESET_IDS.map((preset) => ({
    id: `preset:${preset}`,
    label: `preset ${preset}`,
    scenario: buildScenario({ ...DEFAULT_SETTINGS, preset }, []),
  }));
}

function challengeSources(): Source[] {
  return CHALLENGES.map((challenge) => {
    const reference = CHALLENGE_CASES[challenge.id];
    if (reference === undefined) throw new Error(`challenge ${challenge.id} has no reference solution in tests/support/challenge-solutions.ts`);
    return {
      id: `challenge:${challenge.id}`,
      label: `challenge ${challenge.id} (reference solution)`,
      scenario: buildScenario(challengeSettings(challenge), reference.solution),
    };
  });
}

/** Every distinct scenario a quiz question can run, sampled over attempt seeds. */
function questionScenarios(question: Question): ScenarioInput[] {
  if (question.type !== "state" && question.type !== "number") return [];
  const found = new Map<string, ScenarioInput>();
  const samples = question.type === "number" ? 1 : QUIZ_SAMPLES;
  for (let seed = 1; seed <= samples; seed++) {
    const random = randomFor(seed, question.id);
    const scenario = question.type === "state" ? generateState(question, random).scenario : generateNumber(question, random).scenario;
    const key = identity(scenario);
    if (!found.has(key)) found.set(key, scenario);
  }
  return [...found.values()];
}

function quizSources(): Source[] {
  return quizFiles.flatMap((file) => {
    const quiz = parseQuiz(file.quiz, file.source);
    return quiz.questions.flatMap((question) =>
      questionScenarios(question).map((scenario, variant) => ({
        id: `quiz:${quiz.id}/${question.id}${variant > 0 ? `#${variant + 1}` : ""}`,
        label: `quiz ${quiz.id}, question ${question.id}${variant > 0 ? ` (variant ${variant + 1})` : ""}`,
        scenario,
      })),
    );
  });
}

/**
 * Scenarios the course does not run but the capture reader must read right: segments that cross
 * on the wire where only TCP timestamps tell the order (a RST and a FIN cross; data crosses a
 * RST). They judge the engine too.
 */
function crossingSources(): Source[] {
  const open: Action[] = [
    { at: 0, host: "server", do: "listen" },
    { at: 0, host: "client", do: "connect" },
  ];
  return [
    {
      id: "crossing:abort-meets-close",
      label: "crossing: the client aborts as the server closes (RST and FIN cross)",
      scenario: { latencyMs: 10, actions: [...open, { at: 100, host: "client", do: "abort" }, { at: 100, host: "server", do: "close" }] },
    },
    {
      id: "crossing:data-meets-abort",
      label: "crossing: the server sends data as the client aborts (data and RST cross)",
      scenario: { latencyMs: 10, actions: [...open, { at: 100, host: "client", do: "abort" }, { at: 103, host: "server", do: "send", bytes: 200 }] },
    },
  ];
}

/**
 * The socket model's calls (setsockopt, application reads, the link going down), judged on the
 * kernel before any preset uses them: a keep-alive that finds its peer gone, a reader that reads
 * late, a close with data left unread.
 */
function socketModelSources(): Source[] {
  const open: Action[] = [
    { at: 0, host: "server", do: "listen" },
    { at: 0, host: "client", do: "connect" },
  ];
  return [
    {
      id: "socket-model:keepalive-dead-peer",
      label: "socket model: keep-alive (idle 2 s, interval 1 s, 3 probes) after the link goes down",
      scenario: {
        latencyMs: 10,
        actions: [
          ...open,
          { at: 50, host: "client", do: "setsockopt", option: "SO_KEEPALIVE", value: 1 },
          { at: 50, host: "client", do: "setsockopt", option: "TCP_KEEPIDLE", value: 2 },
          { at: 50, host: "client", do: "setsockopt", option: "TCP_KEEPINTVL", value: 1 },
          { at: 50, host: "client", do: "setsockopt", option: "TCP_KEEPCNT", value: 3 },
          { at: 1000, do: "link", up: false },
        ],
      },
    },
    {
      id: "socket-model:late-reader",
      label: "socket model: the server reads only at 500 ms, in two reads",
      scenario: {
        latencyMs: 10,
        autoRead: { server: false },
        actions: [
          ...open,
          { at: 100, host: "client", do: "send", bytes: 3000 },
          { at: 500, host: "server", do: "read", bytes: 1000 },
          { at: 600, host: "server", do: "read" },
          { at: 700, host: "client", do: "close" },
          { at: 900, host: "server", do: "read" },
          { at: 1000, host: "server", do: "close" },
        ],
      },
    },
    {
      id: "socket-model:small-receive-buffer",
      label: "socket model: a server with SO_RCVBUF 4096 that reads only at 1, 2 and 2.1 s (zero window, probes, window updates)",
      scenario: {
        latencyMs: 10,
        autoRead: { server: false },
        actions: [
          { at: 0, host: "server", do: "setsockopt", option: "SO_RCVBUF", value: 4096 },
          ...open,
          { at: 100, host: "client", do: "send", bytes: 6000 },
          { at: 1000, host: "server", do: "read" },
          { at: 2000, host: "server", do: "read" },
          { at: 2100, host: "server", do: "read" },
          { at: 2500, host: "client", do: "close" },
          { at: 2600, host: "server", do: "close" },
        ],
      },
    },
    {
      id: "socket-model:close-unread",
      label: "socket model: the server closes with data it never read (RST)",
      scenario: {
        latencyMs: 10,
        autoRead: { server: false },
        actions: [...open, { at: 100, host: "client", do: "send", bytes: 100 }, { at: 200, host: "server", do: "close" }],
      },
    },
  ];
}

/** Every case, in the order presets, challenges, quizzes, crossings, socket model; the unsupported ones with why. */
export function kernelCases(): { cases: KernelCase[]; unsupported: { source: string; reason: string }[] } {
  const byIdentity = new Map<string, KernelCase>();
  const unsupported: { source: string; reason: string }[] = [];
  for (const source of [...presetSources(), ...challengeSources(), ...quizSources(), ...crossingSources(), ...socketModelSources()]) {
    const reason = unsupportedFeature(source.scenario);
    if (reason !== null) {
      unsupported.push({ source: source.label, reason });
      continue;
    }
    const key = identity(source.scenario);
    const existing = byIdentity.get(key);
    if (existing) {
      existing.sources.push(source.label);
      continue;
    }
    byIdentity.set(key, { id: source.id, sources: [source.label], scenario: source.scenario, ...caseTiming(source.scenario) });
  }
  return { cases: [...byIdentity.values()], unsupported };
}
