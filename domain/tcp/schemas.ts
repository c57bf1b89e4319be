/**
 * zod schemas for everything that enters the engine from outside (CLI files, API requests,
 * challenge logs). Browser-safe. Errors name the offending field by its path.
 */
import { z } from "zod";
import type { TimeWaitLabParams } from "./labs/time-wait-lab";
import type { SynBacklogLabParams } from "./labs/syn-backlog-lab";
import { LINUX_DEFAULTS, RFC9293_DEFAULTS } from "./profiles";
import type { ScenarioInput } from "./scenario";

const host = z.enum(["client", "server"]);
const time = z.number().finite().nonnegative();
const uint32 = z.number().int().min(0).max(0xffffffff);
const probability = z.number().min(0).max(1);
const count = z.number().int().nonnegative();
const portRange = z
  .tuple([z.number().int().min(1).max(65535), z.number().int().min(1).max(65535)])
  .refine(([low, high]) => low <= high, { message: "the low port must not exceed the high port" });

/** Per-sysctl bounds where the kernel has them; other values must be non-negative integers. */
const LINUX_SYSCTL_BOUNDS: Partial<Record<keyof typeof LINUX_DEFAULTS, [number, number]>> = {
  tcp_syn_retries: [1, 127],
  tcp_synack_retries: [0, 255],
  tcp_syn_linear_timeouts: [0, 127],
  tcp_tw_reuse: [0, 2],
  tcp_syncookies: [0, 2],
  tcp_timestamps: [0, 2],
  tcp_sack: [0, 1],
  tcp_rfc1337: [0, 1],
  tcp_early_retrans: [0, 4],
  tcp_tw_reuse_delay: [1, 600_000],
  tcp_rto_min_us: [1000, 120_000_000],
  tcp_rto_max_ms: [1000, 120_000],
};

function numericSchemaFor(bounds: [number, number] | undefined) {
  return bounds === undefined ? count : z.number().int().min(bounds[0]).max(bounds[1]);
}

export const linuxSysctlSchema = z
  .object(
    Object.fromEntries(
      Object.keys(LINUX_DEFAULTS).map((key) => [
        key,
        (key === "ip_local_port_range"
          ? portRange
          : numericSchemaFor(LINUX_SYSCTL_BOUNDS[key as keyof typeof LINUX_DEFAULTS])
        ).optional(),
      ]),
    ),
  )
  .strict();

export const rfc9293ParamsSchema = z
  .object(
    Object.fromEntries(
      Object.keys(RFC9293_DEFAULTS).map((key) => [key, (key === "ip_local_port_range" ? portRange : count).optional()]),
    ),
  )
  .strict();

const at = time;
const simpleCall = (name: "listen" | "connect" | "shutdown" | "close" | "abort") =>
  z.object({ at, host, do: z.literal(name) }).strict();

export const actionSchema = z.discriminatedUnion("do", [
  simpleCall("listen"),
  simpleCall("connect"),
  simpleCall("shutdown"),
  simpleCall("close"),
  simpleCall("abort"),
  z.object({ at, host, do: z.literal("send"), bytes: z.number().int().min(1).max(1_000_000_000) }).strict(),
  z.object({ at, do: z.literal("drop"), segment: z.number().int().min(1) }).strict(),
]);

const nth = z.number().int().min(1);

