/**
 * zod schemas for everything that enters the engine from outside (CLI files, API requests,
 * challenge logs). Browser-safe. Errors name the offending field by its path.
 */
import { z } from "zod";
import type { TimeWaitLabParams } from "./labs/time-wait-lab";
import type { SynBacklogLabParams } from "./labs/syn-backlog-lab";
import { LINUX_DEFAULTS, RFC9293_DEFAULTS } from "./profiles";
import type { ScenarioInput } from "./scenario";
import { SOCKET_OPTIONS } from "./types";

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
  tcp_keepalive_time: [1, 32_767],
  tcp_keepalive_intvl: [1, 32_767],
  tcp_keepalive_probes: [1, 127],
  rmem_max: [0, 2_147_483_647],
};

/**
 * Sysctls in LINUX_DEFAULTS that the two-host simulation does not model, with why: `tcp
 * simulate` refuses them instead of accepting a value that would change nothing.
 */
export const LINUX_SYSCTLS_NOT_SIMULATED: Readonly<Partial<Record<keyof typeof LINUX_DEFAULTS, string>>> = {
  tcp_retries1:
    "not modelled: after tcp_retries1 retransmissions Linux only re-validates the route (and starts MTU probing when tcp_mtu_probing is on), nothing the two hosts exchange changes",
  tcp_max_syn_backlog:
    "not modelled here: it limits the SYN queue (with tcp_syncookies=0) when many clients connect at once; the simulation has one connection. Use the SYN backlog lab (tcp lab synflood)",
  somaxconn:
    "not modelled here: it caps listen()'s backlog, and one connection never fills the queues. Use the SYN backlog lab (tcp lab synflood)",
  tcp_syncookies:
    "not modelled here: cookies are sent when the SYN queue overflows, which one connection never does. Use the SYN backlog lab (tcp lab synflood)",
  tcp_abort_on_overflow:
    "not modelled: it only acts when the accept queue overflows, which one connection never does",
  ip_local_port_range:
    "not modelled here: the simulation uses one 4-tuple. Port exhaustion is in the TIME-WAIT lab (tcp lab timewait, portRange)",
};

function numericSchemaFor(bounds: [number, number] | undefined) {
  return bounds === undefined ? count : z.number().int().min(bounds[0]).max(bounds[1]);
}

/** The sysctls `tcp simulate` takes: every one of them changes some outcome of the simulation. */
export const linuxSysctlSchema = z
  .object(
    Object.fromEntries(
      Object.keys(LINUX_DEFAULTS)
        .filter((key) => !(key in LINUX_SYSCTLS_NOT_SIMULATED))
        .map((key) => [key, numericSchemaFor(LINUX_SYSCTL_BOUNDS[key as keyof typeof LINUX_DEFAULTS]).optional()]),
    ),
  )
  .strict();

export const rfc9293ParamsSchema = z
  .object(Object.fromEntries(Object.keys(RFC9293_DEFAULTS).map((key) => [key, count.optional()])))
  .strict();

const at = time;
const simpleCall = (name: "listen" | "connect" | "shutdown" | "close" | "abort") =>
  z.object({ at, host, do: z.literal(name) }).strict();

/** Socket option values: integers, except SO_LINGER's struct linger. */
const lingerValue = z.object({ onoff: z.number().int().min(0).max(1), linger: z.number().int().min(0).max(2_147_483) }).strict();
const setsockoptAction = z
  .object({
    at,
    host,
    do: z.literal("setsockopt"),
    option: z.enum(SOCKET_OPTIONS),
    value: z.union([z.number().int().min(-2_147_483_648).max(2_147_483_647), lingerValue]),
  })
  .strict()
  .superRefine((action, context) => {
    const linger = action.option === "SO_LINGER";
    if (linger !== (typeof action.value === "object")) {
      context.addIssue({
        code: "custom",
        path: ["value"],
        message: linger ? 'SO_LINGER takes {"onoff": 0 or 1, "linger": seconds}' : `${action.option} takes an integer`,
      });
    }
  });

export const actionSchema = z.discriminatedUnion("do", [
  simpleCall("listen"),
  simpleCall("connect"),
  simpleCall("shutdown"),
  simpleCall("close"),
  simpleCall("abort"),
  z.object({ at, host, do: z.literal("send"), bytes: z.number().int().min(1).max(1_000_000_000) }).strict(),
  z.object({ at, host, do: z.literal("read"), bytes: z.number().int().min(1).max(1_000_000_000).optional() }).strict(),
  setsockoptAction,
  z.object({ at, do: z.literal("drop"), segment: z.number().int().min(1) }).strict(),
  z.object({ at, do: z.literal("link"), up: z.boolean() }).strict(),
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
    autoRead: z.union([z.boolean(), z.object({ client: z.boolean().optional(), server: z.boolean().optional() }).strict()]).optional(),
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
  const rfc = profile === "rfc9293";
  const refused: string[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sysctl)) {
    const why = rfc ? undefined : LINUX_SYSCTLS_NOT_SIMULATED[key as keyof typeof LINUX_DEFAULTS];
    if (why !== undefined) refused.push(`sysctl.${key}: ${why}`);
    else if (rfc && key in LINUX_DEFAULTS) refused.push(`sysctl.${key}: a Linux sysctl; the rfc9293 profile takes ${Object.keys(RFC9293_DEFAULTS).join(", ")}`);
    else rest[key] = value;
  }
  const schema = rfc ? rfc9293ParamsSchema : linuxSysctlSchema;
  const parsed = schema.safeParse(rest);
  return [...refused, ...(parsed.success ? [] : formatIssues(parsed.error, ["sysctl"]))];
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
