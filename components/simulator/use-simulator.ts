"use client";

import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import type { Action, HostId, SocketOption, SocketOptionValue } from "@/domain/tcp";
import type { Locale } from "@/domain/locale";
import { flagHex, flagList, flagString, formatSeconds, segmentKind } from "@/domain/simulator/format";
import { simulatorLadderModel } from "@/domain/simulator/ladder-model";
import { stepQuestion } from "@/domain/simulator/predict";
import {
  ReplayCursor,
  buildRun,
  clampCursor,
  cursorAtTime,
  errorsAt,
  inFlightAt,
  linkUpAt,
  narrateStep,
  narratorFor,
  segmentStatus,
  statesAt,
  timeAt,
  visibleSegmentCount,
  type HostsSnapshot,
  type SimulatorRun,
} from "@/domain/simulator/run";
import {
  LEARNER_CALLS,
  SIM_LIMITS,
  buildScenario,
  effectiveAutoRead,
  hostCall,
  type ActionKey,
  type LearnerCall,
  type SimulatorSettings,
} from "@/domain/simulator/session";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import type { PacketRow, PacketStatus } from "./packet-list";

export interface SimulatorInit {
  settings: SimulatorSettings;
  /** The learner's actions (not the preset's). */
  actions: readonly Action[];
  /** Steps already taken, or "end". */
  cursor: number | "end";
  absolute: boolean;
}

export interface SimulatorState {
  settings: SimulatorSettings;
  actions: readonly Action[];
  run: SimulatorRun;
  cursor: number;
  playing: boolean;
  /** Steps per second while playing. */
  speed: number;
  absolute: boolean;
  selected: number | null;
  /** Something the learner should know about their last action (announced in the view's language). */
  notice: SimulatorNotice | null;
}

export type SimulatorMessage =
  | { type: "step" }
  | { type: "back" }
  | { type: "seek"; cursor: number }
  | { type: "reset" }
  | { type: "play" }
  | { type: "pause" }
  | { type: "speed"; speed: number }
  | { type: "act"; host: HostId; call: Exclude<LearnerCall, "setsockopt">; bytes?: number }
  | { type: "setsockopt"; host: HostId; option: SocketOption; value: SocketOptionValue }
  | { type: "link"; up: boolean }
  | { type: "drop"; segment: number }
  | { type: "undo" }
  | { type: "settings"; patch: Partial<SimulatorSettings> }
  | { type: "absolute"; value: boolean }
  | { type: "select"; id: number | null }
  | { type: "load"; init: SimulatorInit };

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;

/** What the view announces after a refused action. */
export type SimulatorNotice = "too-many-actions";

function runFor(settings: SimulatorSettings, actions: readonly Action[]): SimulatorRun {
  return buildRun(buildScenario(settings, actions));
}

export function initialState(init: SimulatorInit): SimulatorState {
  const run = runFor(init.settings, init.actions);
  return {
    settings: init.settings,
    actions: init.actions,
    run,
    cursor: init.cursor === "end" ? run.steps.length : clampCursor(run, init.cursor),
    playing: false,
    speed: 1,
    absolute: init.absolute,
    selected: null,
    notice: null,
  };
}

/** The step (cursor after it) in which an action added at `at` took effect. */
function cursorAfterAction(run: SimulatorRun, from: number, at: number, action: Action): number {
  let found = -1;
  for (let index = from; index < run.steps.length; index++) {
    const step = run.steps[index];
    if (step === undefined || step.t > at) break;
    for (let e = step.first; e < step.end; e++) {
      const event = run.events[e];
      if (event === undefined) continue;
      const matches =
        action.do === "drop"
          ? (event.kind === "drop" && event.reason === "manual" && event.segment === action.segment) ||
            (event.kind === "note" && event.text.startsWith(`segment ${action.segment} `))
          : action.do === "link"
            ? event.kind === "link" && event.up === action.up
            : event.kind === "app" && event.host === action.host && event.call === action.do;
      if (matches) found = index;
    }
  }
  return found === -1 ? from : found + 1;
}

function withAction(state: SimulatorState, action: Action): SimulatorState {
  if (state.actions.length >= SIM_LIMITS.maxActions) {
    return { ...state, notice: "too-many-actions" };
  }
  const actions = [...state.actions, action];
  const run = runFor(state.settings, actions);
  const cursor = cursorAfterAction(run, state.cursor, action.at, action);
  return { ...state, actions, run, cursor, notice: null };
}

