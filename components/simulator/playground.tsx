"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { challengeStatusAction } from "@/lib/challenges/actions";
import { replaceAddress } from "@/components/layout/browser-address";
import type { SimulatorPartSurroundings } from "@/components/lesson/on-demand-parts";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LiveControls } from "@/components/ui/live-controls";
import { cn } from "@/components/ui/cn";
import type { SynBacklogInput, TimeWaitInput } from "@/domain/simulator/labs";
import type { PlaygroundState } from "@/domain/simulator/url-state";
import { playgroundWords } from "@/lib/i18n/words/playground";
import type { SimulatorSnapshot } from "./handshake-simulator";
import { CaptureViewer, HandshakeSimulator, SimulatorChallenge, SynBacklogLab, TimeWaitLab } from "./lazy";
import { SimulatorLocale } from "./locale";
import type { Locale } from "@/domain/locale";

const DEFAULT_CAPTURE = "passive-close-delayed";

/** The link's codec (zod and the action grammar): loaded with the first change to put in the address, not with the page. */
let urlCodec: Promise<typeof import("@/domain/simulator/url-state")> | null = null;
const loadUrlCodec = () => (urlCodec ??= import("@/domain/simulator/url-state"));

export type PlaygroundChallenge = { id: string; title: string; summary: string };

export interface PlaygroundProps {
  /** The state restored from the link (decoded on the server), or the default one. */
  initial: PlaygroundState;
  /** Why the link was refused, in the page's language; null when it was restored (or there was none). */
  refused: string[] | null;
  challenges: PlaygroundChallenge[];
  /** What each part shows while its code loads (components/lesson/on-demand-parts.tsx). */
  parts: SimulatorPartSurroundings;
  locale?: Locale;
}

/**
 * Everything in one page; the state that matters is mirrored into the URL so it can be shared.
 * `locale` is the page's language (/playground or /zh/playground); a link works in both. The
 * simulator, the challenge, the labs and the capture viewer load their code as the reader comes
 * near or uses them (ADR 0950), like a lesson's parts. This component holds no React state: once
 * hydrated it never renders again, so a part still waiting keeps the server's HTML (a parent that
 * renders again makes React draw a part it has not hydrated from its placeholder). What changes on
 * screen (the copied link, the challenge list's badges, the open challenge) lives in the small
 * components below it.
 */
