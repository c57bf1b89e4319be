import { describe, expect, it } from "vitest";
import { DEFAULT_SYN_BACKLOG_INPUT, DEFAULT_TIME_WAIT_INPUT } from "@/domain/simulator/labs";
import { SIM_LIMITS } from "@/domain/simulator/session";
import { DEFAULT_PLAYGROUND, MAX_QUERY_LENGTH, decodeActions, decodePlayground, encodeActions, encodePlayground, playgroundErrorText, type DecodeResult, type PlaygroundState } from "@/domain/simulator/url-state";
import type { Action } from "@/domain/tcp";

const ACTIONS: Action[] = [
  { at: 100, host: "client", do: "close" },
  { at: 150, host: "server", do: "send", bytes: 300 },
  { at: 315.5, do: "drop", segment: 7 },
  { at: 400, host: "server", do: "listen" },
  { at: 400, host: "client", do: "connect" },
  { at: 500, host: "client", do: "shutdown" },
  { at: 600, host: "server", do: "abort" },
  { at: 700, host: "server", do: "read" },
  { at: 710, host: "server", do: "read", bytes: 1460 },
  { at: 0, host: "client", do: "setsockopt", option: "SO_KEEPALIVE", value: 1 },
  { at: 0, host: "client", do: "setsockopt", option: "TCP_KEEPIDLE", value: 20 },
  { at: 0, host: "client", do: "setsockopt", option: "TCP_KEEPINTVL", value: 5 },
  { at: 0, host: "client", do: "setsockopt", option: "TCP_KEEPCNT", value: 3 },
  { at: 0, host: "server", do: "setsockopt", option: "SO_RCVBUF", value: 4096 },
  { at: 0, host: "client", do: "setsockopt", option: "TCP_USER_TIMEOUT", value: 5000 },
  { at: 0, host: "client", do: "setsockopt", option: "SO_LINGER", value: { onoff: 1, linger: 0 } },
  { at: 800, do: "link", up: false },
  { at: 900, do: "link", up: true },
];

const FULL: PlaygroundState = {
  simulator: {
    preset: "lost-final-ack",
    profile: "rfc9293",
    latencyMs: 25,
    lossProbability: 0.05,
    actions: ACTIONS,
    step: 12,
    absolute: true,
    autoRead: { client: true, server: false },
  },
  timeWait: { ...DEFAULT_TIME_WAIT_INPUT, closer: "server", tcp_tw_reuse: 1, loopback: true, requestsPerConnection: 10 },
  synBacklog: { ...DEFAULT_SYN_BACKLOG_INPUT, tcp_syncookies: 0, acceptPerSecond: 20 },
  capture: "refused",
  challenge: "both-closing",
};

