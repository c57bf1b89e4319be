/**
 * The playground's state in a URL: compact, readable query parameters, validated with zod on
 * the way in so a hand-edited or truncated link is refused with coded errors (worded in either
 * language by playgroundErrorText) instead of running something else. Defaults are left out, so a fresh playground has a bare URL.
 *
 *   p=lost-final-ack&prof=rfc&lat=20&loss=5&a=100cX_150sS300_315d7&s=12&abs=1
 *   tw=600.120.c.1.32768.60999.2.0.131072   sb=2000.50.30.2048.4096.511.1.0   cap=refused   challenge=both-closing
 *
 * Actions: "<at ms><host c|s><call L listen, C connect, S send (+bytes), H shutdown, X close,
 * A abort, R read (+bytes, optional)>", "<at ms><host>O<option><value>" for setsockopt (K
 * SO_KEEPALIVE, I TCP_KEEPIDLE, V TCP_KEEPINTVL, N TCP_KEEPCNT, B SO_RCVBUF, U TCP_USER_TIMEOUT,
 * G SO_LINGER as onoff-linger), "<at ms>d<segment>" for a drop and "<at ms>l0" / "l1" to cut or
 * restore the link, joined by "_". "ar=c", "ar=s" or "ar=cs": those hosts do not read by themselves.
 */
import { z } from "zod";
import { actionSchema, type Action, type HostId, type SocketOption } from "@/domain/tcp";
import { getChallenge } from "@/domain/challenges/registry";
import { findCaptureSample } from "./capture-samples";
import {
  DEFAULT_SYN_BACKLOG_INPUT,
  DEFAULT_TIME_WAIT_INPUT,
  synBacklogInputSchema,
  TIME_WAIT_PORTS_REVERSED,
  timeWaitInputSchema,
  type SynBacklogInput,
  type TimeWaitInput,
} from "./labs";
import { PRESET_IDS, type PresetId } from "./presets";
import { DEFAULT_SETTINGS, SIM_LIMITS, type SimulatorSettings } from "./session";
import type { Locale } from "@/domain/locale";
import { defineWords } from "@/domain/words";

export interface PlaygroundState {
  simulator: Omit<SimulatorSettings, "seed"> & { actions: Action[]; step: number; absolute: boolean };
  timeWait: TimeWaitInput;
  synBacklog: SynBacklogInput;
  capture: string | null;
  challenge: string | null;
}

export const DEFAULT_PLAYGROUND: PlaygroundState = {
  simulator: {
    preset: DEFAULT_SETTINGS.preset,
    profile: DEFAULT_SETTINGS.profile,
    latencyMs: DEFAULT_SETTINGS.latencyMs,
    lossProbability: 0,
    actions: [],
    step: 0,
    absolute: false,
  },
  timeWait: DEFAULT_TIME_WAIT_INPUT,
  synBacklog: DEFAULT_SYN_BACKLOG_INPUT,
  capture: null,
  challenge: null,
};

/** Longest query string accepted (a full action log is far shorter). */
export const MAX_QUERY_LENGTH = 8000;

const CALL_CODES = { listen: "L", connect: "C", send: "S", shutdown: "H", close: "X", abort: "A", read: "R" } as const;
const CODE_CALLS = Object.fromEntries(Object.entries(CALL_CODES).map(([call, code]) => [code, call])) as Record<string, keyof typeof CALL_CODES>;
const HOST_CODES: Record<HostId, string> = { client: "c", server: "s" };
const OPTION_CODES: Record<SocketOption, string> = {
  SO_KEEPALIVE: "K",
  TCP_KEEPIDLE: "I",
  TCP_KEEPINTVL: "V",
  TCP_KEEPCNT: "N",
  SO_RCVBUF: "B",
  TCP_USER_TIMEOUT: "U",
  SO_LINGER: "G",
};
const CODE_OPTIONS = Object.fromEntries(Object.entries(OPTION_CODES).map(([option, code]) => [code, option])) as Record<string, SocketOption>;

function encodeNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

