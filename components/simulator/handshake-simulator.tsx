"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LiveControls } from "@/components/ui/live-controls";
import type { Action, HostId, ProfileName } from "@/domain/tcp";
import { formatSeconds, segmentLabel } from "@/domain/simulator/format";
import { simulatorLadderModel, withoutFate } from "@/domain/simulator/ladder-model";
import { PRESET_LIST, presetText, type PresetId } from "@/domain/simulator/presets";
import { DEFAULT_SETTINGS, SIM_LIMITS, type ActionKey, type SimulatorSettings } from "@/domain/simulator/session";
import { simulatorWords, type SimulatorWords } from "@/lib/i18n/words/simulator";
import { EndpointCard } from "./endpoint-card";
import { PredictPanel } from "./predict-panel";
import { LazyDetails } from "./lazy-details";
import { Ladder } from "./ladder";
import { LiveStateDiagram } from "./live-state-diagram";
import { SimulatorLocale, useViewLocale } from "./locale";
import { PacketList } from "./packet-list";
import { useDockedSimulator } from "./use-docked-controls";
import { SPEEDS, useSimulator, type ControlsLevel, type SimulatorSnapshot } from "./use-simulator";
import type { Locale } from "@/domain/locale";

export type { ControlsLevel, SimulatorSnapshot } from "./use-simulator";

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
  const simulator = useSimulator(
    { preset, profile, latencyMs, lossProbability, seed, autoRead, initialActions, initialStep, absolute },
    { locale, controls, allowedActions, predict, onChange },
  );
  const { state, dispatch, hosts, act, setOption, select, drop, allowed, model, narrate, narration, now, atEnd, states, errors } = simulator;
  const { inFlight, droppable, count, linkUp, rows, statusOf, predicting, question, reading } = simulator;
  const { sectionRef, dockRef, ladderRef, docked, dockHeight, ladderHeight, keepLadderInView } = useDockedSimulator(height);
  const { run, cursor, settings, absolute: showAbsolute, selected } = state;
  const total = run.steps.length;
  const ids = useId();
  const narrationId = `${ids}-narration`;
  const summaryId = `${ids}-summary`;
  const canDrop = allowed.has("drop");
  const canCutLink = allowed.has("link");
  const learnerActs = allowed.size > 0;

  const presetWords = presetText(settings.preset, locale);
  const heading = title ?? presetWords.title;
  const showPicker = presetPicker ?? controls === "full";

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
            {narration}
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
          onClick={simulator.togglePredicting}
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
            onAutoRead={simulator.setAutoRead}
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
