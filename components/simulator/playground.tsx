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
import type { Locale } from "@/lib/i18n/paths";
import { playgroundWords } from "@/lib/i18n/words/playground";
import type { SimulatorSnapshot } from "./handshake-simulator";
import { CaptureViewer, HandshakeSimulator, SimulatorChallenge, SynBacklogLab, TimeWaitLab } from "./lazy";
import { SimulatorLocale } from "./locale";

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
 * near or uses them (ADR 0950), like a lesson's parts; the props they get never change after the
 * page has hydrated, so a part still waiting keeps the server's HTML.
 */
export function Playground({ initial, refused, challenges, parts, locale = "en" }: PlaygroundProps) {
  const playground = playgroundWords(locale);
  const state = useRef<PlaygroundState>(initial);
  const [challenge, setChallenge] = useState<string | null>(initial.challenge);
  const [completed, setCompleted] = useState<Record<string, string>>({});
  const [copied, setCopied] = useState<string | null>(null);
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

  useEffect(() => {
    void challengeStatusAction({ ids: challenges.map((item) => item.id) }).then((status) => setCompleted(status.completed));
  }, [challenge, challenges]);

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
  const chooseChallenge = (id: string | null) => {
    setChallenge(id);
    update({ challenge: id });
  };

  const copyLink = async () => {
    const { encodePlayground } = await loadUrlCodec();
    const search = encodePlayground(state.current);
    const url = `${window.location.origin}${window.location.pathname}${search ? `?${search}` : ""}`;
    replaceAddress(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(url);
    } catch {
      setCopied(url);
    }
  };

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
        <ul className="grid gap-2 sm:grid-cols-2">
          {challenges.map((item) => {
            return (
            <li key={item.id} className={cn("rounded-lg border p-3", challenge === item.id ? "border-accent bg-accent-soft" : "border-border bg-bg-elevated")}>
              <div className="flex items-start justify-between gap-2">
                <p className="font-semibold">{item.title}</p>
                {completed[item.id] ? <Badge tone="success">{playground.completed}</Badge> : null}
              </div>
              <p className="mt-1 text-sm text-fg-muted">{item.summary}</p>
              <Button
                size="sm"
                variant={challenge === item.id ? "primary" : "secondary"}
                className="mt-2"
                aria-pressed={challenge === item.id}
                onClick={() => chooseChallenge(challenge === item.id ? null : item.id)}
              >
                {challenge === item.id ? playground.close : playground.try} <span className="sr-only">{playground.challengeName(item.title)}</span>
              </Button>
            </li>
            );
          })}
        </ul>
        {/* Named by the link or opened by the reader: it loads at once, wherever it is on the page. */}
        {challenge ? <SimulatorChallenge key={challenge} id={challenge} locale={locale} {...parts.challenge} eager /> : null}
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