export function simulatorReducer(state: SimulatorState, message: SimulatorMessage): SimulatorState {
  switch (message.type) {
    case "step": {
      const cursor = Math.min(state.run.steps.length, state.cursor + 1);
      return { ...state, cursor, playing: state.playing && cursor < state.run.steps.length, notice: null };
    }
    case "back":
      return { ...state, cursor: Math.max(0, state.cursor - 1), playing: false, notice: null };
    case "seek":
      return { ...state, cursor: clampCursor(state.run, message.cursor), notice: null };
    case "reset": {
      const run = state.actions.length ? runFor(state.settings, []) : state.run;
      return { ...state, actions: [], run, cursor: 0, playing: false, selected: null, notice: null };
    }
    case "play":
      return state.cursor >= state.run.steps.length ? state : { ...state, playing: true, notice: null };
    case "pause":
      return { ...state, playing: false };
    case "speed":
      return { ...state, speed: message.speed };
    case "act": {
      const at = timeAt(state.run, state.cursor);
      if (message.call === "read") {
        // No byte count (or 0): read everything buffered.
        const bytes = message.bytes !== undefined && message.bytes >= 1 ? Math.min(SIM_LIMITS.maxSendBytes, Math.floor(message.bytes)) : 0;
        return withAction(state, hostCall(at, message.host, "read", bytes));
      }
      const bytes = Math.min(SIM_LIMITS.maxSendBytes, Math.max(1, Math.floor(message.bytes ?? 100)));
      return withAction(state, hostCall(at, message.host, message.call, bytes));
    }
    case "drop":
      return withAction(state, { at: timeAt(state.run, state.cursor), do: "drop", segment: message.segment });
    case "setsockopt":
      return withAction(state, { at: timeAt(state.run, state.cursor), host: message.host, do: "setsockopt", option: message.option, value: message.value });
    case "link":
      return withAction(state, { at: timeAt(state.run, state.cursor), do: "link", up: message.up });
    case "undo": {
      if (state.actions.length === 0) return state;
      const actions = state.actions.slice(0, -1);
      const run = runFor(state.settings, actions);
      return { ...state, actions, run, cursor: cursorAtTime(run, timeAt(state.run, state.cursor)), playing: false, notice: null };
    }
    case "settings": {
      const settings = { ...state.settings, ...message.patch };
      // A new preset starts over (with its own reading habits); other settings keep the learner's actions and the current time.
      const presetChanged = message.patch.preset !== undefined && message.patch.preset !== state.settings.preset;
      if (presetChanged && message.patch.autoRead === undefined) delete settings.autoRead;
      const actions = presetChanged ? [] : state.actions;
      const run = runFor(settings, actions);
      const cursor = presetChanged ? 0 : cursorAtTime(run, timeAt(state.run, state.cursor));
      return { ...state, settings, actions, run, cursor, playing: false, selected: presetChanged ? null : state.selected, notice: null };
    }
    case "absolute":
      return { ...state, absolute: message.value };
    case "select":
      return { ...state, selected: message.id };
    case "load":
      return initialState(message.init);
  }
}

/** How a lesson starts a simulator: the scenario, the network and where the learner begins. */
export interface SimulatorStart extends SimulatorSettings {
  initialActions: readonly Action[];
  initialStep: number | "end";
  absolute: boolean;
}

/** The simulator's first state from a lesson's settings, the network's kept within the simulator's limits. */
export function simulatorInit(start: SimulatorStart): SimulatorInit {
  return {
    settings: {
      preset: start.preset,
      profile: start.profile,
      latencyMs: Math.min(SIM_LIMITS.maxLatencyMs, Math.max(SIM_LIMITS.minLatencyMs, start.latencyMs)),
      lossProbability: Math.min(SIM_LIMITS.maxLoss, Math.max(0, start.lossProbability)),
      seed: start.seed,
      ...(start.autoRead ? { autoRead: start.autoRead } : {}),
    },
    actions: start.initialActions,
    cursor: start.initialStep,
    absolute: start.absolute,
  };
}

/** "full": everything; "actions": stepping plus learner actions and drops; "playback": stepping only. */
export type ControlsLevel = "full" | "actions" | "playback";

const ALL_ACTIONS: readonly ActionKey[] = [
  ...(["client", "server"] as const).flatMap((host) => LEARNER_CALLS.map((call) => `${host}:${call}` as const)),
  "drop",
  "link",
];

/** The learner actions offered: none for playback, else those a challenge allows (or all). */
export function offeredActions(controls: ControlsLevel, allowedActions?: readonly ActionKey[]): ReadonlySet<ActionKey> {
  return new Set<ActionKey>(controls === "playback" ? [] : (allowedActions ?? ALL_ACTIONS));
}

/** The packet list's rows for a run: every segment sent, with relative or absolute numbers. */
export function simulatorPacketRows(run: SimulatorRun, absolute: boolean, locale: Locale): PacketRow[] {
  const direction = simulatorWords(locale).direction;
  return run.segments.map((segment) => ({
    id: segment.id,
    no: segment.id,
    time: formatSeconds(segment.t),
    direction: direction(segment.from),
    from: segment.from,
    flagHex: flagHex(segment.flags),
    flagString: flagString(segment.flags),
    flagNames: flagList(segment.flags),
    seq: absolute ? segment.seq : segment.relSeq,
    ack: absolute ? segment.ack : segment.relAck,
    len: segment.len,
    kind: segmentKind(segment.flags),
    retransmission: segment.retransmission,
    win: segment.win,
    ...(segment.purpose === undefined ? {} : { purpose: segment.purpose }),
  }));
}

