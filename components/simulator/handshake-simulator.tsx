"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LiveControls } from "@/components/ui/live-controls";
import type { Action, HostId, ProfileName } from "@/domain/tcp";
import { flagHex, flagList, flagString, formatSeconds, segmentKind, segmentLabel } from "@/domain/simulator/format";
import { simulatorLadderModel, withoutFate } from "@/domain/simulator/ladder-model";
import { PRESET_LIST, presetText, type PresetId } from "@/domain/simulator/presets";
import {
  errorsAt,
  inFlightAt,
  linkUpAt,
  narrateStep,
  narratorFor,
  segmentStatus,
  statesAt,
  timeAt,
  visibleSegmentCount,
} from "@/domain/simulator/run";
import {
  DEFAULT_SETTINGS,
  LEARNER_CALLS,
  SIM_LIMITS,
  effectiveAutoRead,
  type ActionKey,
  type SimulatorSettings,
} from "@/domain/simulator/session";
import { simulatorWords, type SimulatorWords } from "@/lib/i18n/words/simulator";
import { stepQuestion } from "@/domain/simulator/predict";
import { EndpointCard } from "./endpoint-card";
import { PredictPanel } from "./predict-panel";
import { LazyDetails } from "./lazy-details";
import { Ladder } from "./ladder";
import { LiveStateDiagram } from "./live-state-diagram";
import { SimulatorLocale, useViewLocale } from "./locale";
import { PacketList, type PacketRow, type PacketStatus } from "./packet-list";
import { bringLadderAboveDock, hasVisibleFocus, useDockedControls, useElementHeight, useLadderHeight } from "./use-docked-controls";
import { SPEEDS, useSimulator, type SimulatorInit } from "./use-simulator";
import type { Locale } from "@/domain/locale";

export type ControlsLevel = "full" | "actions" | "playback";

const ALL_ACTIONS: readonly ActionKey[] = [
  ...(["client", "server"] as const).flatMap((host) => LEARNER_CALLS.map((call) => `${host}:${call}` as const)),
  "drop",
  "link",
];

export interface SimulatorSnapshot {
  settings: SimulatorSettings;
  actions: readonly Action[];
  cursor: number;
  absolute: boolean;
}

export interface HandshakeSimulatorProps {
  /** Which scenario to start from (default: the three-way handshake). */
  preset?: PresetId;
  profile?: ProfileName;
  latencyMs?: number;
  lossProbability?: number;
  /** "full": everything; "actions": stepping plus learner actions and drops; "playback": stepping only. */
  controls?: ControlsLevel;
  /** Steps already taken when the simulator appears, or "end". */
  initialStep?: number | "end";
  /** Height of the sequence diagram's scrolling area (px). */
  height?: number;
  /** Heading shown above the simulator (default: the preset's title). */
  title?: string;
  /** Start with absolute sequence numbers instead of relative ones. */
  absolute?: boolean;
  /** Whether each host's application reads data as it arrives (default: the preset's choice). */
  autoRead?: Partial<Record<HostId, boolean>>;
  /** Start in "Predict, then run": a question before each step (the learner can switch it off). */
  predict?: boolean;
  /** Offer a scenario picker (default: with full controls). */
  presetPicker?: boolean;
  /** For the playground and challenges: the learner's actions to start with. */
  initialActions?: readonly Action[];
  /** For challenges: the only learner actions offered. */
  allowedActions?: readonly ActionKey[];
  seed?: number;
  /** Called whenever the state a URL or a challenge needs changes. */
  onChange?: (snapshot: SimulatorSnapshot) => void;
  /** The lesson's language (set by the lesson page); inherited inside a challenge. */
  locale?: Locale;
}