export function Playground({ initial, refused, challenges, parts, locale = "en" }: PlaygroundProps) {
  const playground = playgroundWords(locale);
  const state = useRef<PlaygroundState>(initial);
  const pendingUrl = useRef<number | null>(null);

  const syncUrl = useCallback(() => {
    if (pendingUrl.current !== null) window.clearTimeout(pendingUrl.current);
    pendingUrl.current = window.setTimeout(() => {
      void loadUrlCodec().then(({ encodePlayground }) => {
        const search = encodePlayground(state.current);
        const url = `${window.location.pathname}${search ? `?${search}` : ""}${window.location.hash}`;
        replaceAddress(url);
      });
    }, 250);
  }, []);

  // A refused link must not linger in the address bar once the learner starts over.
  const update = useCallback(
    (patch: Partial<PlaygroundState>) => {
      state.current = { ...state.current, ...patch };
      syncUrl();
    },
    [syncUrl],
  );

  const onSimulator = useCallback(
    (snapshot: SimulatorSnapshot) =>
      update({
        simulator: {
          preset: snapshot.settings.preset,
          profile: snapshot.settings.profile,
          latencyMs: snapshot.settings.latencyMs,
          lossProbability: snapshot.settings.lossProbability,
          actions: [...snapshot.actions],
          step: snapshot.cursor,
          absolute: snapshot.absolute,
          ...(snapshot.settings.autoRead ? { autoRead: snapshot.settings.autoRead } : {}),
        },
      }),
    [update],
  );
  const onTimeWait = useCallback((input: TimeWaitInput) => update({ timeWait: input }), [update]);
  const onSynBacklog = useCallback((input: SynBacklogInput) => update({ synBacklog: input }), [update]);
  // The default sample is not state worth sharing: keep it out of the address.
  const onCapture = useCallback((id: string | null) => update({ capture: id === DEFAULT_CAPTURE ? null : id }), [update]);
  const onChallenge = useCallback((id: string | null) => update({ challenge: id }), [update]);

  const shareableUrl = useCallback(async () => {
    const { encodePlayground } = await loadUrlCodec();
    const search = encodePlayground(state.current);
    const url = `${window.location.origin}${window.location.pathname}${search ? `?${search}` : ""}`;
    replaceAddress(url);
    return url;
  }, []);

  const sim = initial.simulator;
  return (
    <SimulatorLocale value={locale}>
    <LiveControls>
    <div className="space-y-12">
      {refused ? (
        <Alert tone="danger">
          <strong>{playground.badLink}</strong>
          {playground.startsFresh}
          <ul className="mt-1 list-disc pl-5">
            {refused.slice(0, 6).map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <CopyLinkBar shareableUrl={shareableUrl} locale={locale} />

      <section aria-labelledby="playground-simulator">
        <h2 id="playground-simulator" className="mb-2 text-2xl font-semibold">
          {playground.simulator}
        </h2>
        <HandshakeSimulator
          preset={sim.preset}
          profile={sim.profile}
          latencyMs={sim.latencyMs}
          lossProbability={sim.lossProbability}
          initialActions={sim.actions}
          initialStep={sim.step}
          absolute={sim.absolute}
          {...(sim.autoRead ? { autoRead: sim.autoRead } : {})}
          height={460}
          onChange={onSimulator}
          locale={locale}
          {...parts.simulator}
        />
      </section>

      <section aria-labelledby="challenges">
        <h2 id="challenges" className="mb-2 scroll-mt-20 text-2xl font-semibold">
          {playground.challenges}
        </h2>
        <p className="mb-3 text-fg-muted">{playground.challengesIntro}</p>
        <Challenges challenges={challenges} initial={initial.challenge} onChange={onChallenge} parts={parts} locale={locale} />
      </section>

      <section aria-labelledby="labs">
        <h2 id="labs" className="mb-2 text-2xl font-semibold">
          {playground.labs}
        </h2>
        <TimeWaitLab initial={initial.timeWait} onChange={onTimeWait} locale={locale} {...parts.timeWaitLab} />
        <SynBacklogLab initial={initial.synBacklog} onChange={onSynBacklog} locale={locale} {...parts.synBacklogLab} />
      </section>

      <section aria-labelledby="captures">
        <h2 id="captures" className="mb-2 text-2xl font-semibold">
          {playground.captures}
        </h2>
        <CaptureViewer sample={initial.capture ?? DEFAULT_CAPTURE} onSampleChange={onCapture} locale={locale} {...parts.captureViewer} />
      </section>
    </div>
    </LiveControls>
    </SimulatorLocale>
  );
}

/** The copy-link button and what it says: its state changes re-render only this bar. */
function CopyLinkBar({ shareableUrl, locale }: { shareableUrl: () => Promise<string>; locale: Locale }) {
  const playground = playgroundWords(locale);
  const [copied, setCopied] = useState<string | null>(null);

  const copyLink = async () => {
    const url = await shareableUrl();
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Shown whether or not the clipboard took it: the address bar has it too.
    }
    setCopied(url);
  };

  return (
    <div className="flex flex-wrap items-center gap-3 rounded-xl border border-border bg-bg-elevated p-3">
      <Button onClick={copyLink}>{playground.copy}</Button>
      <p className="min-w-0 flex-1 text-sm text-fg-muted" role="status">
        {copied ? (
          <>
            {playground.copied}
            <span className="break-all font-mono text-xs text-fg">{copied}</span>
          </>
        ) : (
          playground.linkKeeps
        )}
      </p>
    </div>
  );
}

interface ChallengesProps {
  challenges: PlaygroundChallenge[];
  /** The challenge named by the link. */
  initial: string | null;
  onChange: (id: string | null) => void;
  parts: SimulatorPartSurroundings;
  locale: Locale;
}

/** The challenge list and the open challenge: choosing one re-renders this section only. */
function Challenges({ challenges, initial, onChange, parts, locale }: ChallengesProps) {
  const [challenge, setChallenge] = useState<string | null>(initial);
  const choose = (id: string | null) => {
    setChallenge(id);
    onChange(id);
  };
  return (
    <>
      <ChallengeList challenges={challenges} open={challenge} onChoose={choose} locale={locale} />
      {/* Named by the link or opened by the reader: it loads at once, wherever it is on the page. */}
      {challenge ? <SimulatorChallenge key={challenge} id={challenge} locale={locale} {...parts.challenge} eager /> : null}
    </>
  );
}

/**
 * The list with a "completed" badge on each challenge the learner has solved, asked of the server
 * after hydration and again whenever a challenge is opened or closed. The answer re-renders the
 * list alone, not a challenge still waiting for its code.
 */
function ChallengeList({ challenges, open, onChoose, locale }: { challenges: PlaygroundChallenge[]; open: string | null; onChoose: (id: string | null) => void; locale: Locale }) {
  const playground = playgroundWords(locale);
  const [completed, setCompleted] = useState<Record<string, string>>({});

  useEffect(() => {
    void challengeStatusAction({ ids: challenges.map((item) => item.id) }, locale).then((result) => {
      if (result.ok) setCompleted(result.status.completed);
    });
  }, [open, challenges, locale]);

  return (
    <ul className="grid gap-2 sm:grid-cols-2">
      {challenges.map((item) => (
        <li key={item.id} className={cn("rounded-lg border p-3", open === item.id ? "border-accent bg-accent-soft" : "border-border bg-bg-elevated")}>
          <div className="flex items-start justify-between gap-2">
            <p className="font-semibold">{item.title}</p>
            {completed[item.id] ? <Badge tone="success">{playground.completed}</Badge> : null}
          </div>
          <p className="mt-1 text-sm text-fg-muted">{item.summary}</p>
          <Button
            size="sm"
            variant={open === item.id ? "primary" : "secondary"}
            className="mt-2"
            aria-pressed={open === item.id}
            onClick={() => onChoose(open === item.id ? null : item.id)}
          >
            {open === item.id ? playground.close : playground.try} <span className="sr-only">{playground.challengeName(item.title)}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