/** What the status line says at a cursor: ready, nothing to do, what the last step did, or a refused action. */
export function simulatorNarration(state: Pick<SimulatorState, "run" | "cursor" | "absolute" | "notice">, locale: Locale): string {
  const words = simulatorWords(locale);
  if (state.notice === "too-many-actions") return words.tooManyActions(SIM_LIMITS.maxActions);
  const { run, cursor } = state;
  if (cursor === 0) return run.steps.length === 0 ? words.nothingScheduled : words.ready;
  return words.narration(formatSeconds(timeAt(run, cursor)), narrateStep(run, narratorFor(run, state.absolute, locale), cursor - 1, locale));
}

/** What the simulator's state a URL or a challenge keeps. */
export interface SimulatorSnapshot {
  settings: SimulatorSettings;
  actions: readonly Action[];
  cursor: number;
  absolute: boolean;
}

export interface SimulatorOptions {
  locale: Locale;
  controls: ControlsLevel;
  /** For challenges: the only learner actions offered. */
  allowedActions?: readonly ActionKey[];
  /** Start in "Predict, then run". */
  predict: boolean;
  /** Called whenever the state a URL or a challenge needs changes. */
  onChange?: (snapshot: SimulatorSnapshot) => void;
}

/**
 * The handshake simulator's logic: its state and dispatch, playback, what the run looks like at
 * the cursor (endpoints, states, errors, segments in flight, the ladder and packet rows, the
 * narration), which actions are offered, and "Predict, then run". The component only renders.
 */
export function useSimulator(start: SimulatorStart, { locale, controls, allowedActions, predict, onChange }: SimulatorOptions) {
  const [state, dispatch] = useReducer(simulatorReducer, start, (given) => initialState(simulatorInit(given)));
  const replay = useMemo(() => new ReplayCursor(state.run.scenario), [state.run]);
  const hosts: HostsSnapshot = useMemo(() => replay.hostsAt(state.cursor), [replay, state.cursor]);

  const { playing, speed } = state;
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => dispatch({ type: "step" }), 1000 / speed);
    return () => window.clearInterval(timer);
  }, [playing, speed]);

  useEffect(() => {
    onChange?.({ settings: state.settings, actions: state.actions, cursor: state.cursor, absolute: state.absolute });
  }, [onChange, state.settings, state.actions, state.cursor, state.absolute]);

  const act = useCallback((host: HostId, call: Exclude<LearnerCall, "setsockopt">, bytes?: number) => dispatch({ type: "act", host, call, bytes }), []);
  const setOption = useCallback(
    (host: HostId, option: SocketOption, value: SocketOptionValue) => dispatch({ type: "setsockopt", host, option, value }),
    [],
  );
  const select = useCallback((id: number) => dispatch({ type: "select", id }), []);
  const drop = useCallback((id: number) => dispatch({ type: "drop", segment: id }), []);
  const { autoRead } = state.settings;
  const setAutoRead = useCallback((host: HostId, value: boolean) => dispatch({ type: "settings", patch: { autoRead: { ...autoRead, [host]: value } } }), [autoRead]);

  const allowed = useMemo(() => offeredActions(controls, allowedActions), [controls, allowedActions]);
  const canDrop = allowed.has("drop");
  const { run, cursor, absolute } = state;
  const model = useMemo(() => simulatorLadderModel(run, absolute, locale), [run, absolute, locale]);
  const narrate = useMemo(() => narratorFor(run, absolute, locale), [run, absolute, locale]);
  const states = useMemo(() => statesAt(run, cursor), [run, cursor]);
  const errors = useMemo(() => errorsAt(run, cursor), [run, cursor]);
  const inFlight = useMemo(() => (canDrop ? inFlightAt(run, cursor) : []), [run, cursor, canDrop]);
  const droppable = useMemo(() => new Set(inFlight.map((segment) => segment.id)), [inFlight]);
  const linkUp = useMemo(() => linkUpAt(run, cursor), [run, cursor]);
  const rows = useMemo(() => simulatorPacketRows(run, absolute, locale), [run, absolute, locale]);
  const statusOf = useCallback(
    (id: number): PacketStatus => {
      const segment = run.segments[id - 1];
      if (segment === undefined) return null;
      const status = segmentStatus(segment, cursor);
      return status === "hidden" ? null : status;
    },
    [run, cursor],
  );

  const [predicting, setPredicting] = useState(predict);
  const question = useMemo(() => (predicting ? stepQuestion(run, cursor) : null), [predicting, run, cursor]);

  return {
    state,
    dispatch,
    hosts,
    act,
    setOption,
    select,
    drop,
    setAutoRead,
    /** Each host's application reads what arrives (the learner's choice, or the preset's). */
    reading: effectiveAutoRead(state.settings),
    allowed,
    model,
    narrate,
    narration: simulatorNarration(state, locale),
    now: timeAt(run, cursor),
    atEnd: cursor >= run.steps.length,
    states,
    errors,
    inFlight,
    droppable,
    count: visibleSegmentCount(run, cursor),
    linkUp,
    rows,
    statusOf,
    predicting,
    togglePredicting: () => setPredicting((value) => !value),
    question,
  };
}