export function HandshakeSimulator({
  preset = "three-way-handshake",
  profile = "linux",
  latencyMs = DEFAULT_SETTINGS.latencyMs,
  lossProbability = 0,
  controls = "full",
  initialStep = 0,
  height = 380,
  title,
  absolute = false,
  autoRead,
  predict = false,
  presetPicker,
  initialActions = [],
  allowedActions,
  seed = DEFAULT_SETTINGS.seed,
  onChange,
  locale: localeProp,
}: HandshakeSimulatorProps) {
  const locale = useViewLocale(localeProp);
  const words = simulatorWords(locale);
  const [init] = useState<SimulatorInit>(() => ({
    settings: {
      preset,
      profile,
      latencyMs: Math.min(SIM_LIMITS.maxLatencyMs, Math.max(SIM_LIMITS.minLatencyMs, latencyMs)),
      lossProbability: Math.min(SIM_LIMITS.maxLoss, Math.max(0, lossProbability)),
      seed,
      ...(autoRead ? { autoRead } : {}),
    },
    actions: initialActions,
    cursor: initialStep,
    absolute,
  }));
  const { state, dispatch, hosts, act, setOption } = useSimulator(init);
  const sectionRef = useRef<HTMLElement>(null);
  const dockRef = useRef<HTMLDivElement>(null);
  const docked = useDockedControls(sectionRef);
  const dockHeight = useElementHeight(dockRef);
  const ladderHeight = useLadderHeight(height, docked, dockHeight);
  useEffect(() => {
    if (!docked) return;
    // Whatever gets keyboard focus is scrolled clear of the docked controls.
    const root = document.documentElement;
    root.style.scrollPaddingBottom = `${dockHeight + 8}px`;
    return () => {
      root.style.scrollPaddingBottom = "";
    };
  }, [docked, dockHeight]);
  const ladderRef = useRef<HTMLDivElement>(null);
  /** Docked, keyboard focus on the controls brings the ladder into the room above them. */
  const keepLadderInView = useCallback(() => {
    const dock = dockRef.current;
    if (dock === null || ladderRef.current === null || !hasVisibleFocus(document.activeElement) || !dock.contains(document.activeElement)) return;
    bringLadderAboveDock(ladderRef.current, dock);
  }, []);
  useEffect(() => {
    // Tab scrolled Step into view before the controls docked (and the ladder shrank): place the ladder now.
    if (docked) keepLadderInView();
  }, [docked, ladderHeight, keepLadderInView]);
  const { run, cursor, settings, absolute: showAbsolute, selected } = state;
  const ids = useId();
  const narrationId = `${ids}-narration`;
  const summaryId = `${ids}-summary`;

  const allowed = useMemo(
    () => new Set<ActionKey>(controls === "playback" ? [] : (allowedActions ?? ALL_ACTIONS)),
    [controls, allowedActions],
  );
  const canDrop = allowed.has("drop");
  const canCutLink = allowed.has("link");
  const learnerActs = allowed.size > 0;

  useEffect(() => {
    onChange?.({ settings: state.settings, actions: state.actions, cursor: state.cursor, absolute: state.absolute });
  }, [onChange, state.settings, state.actions, state.cursor, state.absolute]);

  const model = useMemo(() => simulatorLadderModel(run, showAbsolute, locale), [run, showAbsolute, locale]);
  const narrate = useMemo(() => narratorFor(run, showAbsolute, locale), [run, showAbsolute, locale]);
  const now = timeAt(run, cursor);
  const total = run.steps.length;
  const narration =
    cursor === 0
      ? total === 0
        ? words.nothingScheduled
        : words.ready
      : words.narration(formatSeconds(now), narrateStep(run, narrate, cursor - 1, locale));

  const states = useMemo(() => statesAt(run, cursor), [run, cursor]);
  const errors = useMemo(() => errorsAt(run, cursor), [run, cursor]);
  const inFlight = useMemo(() => (canDrop ? inFlightAt(run, cursor) : []), [run, cursor, canDrop]);
  const droppable = useMemo(() => new Set(inFlight.map((segment) => segment.id)), [inFlight]);
  const count = visibleSegmentCount(run, cursor);
  const linkUp = useMemo(() => linkUpAt(run, cursor), [run, cursor]);
  const [predicting, setPredicting] = useState(predict);
  const question = useMemo(() => (predicting ? stepQuestion(run, cursor) : null), [predicting, run, cursor]);
  const reading = effectiveAutoRead(settings);
  const onAutoRead = useCallback(
    (host: HostId, value: boolean) => dispatch({ type: "settings", patch: { autoRead: { ...state.settings.autoRead, [host]: value } } }),
    [dispatch, state.settings.autoRead],
  );

  const rows: PacketRow[] = useMemo(() => {
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
        seq: showAbsolute ? segment.seq : segment.relSeq,
        ack: showAbsolute ? segment.ack : segment.relAck,
        len: segment.len,
        kind: segmentKind(segment.flags),
        retransmission: segment.retransmission,
        win: segment.win,
        ...(segment.purpose === undefined ? {} : { purpose: segment.purpose }),
      }));
  }, [run, showAbsolute, locale]);
  const statusOf = useCallback(
    (id: number): PacketStatus => {
      const segment = run.segments[id - 1];
      if (segment === undefined) return null;
      const status = segmentStatus(segment, cursor);
      return status === "hidden" ? null : status;
    },
    [run, cursor],
  );
  const select = useCallback((id: number) => dispatch({ type: "select", id }), [dispatch]);
  const drop = useCallback((id: number) => dispatch({ type: "drop", segment: id }), [dispatch]);

  const presetWords = presetText(settings.preset, locale);
  const heading = title ?? presetWords.title;
  const showPicker = presetPicker ?? controls === "full";
  const atEnd = cursor >= total;
  const notice = state.notice === "too-many-actions" ? words.tooManyActions(SIM_LIMITS.maxActions) : null;

  return (
    <SimulatorLocale value={locale}>
    <section
      ref={sectionRef}
      aria-label={words.region}
      className="not-prose my-8 @container rounded-xl border border-border bg-bg-elevated p-3 text-fg shadow-sm max-sm:flex max-sm:flex-col sm:p-4"
    >
      <LiveControls>
      <header className="mb-3 flex flex-col gap-3 @2xl:flex-row @2xl:items-start @2xl:justify-between">
        <div className="min-w-0 flex-1">
          <p className="font-semibold">{heading}</p>
          <p className="text-sm text-fg-muted">{presetWords.description}</p>
        </div>
        {showPicker ? (
          <div className="flex flex-col text-sm @2xl:max-w-[18rem]">
            <label htmlFor={`${ids}-preset`} className="font-medium">
              {words.scenario}
            </label>
            <select
              id={`${ids}-preset`}
              value={settings.preset}
              onChange={(event) => dispatch({ type: "settings", patch: { preset: event.target.value as PresetId } })}
              className="mt-1 h-9 rounded-lg border border-border bg-bg px-2"
            >
              {PRESET_LIST.map((option) => (
                <option key={option.id} value={option.id}>
                  {presetText(option.id, locale).title}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </header>

      {/* On a phone the playback controls and what the last step did come right after the ladder
          (order) and dock to the bottom of the screen while this simulator is being read
          (useDockedControls), so Step, the arrow it adds and the narration are on screen together.
          The slot keeps their height in the page: nothing moves when they dock or undock. */}
      <div className="max-sm:order-1 max-sm:mt-3" style={docked && dockHeight > 0 ? { height: dockHeight } : undefined}>
        <div
          ref={dockRef}
          data-docked={docked ? "true" : undefined}
          onFocus={docked ? keepLadderInView : undefined}
          className={cn(
            docked &&
              "fixed inset-x-0 bottom-0 z-40 border-t border-border bg-bg-elevated px-3 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] shadow-[0_-6px_16px_rgb(0_0_0/0.12)]",
          )}
        >
          <div className="flex flex-wrap items-center gap-1.5" role="toolbar" aria-label={words.playback}>
            <Button size="sm" variant="secondary" onClick={() => dispatch({ type: "back" })} disabled={cursor === 0} className="max-sm:h-11 max-sm:px-4">
              {words.stepBack}
            </Button>
            <Button size="sm" onClick={() => dispatch({ type: "step" })} disabled={atEnd} className="max-sm:h-11 max-sm:min-w-20 max-sm:px-5">
              {words.step}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => dispatch({ type: state.playing ? "pause" : "play" })}
              disabled={!state.playing && atEnd}
              className="max-sm:h-11 max-sm:px-4"
            >
              {state.playing ? words.pause : words.play}
            </Button>
            <span className="ml-auto text-xs tabular-nums text-fg-muted">
              {/* The full text once (visually hidden on a phone), the short form for the eye only. */}
              <span className="max-sm:sr-only">{words.stepOf(cursor, total, formatSeconds(now))}</span>
              <span aria-hidden="true" className="sm:hidden">
                {words.stepOfShort(cursor, total, formatSeconds(now))}
              </span>
            </span>
          </div>
          <p
            id={narrationId}
            role="status"
            aria-live="polite"
            // Docked, a long narration scrolls within a few lines; it can then take focus to be scrolled by keyboard.
            tabIndex={docked ? 0 : undefined}
            className={cn("mt-2 min-h-[2.75rem] rounded-lg bg-bg-sunken px-3 py-2 text-sm", docked && "max-h-[4.75rem] overflow-y-auto")}
          >
            {notice ?? narration}
          </p>
        </div>
      </div>

      <div className="mt-2 flex flex-wrap items-center gap-1.5" role="group" aria-label={words.playbackOptions}>
        <label htmlFor={`${ids}-speed`} className="text-sm">
          {words.speed}
        </label>
        <select
          id={`${ids}-speed`}
          value={state.speed}
          onChange={(event) => dispatch({ type: "speed", speed: Number(event.target.value) })}
          className="h-8 rounded-md border border-border bg-bg px-1"
        >
          {SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {words.speedOption(speed)}
            </option>
          ))}
        </select>
        <Button size="sm" variant="ghost" onClick={() => dispatch({ type: "reset" })}>
          {words.reset}
        </Button>
        {learnerActs ? (
          <Button size="sm" variant="ghost" onClick={() => dispatch({ type: "undo" })} disabled={state.actions.length === 0}>
            {words.undo}
          </Button>
        ) : null}
        <Button
          size="sm"
          variant={predicting ? "primary" : "ghost"}
          aria-pressed={predicting}
          title={words.predict.help}
          onClick={() => setPredicting((value) => !value)}
        >
          {words.predict.toggle}
        </Button>
      </div>

      {predicting && !atEnd ? (
        <PredictPanel
          question={question}
          cause={question === null ? "" : narrate(question.trigger)}
          settings={settings}
          actions={state.actions}
          cursor={cursor}
          locale={locale}
          words={words}
          onStep={() => dispatch({ type: "step" })}
        />
      ) : null}

      {/* On a phone the ladder comes before the endpoint cards (order). */}
      <div className="mt-3 grid gap-3 max-sm:order-1 @2xl:grid-cols-2">
        {(["client", "server"] as const).map((host) => (
          <EndpointCard
            key={host}
            host={host}
            snapshot={hosts[host]}
            errors={errors.filter((e) => e.host === host)}
            absolute={showAbsolute}
            allowed={allowed}
            onAct={act}
            autoRead={reading[host]}
            onAutoRead={onAutoRead}
            onSetOption={setOption}
          />
        ))}
      </div>

      <div ref={ladderRef} className="mt-3 rounded-lg border border-border" data-ladder>
        <p id={summaryId} className="sr-only">
          {words.summary(count, states.client.state, states.server.state)}
        </p>
        <Ladder
          model={model}
          cursor={cursor}
          selected={selected}
          onSelect={select}
          onDrop={canDrop ? drop : undefined}
          droppable={droppable}
          height={ladderHeight}
          describedBy={summaryId}
        />
      </div>

      {canCutLink ? (
        <div className="mt-2 flex flex-wrap items-center gap-1.5 text-sm max-sm:order-1" role="group" aria-label={words.link}>
          <span className={linkUp ? "text-fg-muted" : "font-medium text-danger"}>{linkUp ? words.linkUp : words.linkDown}</span>
          <Button size="sm" variant={linkUp ? "secondary" : "primary"} onClick={() => dispatch({ type: "link", up: !linkUp })}>
            {linkUp ? words.cutLink : words.restoreLink}
          </Button>
        </div>
      ) : null}

      {canDrop ? (
        <div className="mt-2 flex flex-wrap items-center gap-1.5 text-sm max-sm:order-1" role="group" aria-label={words.inFlight}>
          <span className="text-fg-muted">{inFlight.length ? words.inFlightNow : words.noneInFlight}</span>
          {inFlight.map((segment) => {
            const numbers = showAbsolute ? segment : { ...segment, seq: segment.relSeq, ack: segment.relAck };
            return (
              <Button
                key={segment.id}
                size="sm"
                variant="secondary"
                onClick={() => drop(segment.id)}
                aria-label={words.dropLabel(segment.id, words.direction(segment.from), segmentLabel(numbers))}
              >
                {words.dropButton(segment.id)}
              </Button>
            );
          })}
        </div>
      ) : null}

      <div className="mt-3 max-sm:order-1">
        <PacketList
          rows={rows}
          count={count}
          statusOf={statusOf}
          selected={selected}
          onSelect={select}
          height={Math.min(280, Math.max(160, 32 * (count + 1) + 2))}
          caption={words.packetListCaption}
          windowColumn
        />
      </div>

      <div className="mt-3 grid items-start gap-4 max-sm:order-1 @2xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <figure>
          <LiveStateDiagram
            client={{ state: states.client.state, from: states.client.last?.from ?? null }}
            server={{ state: states.server.state, from: states.server.last?.from ?? null }}
          />
          <figcaption className="mt-1 text-center text-xs text-fg-muted">
            <span className="font-semibold text-syn">C</span> {words.stateCaption.client} <span className="font-semibold text-fin">S</span>{" "}
            {words.stateCaption.server}
          </figcaption>
        </figure>
        <div className="space-y-3 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={showAbsolute} onChange={(event) => dispatch({ type: "absolute", value: event.target.checked })} />
            {words.absolute}
          </label>
          {controls === "full" ? (
            <NetworkSettings settings={settings} onChange={(patch) => dispatch({ type: "settings", patch })} words={words} />
          ) : null}
          <Legend words={words} />
        </div>
      </div>

      <TextAlternative model={model} cursor={cursor} states={words.statesText(states.client.state, states.server.state)} words={words} />
      </LiveControls>
    </section>
    </SimulatorLocale>
  );
}

function NetworkSettings({ settings, onChange, words }: { settings: SimulatorSettings; onChange: (patch: Partial<SimulatorSettings>) => void; words: SimulatorWords }) {
  const ids = useId();
  return (
    <fieldset className="space-y-3 rounded-lg border border-border p-3">
      <legend className="px-1 font-semibold">{words.network}</legend>
      <div role="radiogroup" aria-label={words.profile} className="flex flex-wrap gap-3">
        {(
          [
            ["linux", "Linux"],
            ["rfc9293", "RFC 9293"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="inline-flex items-center gap-1.5">
            <input type="radio" name={`${ids}-profile`} value={value} checked={settings.profile === value} onChange={() => onChange({ profile: value })} />
            {label}
          </label>
        ))}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-latency`}>{words.latency(settings.latencyMs)}</label>
        <input
          id={`${ids}-latency`}
          type="range"
          className="accent-accent"
          min={SIM_LIMITS.minLatencyMs}
          max={500}
          step={1}
          value={settings.latencyMs}
          onChange={(event) => onChange({ latencyMs: Number(event.target.value) })}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-loss`}>{words.loss(Math.round(settings.lossProbability * 100))}</label>
        <input
          id={`${ids}-loss`}
          type="range"
          className="accent-accent"
          min={0}
          max={SIM_LIMITS.maxLoss * 100}
          step={1}
          value={Math.round(settings.lossProbability * 100)}
          onChange={(event) => onChange({ lossProbability: Number(event.target.value) / 100 })}
        />
      </div>
      <p className="text-xs text-fg-muted">{words.replayNote}</p>
    </fieldset>
  );
}

function Legend({ words }: { words: SimulatorWords }) {
  return (
    <ul className="flex !list-none flex-wrap gap-x-4 gap-y-1 !pl-0 text-xs text-fg-muted [&>li]:!mt-0" aria-label={words.legend}>
      <li>
        <span className="font-semibold text-syn">—</span> SYN
      </li>
      <li>
        <span className="font-semibold text-ack">—</span> {words.legendAck}
      </li>
      <li>
        <span className="font-semibold text-fin">—</span> FIN
      </li>
      <li>
        <span className="font-semibold text-rst">—</span> RST
      </li>
      <li>{words.legendLost}</li>
      <li>{words.legendRetransmission}</li>
    </ul>
  );
}

function TextAlternative({ model, cursor, states, words }: { model: ReturnType<typeof simulatorLadderModel>; cursor: number; states: string; words: SimulatorWords }) {
  return (
    <LazyDetails summary={words.asText} className="mt-3 max-sm:order-1">
      {() => (
        <div className="mt-2">
          <ol className="list-decimal space-y-0.5 pl-6">
            {model.arrows
              .filter((arrow) => arrow.sentStep < cursor)
              .map((arrow) => {
                const fate =
                  arrow.lostStep !== null && arrow.lostStep < cursor
                    ? words.fate.lost
                    : arrow.deliveredStep !== null && arrow.deliveredStep < cursor
                      ? words.fate.delivered
                      : words.fate["in-flight"];
                return <li key={arrow.id}>{`${withoutFate(arrow.description)}${fate}`}</li>;
              })}
          </ol>
          <p className="mt-1">{states}</p>
        </div>
      )}
    </LazyDetails>
  );
}
