"use client";

import { useCallback, useEffect, useMemo, useReducer } from "react";
import type { Action, HostId, SocketOption, SocketOptionValue } from "@/domain/tcp";
import {
  ReplayCursor,
  buildRun,
  clampCursor,
  cursorAtTime,
  timeAt,
  type HostsSnapshot,
  type SimulatorRun,
} from "@/domain/simulator/run";
import { SIM_LIMITS, buildScenario, hostCall, type LearnerCall, type SimulatorSettings } from "@/domain/simulator/session";

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

/** State, dispatch and the endpoint snapshots at the cursor (replayed deterministically). */
export function useSimulator(init: SimulatorInit) {
  const [state, dispatch] = useReducer(simulatorReducer, init, initialState);
  const replay = useMemo(() => new ReplayCursor(state.run.scenario), [state.run]);
  const hosts: HostsSnapshot = useMemo(() => replay.hostsAt(state.cursor), [replay, state.cursor]);

  const { playing, speed } = state;
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => dispatch({ type: "step" }), 1000 / speed);
    return () => window.clearInterval(timer);
  }, [playing, speed]);

  const act = useCallback((host: HostId, call: Exclude<LearnerCall, "setsockopt">, bytes?: number) => dispatch({ type: "act", host, call, bytes }), []);
  const setOption = useCallback(
    (host: HostId, option: SocketOption, value: SocketOptionValue) => dispatch({ type: "setsockopt", host, option, value }),
    [],
  );
  return { state, dispatch, hosts, act, setOption };
}