export const scenarioSchema = z
  .object({
    profile: z.enum(["linux", "rfc9293"]).optional(),
    seed: z.number().int().optional(),
    isn: z.object({ client: uint32.optional(), server: uint32.optional() }).strict().optional(),
    latencyMs: z.number().finite().min(0).max(600_000).optional(),
    sysctl: z.record(z.string(), z.unknown()).optional(),
    timerWheel: z.boolean().optional(),
    mss: z.number().int().min(1).max(65_495).optional(),
    loopback: z.boolean().optional(),
    lossProbability: probability.optional(),
    duplicateProbability: probability.optional(),
    reorder: z
      .union([
        z.object({ jitterMs: z.number().finite().min(0).max(600_000) }).strict(),
        z
          .object({
            delays: z.array(z.object({ from: host, nth, extraMs: z.number().finite().min(0).max(600_000) }).strict()),
          })
          .strict(),
      ])
      .optional(),
    drop: z.array(z.object({ from: host, nth: z.union([nth, z.array(nth)]) }).strict()).optional(),
    actions: z.array(actionSchema).max(10_000),
    until: time.optional(),
    maxEvents: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

/** sysctl keys and bounds depend on the profile: linux sysctl names, or RFC9293_DEFAULTS keys. */
function sysctlIssues(input: unknown): string[] {
  if (typeof input !== "object" || input === null) return [];
  const { profile, sysctl } = input as { profile?: unknown; sysctl?: unknown };
  if (sysctl === undefined || typeof sysctl !== "object" || sysctl === null) return [];
  const schema = profile === "rfc9293" ? rfc9293ParamsSchema : linuxSysctlSchema;
  const parsed = schema.safeParse(sysctl);
  return parsed.success ? [] : formatIssues(parsed.error, ["sysctl"]);
}

export const timeWaitLabSchema = z
  .object({
    requestsPerSecond: z.number().finite().min(0).max(10_000_000),
    durationSeconds: z.number().finite().positive().max(86_400),
    closer: host,
    requestsPerConnection: z.number().int().min(1).optional(),
    portRange: portRange.optional(),
    destinations: z.number().int().min(1).max(1_000_000).optional(),
    tcp_tw_reuse: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    tcp_tw_reuse_delay: z.number().int().min(1).max(600_000).optional(),
    loopback: z.boolean().optional(),
    timestamps: z.boolean().optional(),
    tcp_max_tw_buckets: count.optional(),
    connectionLifetimeMs: time.optional(),
    profile: z.enum(["linux", "rfc9293"]).optional(),
    stepMs: z.number().finite().min(1).max(60_000).optional(),
  })
  .strict()
  .refine((lab) => lab.durationSeconds * 1000 / (lab.stepMs ?? 100) <= 1_000_000, {
    message: "too many steps: raise stepMs or shorten durationSeconds",
    path: ["stepMs"],
  });

export const synBacklogLabSchema = z
  .object({
    durationSeconds: z.number().finite().positive().max(86_400),
    attackSynPerSecond: z.number().finite().min(0).max(100_000_000).optional(),
    legitConnectsPerSecond: z.number().finite().min(0).max(100_000_000).optional(),
    rttMs: z.number().finite().min(0).max(60_000).optional(),
    backlog: z.number().int().min(0).max(2_147_483_647).optional(),
    somaxconn: z.number().int().min(0).max(2_147_483_647).optional(),
    tcp_max_syn_backlog: z.number().int().min(0).optional(),
    tcp_syncookies: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    tcp_synack_retries: z.number().int().min(0).max(255).optional(),
    tcp_syn_retries: z.number().int().min(1).max(127).optional(),
    tcp_syn_linear_timeouts: z.number().int().min(0).max(127).optional(),
    acceptPerSecond: z.number().finite().min(0).optional(),
    stepMs: z.number().finite().min(1).max(60_000).optional(),
  })
  .strict()
  .refine((lab) => lab.durationSeconds * 1000 / (lab.stepMs ?? 10) <= 1_000_000, {
    message: "too many steps: raise stepMs or shorten durationSeconds",
    path: ["stepMs"],
  });

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** "actions.2.bytes: Too small: expected number to be >=1" — one line per problem. */
export function formatIssues(error: z.ZodError, prefix: readonly string[] = []): string[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join(".");
    return `${path === "" ? "(top level)" : path}: ${issue.message}`;
  });
}

function parseWith<T>(schema: z.ZodType, input: unknown): ParseResult<T> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data as T } : { ok: false, issues: formatIssues(parsed.error) };
}

export function parseScenario(input: unknown): ParseResult<ScenarioInput> {
  const result = parseWith<ScenarioInput>(scenarioSchema, input);
  const sysctl = sysctlIssues(input);
  if (sysctl.length === 0) return result;
  return { ok: false, issues: [...(result.ok ? [] : result.issues), ...sysctl] };
}

export function parseTimeWaitLab(input: unknown): ParseResult<TimeWaitLabParams> {
  return parseWith<TimeWaitLabParams>(timeWaitLabSchema, input);
}

export function parseSynBacklogLab(input: unknown): ParseResult<SynBacklogLabParams> {
  return parseWith<SynBacklogLabParams>(synBacklogLabSchema, input);
}