export function encodeActions(actions: readonly Action[]): string {
  return actions
    .map((action) => {
      const at = encodeNumber(action.at);
      if (action.do === "drop") return `${at}d${action.segment}`;
      if (action.do === "link") return `${at}l${action.up ? 1 : 0}`;
      const host = HOST_CODES[action.host];
      if (action.do === "setsockopt") {
        const value = typeof action.value === "number" ? String(action.value) : `${action.value.onoff}-${action.value.linger}`;
        return `${at}${host}O${OPTION_CODES[action.option]}${value}`;
      }
      const bytes = action.do === "send" || (action.do === "read" && action.bytes !== undefined) ? action.bytes : "";
      return `${at}${host}${CALL_CODES[action.do]}${bytes}`;
    })
    .join("_");
}

const ACTION_TOKEN =
  /^(\d{1,7}(?:\.\d{1,3})?)(?:([cs])(?:([LCSHXAR])(\d{1,7})?|O([KIVNBUG])(\d{1,10}|[01]-\d{1,7}))|d(\d{1,6})|l([01]))$/;

/** Parses the action list; errors name the action. */
export function decodeActions(text: string): { ok: true; actions: Action[] } | { ok: false; error: PlaygroundError } {
  const refuse = (problem: PlaygroundProblem) => ({ ok: false as const, error: { param: "a", problem } });
  if (text === "") return { ok: true, actions: [] };
  const tokens = text.split("_");
  if (tokens.length > SIM_LIMITS.maxActions) return refuse({ code: "tooManyActions", max: SIM_LIMITS.maxActions });
  const actions: Action[] = [];
  for (const [index, token] of tokens.entries()) {
    const match = ACTION_TOKEN.exec(token);
    if (match === null) return refuse({ code: "actionForm", action: index + 1, token: token.slice(0, 20) });
    const [, at, host, code, bytes, optionCode, optionValue, segment, up] = match;
    const hostId = host === "c" ? "client" : "server";
    let candidate: unknown;
    if (segment !== undefined) candidate = { at: Number(at), do: "drop", segment: Number(segment) };
    else if (up !== undefined) candidate = { at: Number(at), do: "link", up: up === "1" };
    else if (optionCode !== undefined) {
      const option = CODE_OPTIONS[optionCode];
      const value = optionValue?.includes("-")
        ? { onoff: Number(optionValue.split("-")[0]), linger: Number(optionValue.split("-")[1]) }
        : Number(optionValue);
      candidate = { at: Number(at), host: hostId, do: "setsockopt", option, value };
    } else {
      const call = CODE_CALLS[code ?? ""];
      if (call === "send" && bytes === undefined) return refuse({ code: "sendNeedsBytes", action: index + 1 });
      if (call !== "send" && call !== "read" && bytes !== undefined) return refuse({ code: "noNumberAfterCall", action: index + 1 });
      candidate = { at: Number(at), host: hostId, do: call, ...(bytes !== undefined ? { bytes: Number(bytes) } : {}) };
    }
    const parsed = actionSchema.safeParse(candidate);
    if (!parsed.success) return refuse({ code: "actionInvalid", action: index + 1, token });
    const action = parsed.data as Action;
    if (action.at > SIM_LIMITS.horizonMs) return refuse({ code: "afterHorizon", action: index + 1 });
    if (action.do === "send" && action.bytes > SIM_LIMITS.maxSendBytes) return refuse({ code: "sendsTooMuch", action: index + 1, max: SIM_LIMITS.maxSendBytes });
    actions.push(action);
  }
  return { ok: true, actions };
}

function encodeTimeWait(input: TimeWaitInput): string {
  return [
    input.requestsPerSecond,
    input.durationSeconds,
    input.closer === "client" ? "c" : "s",
    input.requestsPerConnection,
    input.portLow,
    input.portHigh,
    input.tcp_tw_reuse,
    input.loopback ? 1 : 0,
    input.tcp_max_tw_buckets,
  ].join(".");
}

