/**
 * Generated questions: every number and state a learner is asked about is read from the TCP
 * engine's trace of a connection built from the attempt's seed, never computed by hand here.
 */
import { runScenario, seqDiff, type ScenarioInput, type ScenarioResult, type SegmentRecord, type SimEvent } from "../tcp";
import { intBetween, pick, uint32, type Random } from "./random";
import {
  HOST_NAMES,
  STATE_NAMES,
  TEARDOWN_VARIANTS,
  type HostName,
  type PublicCall,
  type PublicSegment,
  type QuestionOf,
  type QuizScenario,
  type StateName,
  type TeardownVariant,
} from "./schema";

const DEFAULT_PAYLOAD = { min: 1, max: 1000 };

/** Values a generated question's texts may refer to as `{name}`. */
export type Variables = Record<string, string | number>;

export type GeneratedNumber = {
  answer: number;
  field: "seq" | "ack";
  variables: Variables;
  ladder: PublicSegment[];
  /** What the engine ran, for tests and debugging. */
  scenario: ScenarioInput;
  /** Id of the segment the question asks about. */
  segmentId: number;
};

export type GeneratedState = {
  answer: StateName;
  host: HostName;
  segment: number;
  moment: "sent" | "delivered";
  variables: Variables;
  ladder: PublicSegment[];
  calls: PublicCall[];
  scenario: ScenarioInput;
};

const peerOf = (host: HostName): HostName => (host === "client" ? "server" : "client");

// ---------------------------------------------------------------------------------------------
// Reading the trace
// ---------------------------------------------------------------------------------------------

/** The engine's events that start a step of the simulation; everything until the next one is its consequence. */
const STEP_STARTS = new Set<SimEvent["kind"]>(["app", "deliver", "timer"]);

/** The index of the event in which `segment` was sent or delivered. */
function momentIndex(events: readonly SimEvent[], segment: number, moment: "sent" | "delivered"): number {
  const kind = moment === "sent" ? "send" : "deliver";
  const at = events.findIndex((event) => event.kind === kind && "segment" in event && event.segment === segment);
  if (at < 0) throw new Error(`segment ${segment} was never ${moment === "sent" ? "sent" : "delivered"} in this scenario`);
  return at;
}

/**
 * The index of the last event of the step in which `segment` was sent or delivered: its
 * receiver's transitions and replies are included, the next arrival or call is not.
 */
function stepEnd(events: readonly SimEvent[], segment: number, moment: "sent" | "delivered"): number {
  let end = momentIndex(events, segment, moment);
  while (end + 1 < events.length && !STEP_STARTS.has(events[end + 1]!.kind)) end++;
  return end;
}

/**
 * The RFC 9293 state `host` is in right after `segment` was delivered (or sent) and processed,
 * replayed from the engine's transition events.
 */
export function stateAfterSegment(result: ScenarioResult, host: HostName, segment: number, moment: "sent" | "delivered" = "delivered"): StateName {
  const end = stepEnd(result.events, segment, moment);
  let state: StateName = "CLOSED";
  for (const event of result.events.slice(0, end + 1)) {
    if (event.kind === "transition" && event.host === host) state = event.to;
  }
  return state;
}

/**
 * Segments and application calls up to the moment asked about, for the ladder: what was sent
 * before segment N arrived (or up to N itself, for "sent"). The receiver's reply to N is left
 * out: it would give its new state away.
 */
function historyUpTo(result: ScenarioResult, end: number): { segments: SegmentRecord[]; calls: PublicCall[] } {
  const events = result.events.slice(0, end + 1);
  const sent = new Set(events.flatMap((event) => (event.kind === "send" ? [event.segment] : [])));
  return {
    segments: result.segments.filter((segment) => sent.has(segment.id)),
    calls: events.flatMap((event) => (event.kind === "app" ? [{ t: event.t, host: event.host, call: event.call }] : [])),
  };
}

