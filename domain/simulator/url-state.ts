/**
 * The playground's state in a URL: compact, readable query parameters, validated with zod on
 * the way in so a hand-edited or truncated link is refused with a message instead of running
 * something else. Defaults are left out, so a fresh playground has a bare URL.
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
  timeWaitInputSchema,
  type SynBacklogInput,
  type TimeWaitInput,
} from "./labs";
import { PRESET_IDS, type PresetId } from "./presets";
import { DEFAULT_SETTINGS, SIM_LIMITS, type SimulatorSettings } from "./session";
import { applyTextRules, type TextRule } from "./text-rules";

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

/** Parses the action list; errors name the token. */
export function decodeActions(text: string): { ok: true; actions: Action[] } | { ok: false; error: string } {
  if (text === "") return { ok: true, actions: [] };
  const tokens = text.split("_");
  if (tokens.length > SIM_LIMITS.maxActions) return { ok: false, error: `a: at most ${SIM_LIMITS.maxActions} actions` };
  const actions: Action[] = [];
  for (const [index, token] of tokens.entries()) {
    const match = ACTION_TOKEN.exec(token);
    if (match === null) return { ok: false, error: `a: action ${index + 1} ("${token.slice(0, 20)}") is not of the form 100cX or 315d7` };
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
      if (call === "send" && bytes === undefined) return { ok: false, error: `a: action ${index + 1} (send) needs a byte count, e.g. 100cS300` };
      if (call !== "send" && call !== "read" && bytes !== undefined) return { ok: false, error: `a: action ${index + 1} takes no number after the call` };
      candidate = { at: Number(at), host: hostId, do: call, ...(bytes !== undefined ? { bytes: Number(bytes) } : {}) };
    }
    const parsed = actionSchema.safeParse(candidate);
    if (!parsed.success) return { ok: false, error: `a: action ${index + 1} ("${token}") is not valid` };
    const action = parsed.data as Action;
    if (action.at > SIM_LIMITS.horizonMs) return { ok: false, error: `a: action ${index + 1} is after the simulator's horizon` };
    if (action.do === "send" && action.bytes > SIM_LIMITS.maxSendBytes) return { ok: false, error: `a: action ${index + 1} sends more than ${SIM_LIMITS.maxSendBytes} bytes` };
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

function decodeAutoRead(text: string): { ok: true; value: Partial<Record<HostId, boolean>> } | { ok: false; error: string } {
  const match = /^(?:c([01]))?(?:s([01]))?$/.exec(text);
  if (match === null || text === "") return { ok: false, error: `ar: expected c0, c1, s0, s1 or both (e.g. c1s0), got "${text.slice(0, 10)}"` };
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

function numbers(text: string, count: number, name: string): { ok: true; values: string[] } | { ok: false; error: string } {
  const values = text.split(".");
  if (values.length !== count) return { ok: false, error: `${name}: expected ${count} values separated by dots, got ${values.length}` };
  return { ok: true, values };
}

export type DecodeResult = { ok: true; state: PlaygroundState } | { ok: false; errors: string[] };

/** Restores a playground from its query string; any invalid part refuses the whole link. */
export function decodePlayground(query: string | URLSearchParams): DecodeResult {
  const text = typeof query === "string" ? query.replace(/^\?/, "") : query.toString();
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, errors: [`the link is too long (${text.length} characters; at most ${MAX_QUERY_LENGTH})`] };
  const params = new URLSearchParams(text);
  const errors: string[] = [];
  const single: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!KNOWN_PARAMS.has(key)) continue; // tracking parameters and the like are ignored
    if (key in single) errors.push(`${key}: given more than once`);
    single[key] = value;
  }

  const sim = simulatorParams.safeParse(single);
  if (!sim.success) {
    for (const issue of sim.error.issues) errors.push(`${issue.path.join(".")}: ${issue.message}`);
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
      const parsed = timeWaitInputSchema.safeParse({
        requestsPerSecond: Number(rps),
        durationSeconds: Number(duration),
        closer: closer === "c" ? "client" : closer === "s" ? "server" : closer,
        requestsPerConnection: Number(rpc),
        portLow: Number(low),
        portHigh: Number(high),
        tcp_tw_reuse: Number(reuse),
        loopback: loopback === "1" ? true : loopback === "0" ? false : loopback,
        tcp_max_tw_buckets: Number(buckets),
      });
      if (parsed.success) timeWait = parsed.data;
      else for (const issue of parsed.error.issues) errors.push(`tw.${issue.path.join(".")}: ${issue.message}`);
    }
  }

  let synBacklog = DEFAULT_PLAYGROUND.synBacklog;
  if (single.sb !== undefined) {
    const parts = numbers(single.sb, 8, "sb");
    if (!parts.ok) errors.push(parts.error);
    else {
      const [attack, legit, duration, maxSyn, somaxconn, backlog, cookies, accept] = parts.values.map(Number);
      const parsed = synBacklogInputSchema.safeParse({
        attackSynPerSecond: attack,
        legitConnectsPerSecond: legit,
        durationSeconds: duration,
        tcp_max_syn_backlog: maxSyn,
        somaxconn,
        backlog,
        tcp_syncookies: cookies,
        acceptPerSecond: accept,
      });
      if (parsed.success) synBacklog = parsed.data;
      else for (const issue of parsed.error.issues) errors.push(`sb.${issue.path.join(".")}: ${issue.message}`);
    }
  }

  const capture = single.cap ?? null;
  if (capture !== null && findCaptureSample(capture) === null) errors.push(`cap: there is no sample capture "${capture.slice(0, 40)}"`);
  const challenge = single.challenge ?? null;
  if (challenge !== null && getChallenge(challenge) === null) errors.push(`challenge: there is no challenge "${challenge.slice(0, 40)}"`);

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
// The refusals above in Chinese, for /zh/playground (parameter names stay as they are in the link)
// ---------------------------------------------------------------------------------------------