function encodeSynBacklog(input: SynBacklogInput): string {
  return [
    input.attackSynPerSecond,
    input.legitConnectsPerSecond,
    input.durationSeconds,
    input.tcp_max_syn_backlog,
    input.somaxconn,
    input.backlog,
    input.tcp_syncookies,
    input.acceptPerSecond,
  ].join(".");
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Query string (without "?") for a playground state; empty for the defaults. */
export function encodePlayground(state: PlaygroundState): string {
  const params = new URLSearchParams();
  const sim = state.simulator;
  const defaults = DEFAULT_PLAYGROUND.simulator;
  if (sim.preset !== defaults.preset) params.set("p", sim.preset);
  if (sim.profile !== defaults.profile) params.set("prof", "rfc");
  if (sim.latencyMs !== defaults.latencyMs) params.set("lat", String(sim.latencyMs));
  if (sim.lossProbability !== 0) params.set("loss", String(Math.round(sim.lossProbability * 100)));
  if (sim.actions.length > 0) params.set("a", encodeActions(sim.actions));
  if (sim.step !== 0) params.set("s", String(sim.step));
  if (sim.absolute) params.set("abs", "1");
  const reading = encodeAutoRead(sim.autoRead);
  if (reading !== "") params.set("ar", reading);
  if (!sameJson(state.timeWait, DEFAULT_PLAYGROUND.timeWait)) params.set("tw", encodeTimeWait(state.timeWait));
  if (!sameJson(state.synBacklog, DEFAULT_PLAYGROUND.synBacklog)) params.set("sb", encodeSynBacklog(state.synBacklog));
  if (state.capture !== null) params.set("cap", state.capture);
  if (state.challenge !== null) params.set("challenge", state.challenge);
  return params.toString();
}

const KNOWN_PARAMS = new Set(["p", "prof", "lat", "loss", "a", "s", "abs", "ar", "tw", "sb", "cap", "challenge"]);

/** "s0": the server's application does not read by itself; "c1s0": the client does, the server does not. */
function encodeAutoRead(autoRead: Partial<Record<HostId, boolean>> | undefined): string {
  if (autoRead === undefined) return "";
  return (["client", "server"] as const)
    .filter((host) => autoRead[host] !== undefined)
    .map((host) => `${HOST_CODES[host]}${autoRead[host] ? 1 : 0}`)
    .join("");
}

function decodeAutoRead(text: string): { ok: true; value: Partial<Record<HostId, boolean>> } | { ok: false; error: PlaygroundError } {
  const match = /^(?:c([01]))?(?:s([01]))?$/.exec(text);
  if (match === null || text === "") return { ok: false, error: { param: "ar", problem: { code: "autoReadForm", got: text.slice(0, 10) } } };
  return {
    ok: true,
    value: {
      ...(match[1] === undefined ? {} : { client: match[1] === "1" }),
      ...(match[2] === undefined ? {} : { server: match[2] === "1" }),
    },
  };
}
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const simulatorParams = z
  .object({
    p: z.enum(PRESET_IDS).optional(),
    prof: z.enum(["linux", "rfc"]).optional(),
    lat: integer(SIM_LIMITS.minLatencyMs, SIM_LIMITS.maxLatencyMs).optional(),
    loss: integer(0, SIM_LIMITS.maxLoss * 100).optional(),
    s: integer(0, 1_000_000).optional(),
    abs: z.enum(["0", "1"]).optional(),
  })
  .partial();

function numbers(text: string, count: number, name: string): { ok: true; values: string[] } | { ok: false; error: PlaygroundError } {
  const values = text.split(".");
  if (values.length !== count) return { ok: false, error: { param: name, problem: { code: "valueCount", expected: count, got: values.length } } };
  return { ok: true, values };
}

export type DecodeResult = { ok: true; state: PlaygroundState } | { ok: false; errors: PlaygroundError[] };

/** Restores a playground from its query string; any invalid part refuses the whole link. */
export function decodePlayground(query: string | URLSearchParams): DecodeResult {
  const text = typeof query === "string" ? query.replace(/^\?/, "") : query.toString();
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, errors: [{ code: "linkTooLong", length: text.length, max: MAX_QUERY_LENGTH }] };
  const params = new URLSearchParams(text);
  const errors: PlaygroundError[] = [];
  const single: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!KNOWN_PARAMS.has(key)) continue; // tracking parameters and the like are ignored
    if (key in single) errors.push({ param: key, problem: { code: "repeated" } });
    single[key] = value;
  }

  const sim = simulatorParams.safeParse(single, { reportInput: true });
  if (!sim.success) {
    for (const issue of sim.error.issues) errors.push(issueError("", issue));
  }
  const actions = decodeActions(single.a ?? "");
  if (!actions.ok) errors.push(actions.error);
  const reading = single.ar === undefined ? null : decodeAutoRead(single.ar);
  if (reading !== null && !reading.ok) errors.push(reading.error);

  let timeWait = DEFAULT_PLAYGROUND.timeWait;
  if (single.tw !== undefined) {
    const parts = numbers(single.tw, 9, "tw");
    if (!parts.ok) errors.push(parts.error);
    else {
      const [rps, duration, closer, rpc, low, high, reuse, loopback, buckets] = parts.values;
      const parsed = timeWaitInputSchema.safeParse(
        {
          requestsPerSecond: Number(rps),
          durationSeconds: Number(duration),
          closer: closer === "c" ? "client" : closer === "s" ? "server" : closer,
          requestsPerConnection: Number(rpc),
          portLow: Number(low),
          portHigh: Number(high),
          tcp_tw_reuse: Number(reuse),
          loopback: loopback === "1" ? true : loopback === "0" ? false : loopback,
          tcp_max_tw_buckets: Number(buckets),
        },
        { reportInput: true },
      );
      if (parsed.success) timeWait = parsed.data;
      else for (const issue of parsed.error.issues) errors.push(issueError("tw.", issue));
    }
  }

  let synBacklog = DEFAULT_PLAYGROUND.synBacklog;
  if (single.sb !== undefined) {
    const parts = numbers(single.sb, 8, "sb");
    if (!parts.ok) errors.push(parts.error);
    else {
      const [attack, legit, duration, maxSyn, somaxconn, backlog, cookies, accept] = parts.values.map(Number);
      const parsed = synBacklogInputSchema.safeParse(
        {
          attackSynPerSecond: attack,
          legitConnectsPerSecond: legit,
          durationSeconds: duration,
          tcp_max_syn_backlog: maxSyn,
          somaxconn,
          backlog,
          tcp_syncookies: cookies,
          acceptPerSecond: accept,
        },
        { reportInput: true },
      );
      if (parsed.success) synBacklog = parsed.data;
      else for (const issue of parsed.error.issues) errors.push(issueError("sb.", issue));
    }
  }

  const capture = single.cap ?? null;
  if (capture !== null && findCaptureSample(capture) === null) errors.push({ param: "cap", problem: { code: "unknownCapture", id: capture.slice(0, 40) } });
  const challenge = single.challenge ?? null;
  if (challenge !== null && getChallenge(challenge) === null) errors.push({ param: "challenge", problem: { code: "unknownChallenge", id: challenge.slice(0, 40) } });

  if (errors.length > 0 || !sim.success || !actions.ok) return { ok: false, errors };
  const defaults = DEFAULT_PLAYGROUND.simulator;
  return {
    ok: true,
    state: {
      simulator: {
        preset: (sim.data.p ?? defaults.preset) as PresetId,
        profile: sim.data.prof === "rfc" ? "rfc9293" : "linux",
        latencyMs: sim.data.lat ?? defaults.latencyMs,
        lossProbability: (sim.data.loss ?? 0) / 100,
        actions: actions.actions,
        step: sim.data.s ?? 0,
        absolute: sim.data.abs === "1",
        ...(reading?.ok ? { autoRead: reading.value } : {}),
      },
      timeWait,
      synBacklog,
      capture,
      challenge,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The refusals, coded, and their words (parameter names stay as they are in the link)
// ---------------------------------------------------------------------------------------------

/** What is wrong with one parameter of a link. */
export type PlaygroundProblem =
  | { code: "tooBig"; max: number }
  | { code: "tooSmall"; min: number }
  | { code: "notANumber" }
  | { code: "notAnInteger" }
  | { code: "notOneOf"; options: string }
  | { code: "wrongType"; expected: string; received: string }
  | { code: "invalid" }
  | { code: "portsReversed" }
  | { code: "valueCount"; expected: number; got: number }
  | { code: "actionForm"; action: number; token: string }
  | { code: "sendNeedsBytes"; action: number }
  | { code: "noNumberAfterCall"; action: number }
  | { code: "actionInvalid"; action: number; token: string }
  | { code: "afterHorizon"; action: number }
  | { code: "sendsTooMuch"; action: number; max: number }
  | { code: "tooManyActions"; max: number }
  | { code: "autoReadForm"; got: string }
  | { code: "repeated" }
  | { code: "unknownCapture"; id: string }
  | { code: "unknownChallenge"; id: string }
  /** A check zod words itself that none of the codes above describes: shown as zod wrote it. */
  | { code: "unworded"; message: string };

/** Why a link was refused: the whole link, or one parameter ("lat", "tw.portHigh"). */
export type PlaygroundError = { code: "linkTooLong"; length: number; max: number } | { param: string; problem: PlaygroundProblem };

type ProblemWords = { [C in PlaygroundProblem["code"]]: (problem: Extract<PlaygroundProblem, { code: C }>) => string };

interface PlaygroundErrorWords {
  linkTooLong: (length: number, max: number) => string;
  ofParameter: (param: string, problem: string) => string;
  problems: ProblemWords;
}

const playgroundErrorWords = defineWords<PlaygroundErrorWords>({
  en: {
    linkTooLong: (length, max) => `the link is too long (${length} characters; at most ${max})`,
    ofParameter: (param, problem) => `${param}: ${problem}`,
    problems: {
      // zod's own English for the checks it makes (issueError keeps zod's text when they differ)
      tooBig: ({ max }) => `Too big: expected number to be <=${max}`,
      tooSmall: ({ min }) => `Too small: expected number to be >=${min}`,
      notANumber: () => "Invalid input: expected number, received NaN",
      notAnInteger: () => "Invalid input: expected int, received number",
      notOneOf: ({ options }) => `Invalid option: expected one of ${options}`,
      wrongType: ({ expected, received }) => `Invalid input: expected ${expected}, received ${received}`,
      invalid: () => "Invalid input",
      portsReversed: () => TIME_WAIT_PORTS_REVERSED,
      valueCount: ({ expected, got }) => `expected ${expected} values separated by dots, got ${got}`,
      actionForm: ({ action, token }) => `action ${action} ("${token}") is not of the form 100cX or 315d7`,
      sendNeedsBytes: ({ action }) => `action ${action} (send) needs a byte count, e.g. 100cS300`,
      noNumberAfterCall: ({ action }) => `action ${action} takes no number after the call`,
      actionInvalid: ({ action, token }) => `action ${action} ("${token}") is not valid`,
      afterHorizon: ({ action }) => `action ${action} is after the simulator's horizon`,
      sendsTooMuch: ({ action, max }) => `action ${action} sends more than ${max} bytes`,
      tooManyActions: ({ max }) => `at most ${max} actions`,
      autoReadForm: ({ got }) => `expected c0, c1, s0, s1 or both (e.g. c1s0), got "${got}"`,
      repeated: () => "given more than once",
      unknownCapture: ({ id }) => `there is no sample capture "${id}"`,
      unknownChallenge: ({ id }) => `there is no challenge "${id}"`,
      unworded: ({ message }) => message,
    },
  },
  zh: {
    linkTooLong: (length, max) => `链接太长（${length} 个字符；最多 ${max} 个）`,
    ofParameter: (param, problem) => `${param}：${problem}`,
    problems: {
      tooBig: ({ max }) => `太大：最大为 ${max}`,
      tooSmall: ({ min }) => `太小：最小为 ${min}`,
      notANumber: () => "不是数字",
      notAnInteger: () => "必须是整数",
      notOneOf: ({ options }) => `取值无效，应为以下之一：${options}`,
      wrongType: ({ expected, received }) => `输入无效：应为 ${expected}，实际是 ${received}`,
      invalid: () => "输入无效",
      portsReversed: () => "低端口不能大于高端口",
      valueCount: ({ expected, got }) => `应为用点号分隔的 ${expected} 个值，实际有 ${got} 个`,
      actionForm: ({ action, token }) => `第 ${action} 个操作（"${token}"）的格式不对，应形如 100cX 或 315d7`,
      sendNeedsBytes: ({ action }) => `第 ${action} 个操作（send）需要一个字节数，例如 100cS300`,
      noNumberAfterCall: ({ action }) => `第 ${action} 个操作的调用后面不能带数字`,
      actionInvalid: ({ action, token }) => `第 ${action} 个操作（"${token}"）无效`,
      afterHorizon: ({ action }) => `第 ${action} 个操作晚于模拟器的时间上限`,
      sendsTooMuch: ({ action, max }) => `第 ${action} 个操作发送的数据超过了 ${max} 字节`,
      tooManyActions: ({ max }) => `最多 ${max} 个操作`,
      autoReadForm: ({ got }) => `应为 c0、c1、s0、s1 或两者组合（例如 c1s0），实际是“${got}”`,
      repeated: () => "出现了不止一次",
      unknownCapture: ({ id }) => `没有名为“${id}”的示例抓包`,
      unknownChallenge: ({ id }) => `没有名为“${id}”的挑战`,
      unworded: ({ message }) => message,
    },
  },
});

function problemText(words: PlaygroundErrorWords, problem: PlaygroundProblem): string {
  return (words.problems[problem.code] as (problem: PlaygroundProblem) => string)(problem);
}

/** One of decodePlayground's errors in a language: "lat: Too big: expected number to be <=2000", "lat：太大：最大为 2000". */
export function playgroundErrorText(error: PlaygroundError, locale: Locale): string {
  const words = playgroundErrorWords(locale);
  if ("code" in error) return words.linkTooLong(error.length, error.max);
  return words.ofParameter(error.param, problemText(words, error.problem));
}

/**
 * An allowed value as zod's English lists it ("client"|"server"). Written here rather than read
 * from zod's `core.util`: touching `z.core` keeps the whole of zod's core in the browser's bundle
 * (every locale, the JSON Schema generator), which the simulator's first screen then loads.
 */
const optionText = (value: unknown): string => (typeof value === "bigint" ? `${value}n` : typeof value === "string" ? `"${value}"` : `${String(value)}`);

/** The problem a zod issue describes, as a code. */
function issueProblem(issue: z.core.$ZodIssue): PlaygroundProblem | null {
  switch (issue.code) {
    case "too_big":
      return { code: "tooBig", max: Number(issue.maximum) };
    case "too_small":
      return { code: "tooSmall", min: Number(issue.minimum) };
    case "invalid_type":
      if (issue.expected === "int") return { code: "notAnInteger" };
      if (issue.expected === "number" && Number.isNaN(issue.input)) return { code: "notANumber" };
      return { code: "wrongType", expected: issue.expected, received: typeof issue.input };
    case "invalid_value":
      return { code: "notOneOf", options: issue.values.map(optionText).join("|") };
    case "invalid_union":
      return { code: "invalid" };
    case "custom":
      return { code: "portsReversed" };
    default:
      return null;
  }
}

/**
 * A zod issue as a coded error under `prefix` ("tw."). The code is kept only when its English is
 * exactly zod's message, so the English of a refusal never changes; any other check stays in
 * zod's words (an issue zod words differently, e.g. an exclusive bound, falls back the same way).
 */
function issueError(prefix: string, issue: z.core.$ZodIssue): PlaygroundError {
  const param = `${prefix}${issue.path.join(".")}`;
  const coded = issueProblem(issue);
  const problem = coded !== null && problemText(playgroundErrorWords("en"), coded) === issue.message ? coded : { code: "unworded" as const, message: issue.message };
  return { param, problem };
}