describe("playground URL state", () => {
  it("the defaults encode to an empty query", () => {
    expect(encodePlayground(DEFAULT_PLAYGROUND)).toBe("");
    expect(decodePlayground("")).toEqual({ ok: true, state: DEFAULT_PLAYGROUND });
  });

  it("round-trips every part of the state", () => {
    const query = encodePlayground(FULL);
    expect(decodePlayground(query)).toEqual({ ok: true, state: FULL });
    expect(decodePlayground(`?${query}`)).toEqual({ ok: true, state: FULL });
    expect(encodePlayground((decodePlayground(query) as { state: PlaygroundState }).state)).toBe(query);
  });

  it("is compact and readable", () => {
    const query = encodePlayground(FULL);
    expect(query).toContain("a=100cX_150sS300_315.5d7_400sL_400cC_500cH_600sA_700sR_710sR1460_0cOK1_0cOI20_0cOV5_0cON3_0sOB4096_0cOU5000_0cOG1-0_800l0_900l1");
    expect(query).toContain("ar=c1s0");
    expect(query).toContain("p=lost-final-ack");
    expect(query.length).toBeLessThan(320);
  });

  it("ignores parameters it does not know (e.g. tracking tags)", () => {
    expect(decodePlayground("utm_source=mail&p=half-close")).toMatchObject({ ok: true, state: { simulator: { preset: "half-close" } } });
  });

  it.each([
    ["p=no-such-preset", /^p:/],
    ["lat=0", /^lat:/],
    ["lat=abc", /^lat:/],
    ["loss=90", /^loss:/],
    ["s=-1", /^s:/],
    ["abs=yes", /^abs:/],
    ["a=100cQ", /action 1 \("100cQ"\) is not of the form/],
    ["a=100cS", /needs a byte count/],
    ["a=100cX5", /takes no number/],
    ["a=100d0", /action 1/],
    ["a=99999999cX", /not of the form/],
    ["a=3600001cX", /after the simulator's horizon/],
    ["a=100cS2000000", /sends more than/],
    ["tw=1.2.3", /^tw: expected 9 values/],
    ["tw=600.120.x.1.32768.60999.2.0.131072", /^tw\.closer/],
    ["tw=600.120.c.1.60999.32768.2.0.131072", /^tw\.portHigh: the low port must not exceed the high port/],
    ["sb=1.2.3.4.5.6.7.8.9", /^sb: expected 8 values/],
    ["sb=2000.50.30.2048.4096.511.3.0", /^sb\.tcp_syncookies/],
    ["cap=../../etc/passwd", /^cap: there is no sample capture/],
    ["challenge=win-everything", /^challenge: there is no challenge/],
    ["p=half-close&p=blank", /^p: given more than once/],
  ])("refuses a tampered link: %s", (query, message) => {
    const result = decodePlayground(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((error) => playgroundErrorText(error, "en")).join("\n")).toMatch(message);
  });

  it("refuses too many actions and overlong links", () => {
    const many = Array.from({ length: SIM_LIMITS.maxActions + 1 }, (_, index) => `${index}cC`).join("_");
    expect(inEnglish(decodePlayground(`a=${many}`))).toMatchObject({ ok: false, errors: [expect.stringMatching(/at most/)] });
    expect(inEnglish(decodePlayground(`p=${"x".repeat(MAX_QUERY_LENGTH)}`))).toMatchObject({ ok: false, errors: [expect.stringMatching(/too long/)] });
  });

  it("encodes and decodes action lists on their own", () => {
    expect(decodeActions(encodeActions(ACTIONS))).toEqual({ ok: true, actions: ACTIONS });
    expect(decodeActions("")).toEqual({ ok: true, actions: [] });
  });

  it("names the link's parameter and words its refusal in Chinese too", () => {
    expect(playgroundErrorText({ param: "lat", problem: { code: "tooBig", max: 2000 } }, "zh")).toBe("lat：太大：最大为 2000");
    expect(playgroundErrorText({ param: "a", problem: { code: "tooManyActions", max: 200 } }, "zh")).toBe("a：最多 200 个操作");
    expect(playgroundErrorText({ param: "lat", problem: { code: "unworded", message: "a refusal not known" } }, "zh")).toBe("lat：a refusal not known");
  });

  it("lists the allowed values of a closed choice as zod does, so the refusal keeps its code and its Chinese", () => {
    const refused = decodePlayground("prof=bsd&tw=600.120.x.1.32768.60999.2.0.131072");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual([
      { param: "prof", problem: { code: "notOneOf", options: '"linux"|"rfc"' } },
      { param: "tw.closer", problem: { code: "notOneOf", options: '"client"|"server"' } },
    ]);
    expect(refused.errors.map((error) => playgroundErrorText(error, "en"))).toEqual([
      'prof: Invalid option: expected one of "linux"|"rfc"',
      'tw.closer: Invalid option: expected one of "client"|"server"',
    ]);
    expect(refused.errors.map((error) => playgroundErrorText(error, "zh"))).toEqual([
      'prof：取值无效，应为以下之一："linux"|"rfc"',
      'tw.closer：取值无效，应为以下之一："client"|"server"',
    ]);
  });
});

/** A refused link's errors as English text. */
function inEnglish(result: DecodeResult) {
  return result.ok ? result : { ok: false, errors: result.errors.map((error) => playgroundErrorText(error, "en")) };
}