const MESSAGES_ZH: readonly TextRule[] = [
  [/^Too big: expected number to be <=(\d+)$/, (max) => `太大：最大为 ${max}`],
  [/^Too small: expected number to be >=(\d+)$/, (min) => `太小：最小为 ${min}`],
  [/^Invalid input: expected number, received NaN$/, () => "不是数字"],
  [/^Invalid input: expected int, received number$/, () => "必须是整数"],
  [/^Invalid option: expected one of (.+)$/, (options) => `取值无效，应为以下之一：${options}`],
  [/^Invalid input: expected (\w+), received (\w+)$/, (expected, received) => `输入无效：应为 ${expected}，实际是 ${received}`],
  [/^Invalid input$/, () => "输入无效"],
  [/^the low port must not exceed the high port$/, () => "低端口不能大于高端口"],
  [/^expected (\d+) values separated by dots, got (\d+)$/, (expected, got) => `应为用点号分隔的 ${expected} 个值，实际有 ${got} 个`],
  [/^action (\d+) \("(.*)"\) is not of the form 100cX or 315d7$/s, (n, token) => `第 ${n} 个操作（"${token}"）的格式不对，应形如 100cX 或 315d7`],
  [/^action (\d+) \(send\) needs a byte count, e\.g\. 100cS300$/, (n) => `第 ${n} 个操作（send）需要一个字节数，例如 100cS300`],
  [/^action (\d+) takes no number after the call$/, (n) => `第 ${n} 个操作的调用后面不能带数字`],
  [/^action (\d+) \("(.*)"\) is not valid$/s, (n, token) => `第 ${n} 个操作（"${token}"）无效`],
  [/^action (\d+) is after the simulator's horizon$/, (n) => `第 ${n} 个操作晚于模拟器的时间上限`],
  [/^action (\d+) sends more than (\d+) bytes$/, (n, max) => `第 ${n} 个操作发送的数据超过了 ${max} 字节`],
  [/^at most (\d+) actions$/, (max) => `最多 ${max} 个操作`],
  [/^expected c0, c1, s0, s1 or both \(e\.g\. c1s0\), got "(.*)"$/s, (got) => `应为 c0、c1、s0、s1 或两者组合（例如 c1s0），实际是“${got}”`],
  [/^given more than once$/, () => "出现了不止一次"],
  [/^there is no sample capture "(.*)"$/s, (id) => `没有名为“${id}”的示例抓包`],
  [/^there is no challenge "(.*)"$/s, (id) => `没有名为“${id}”的挑战`],
];

/** One of decodePlayground's errors in Chinese: "lat：太大：最大为 2000". */
export function playgroundErrorZh(error: string): string {
  const tooLong = /^the link is too long \((\d+) characters; at most (\d+)\)$/.exec(error);
  if (tooLong) return `链接太长（${tooLong[1]} 个字符；最多 ${tooLong[2]} 个）`;
  const parts = /^([\w.]+): (.*)$/s.exec(error);
  if (parts === null) return error;
  return `${parts[1]}：${applyTextRules(MESSAGES_ZH, parts[2]!) ?? parts[2]}`;
}