function ladderSegment(segment: SegmentRecord, numbers: { seq: number | null; ack: number | null }): PublicSegment {
  return {
    n: segment.id,
    from: segment.from,
    to: segment.to,
    t: segment.t,
    arriveAt: segment.arriveAt,
    flags: [...segment.flags],
    seq: numbers.seq,
    ack: numbers.ack,
    len: segment.len,
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

const HANDSHAKE_ACTIONS: ScenarioInput["actions"] = [
  { at: 0, host: "server", do: "listen" },
  { at: 1, host: "client", do: "connect" },
];

function firstSegment(segments: readonly SegmentRecord[], test: (segment: SegmentRecord) => boolean, what: string): SegmentRecord {
  const found = segments.find(test);
  if (!found) throw new Error(`the engine's trace has no ${what}`);
  return found;
}

/**
 * Runs the connection of a `number` question for one variant and reads the asked value from the
 * trace. `numbering: "relative"` turns every value into an offset from its side's ISN.
 */
export function generateNumber(question: QuestionOf<"number">, random: Random): GeneratedNumber {
  const clientIsn = uint32(random);
  const serverIsn = uint32(random);
  const payload = question.payload ?? DEFAULT_PAYLOAD;
  const withData = question.generator !== "synack-ack";
  const bytes = withData ? intBetween(random, payload.min, payload.max) : 0;
  const actions: ScenarioInput["actions"] = [...HANDSHAKE_ACTIONS];
  if (withData) actions.push({ at: 100, host: "client", do: "send", bytes });
  if (question.generator === "fin-seq" || question.generator === "fin-ack") actions.push({ at: 300, host: "client", do: "close" });
  const scenario: ScenarioInput = { profile: "linux", seed: 1, isn: { client: clientIsn, server: serverIsn }, actions };
  const result = runScenario(scenario);
  const segments = result.segments.filter((segment) => !segment.dropped);

  const isnOf = (host: HostName) => (host === "client" ? clientIsn : serverIsn);
  const relative = question.numbering === "relative";
  const show = (value: number, base: number) => (relative ? seqDiff(base, value) >>> 0 : value);

  let asked: SegmentRecord;
  let field: "seq" | "ack";
  switch (question.generator) {
    case "synack-ack":
      asked = firstSegment(segments, (s) => s.from === "server" && s.flags.includes("SYN") && s.flags.includes("ACK"), "SYN+ACK");
      field = "ack";
      break;
    case "data-ack": {
      const data = firstSegment(segments, (s) => s.from === "client" && s.len > 0, "data segment");
      asked = firstSegment(segments, (s) => s.from === "server" && s.t >= (data.arriveAt ?? Infinity) && s.ack !== null, "ACK for the data");
      field = "ack";
      break;
    }
    case "fin-seq":
      asked = firstSegment(segments, (s) => s.from === "client" && s.flags.includes("FIN"), "client FIN");
      field = "seq";
      break;
    case "fin-ack": {
      const fin = firstSegment(segments, (s) => s.from === "client" && s.flags.includes("FIN"), "client FIN");
      asked = firstSegment(segments, (s) => s.from === "server" && s.t >= (fin.arriveAt ?? Infinity) && s.ack !== null, "ACK for the FIN");
      field = "ack";
      break;
    }
  }

  const raw = field === "seq" ? asked.seq : asked.ack;
  if (raw === null) throw new Error("the asked segment carries no acknowledgment number");
  // seq counts the sender's sequence space; ack counts the receiver's.
  const base = field === "seq" ? isnOf(asked.from) : isnOf(asked.to);
  const answer = show(raw, base);

  const ladder = segments
    .filter((segment) => segment.id <= asked.id)
    .map((segment) => {
      const seq = show(segment.seq, isnOf(segment.from));
      const ack = segment.ack === null ? null : show(segment.ack, isnOf(segment.to));
      if (segment.id !== asked.id) return ladderSegment(segment, { seq, ack });
      return { ...ladderSegment(segment, { seq: field === "seq" ? null : seq, ack: field === "ack" ? null : ack }), asked: field };
    });

  const data = segments.find((s) => s.from === "client" && s.len > 0);
  const fin = segments.find((s) => s.from === "client" && s.flags.includes("FIN"));
  const variables: Variables = {
    clientIsn: show(clientIsn, clientIsn),
    serverIsn: show(serverIsn, serverIsn),
    answer,
    ...(withData ? { bytes } : {}),
    ...(data ? { dataSeq: show(data.seq, clientIsn) } : {}),
    ...(fin ? { finSeq: show(fin.seq, clientIsn) } : {}),
  };
  return { answer, field, variables, ladder, scenario, segmentId: asked.id };
}

// ---------------------------------------------------------------------------------------------
// States
// ---------------------------------------------------------------------------------------------

/** The actions after the handshake for each kind of close (both sides' applications). */
const TEARDOWNS: Record<TeardownVariant, ScenarioInput["actions"]> = {
  // The client closes; the server's application closes a while after it read the end of stream.
  "active-close": [
    { at: 100, host: "client", do: "close" },
    { at: 400, host: "server", do: "close" },
  ],
  "passive-close": [
    { at: 100, host: "server", do: "close" },
    { at: 400, host: "client", do: "close" },
  ],
  "simultaneous-close": [
    { at: 100, host: "client", do: "close" },
    { at: 100, host: "server", do: "close" },
  ],
  // The client ends its direction; the server still sends a response, then closes.
  "half-close": [
    { at: 100, host: "client", do: "shutdown" },
    { at: 200, host: "server", do: "send", bytes: 200 },
    { at: 400, host: "server", do: "close" },
  ],
};

function toEngineScenario(scenario: QuizScenario, random: Random): ScenarioInput {
  return {
    ...scenario,
    seed: 1,
    isn: { client: scenario.isn?.client ?? uint32(random), server: scenario.isn?.server ?? uint32(random) },
  } as ScenarioInput;
}

/**
 * The (host, segment) pairs a learner can answer from the ladder alone: the receiver of a
 * segment always; the other host only when nothing else happens at the same instant (when two
 * FINs cross, which one a host processes first is not visible on the ladder).
 */
function askableAfterDelivery(result: ScenarioResult, hosts: readonly HostName[], firstSegment: number): Array<{ host: HostName; segment: number }> {
  const stepTimes = result.events.filter((event) => STEP_STARTS.has(event.kind)).map((event) => event.t);
  const pairs: Array<{ host: HostName; segment: number }> = [];
  for (const segment of result.segments) {
    if (segment.id < firstSegment || segment.dropped || segment.arriveAt === null) continue;
    const alone = stepTimes.filter((t) => t === segment.arriveAt).length === 1;
    for (const host of hosts) {
      if (host === segment.to || alone) pairs.push({ host, segment: segment.id });
    }
  }
  if (pairs.length === 0) throw new Error("no segment of this scenario can be asked about for the given hosts");
  return pairs;
}

/**
 * Builds one variant of a `state` question: the scenario (fixed or drawn by the generator), the
 * host and the segment, and the engine's answer.
 */
export function generateState(question: QuestionOf<"state">, random: Random): GeneratedState {
  const source = question.source;
  let scenario: ScenarioInput;
  let host: HostName;
  let segment: number;
  let moment: "sent" | "delivered" = "delivered";
  let result: ScenarioResult;

  if (source.kind === "scenario") {
    scenario = toEngineScenario(source.scenario, random);
    host = source.host;
    segment = source.segment;
    moment = source.moment;
    result = runScenario(scenario);
  } else {
    const hosts = source.hosts ?? HOST_NAMES;
    const isn = { client: uint32(random), server: uint32(random) };
    const actions =
      source.generator === "handshake"
        ? [...HANDSHAKE_ACTIONS]
        : [...HANDSHAKE_ACTIONS, ...TEARDOWNS[pick(random, source.variants ?? TEARDOWN_VARIANTS)]];
    scenario = { profile: "linux", seed: 1, isn, actions };
    result = runScenario(scenario);
    const candidates = askableAfterDelivery(result, hosts, source.generator === "handshake" ? 1 : 4);
    ({ host, segment } = pick(random, candidates));
  }

  const answer = stateAfterSegment(result, host, segment, moment);
  const history = historyUpTo(result, momentIndex(result.events, segment, moment));
  const ladder = history.segments.map((s) => ladderSegment(s, { seq: null, ack: null }));
  return {
    answer,
    host,
    segment,
    moment,
    variables: { host, peer: peerOf(host), segment, answer },
    ladder,
    calls: history.calls,
    scenario,
  };
}

/** The states offered for a question: the author's choice (or all), always including the answer, in RFC order. */
export function stateChoices(question: QuestionOf<"state">, answer: StateName): StateName[] {
  const offered = new Set<StateName>(question.choices ?? STATE_NAMES);
  offered.add(answer);
  return STATE_NAMES.filter((state) => offered.has(state));
}

/** Fills `{name}` placeholders; unknown names stay as they are (the schema rejects them). */
export function fillPlaceholders(text: string, variables: Variables): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in variables ? String(variables[name]) : whole));
}
