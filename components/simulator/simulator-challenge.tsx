"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { challengeStatusAction, submitChallengeAction } from "@/lib/challenges/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LiveControls } from "@/components/ui/live-controls";
import { challengeText, getChallenge } from "@/domain/challenges";
import { presetText } from "@/domain/simulator/presets";
import type { Action } from "@/domain/tcp";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { forgetChallenges, saveChallenge } from "@/components/progress/local-challenges";
import { hasPendingProgress, mergeLocalProgress } from "@/components/progress/merge-client";
import { HandshakeSimulator, type SimulatorSnapshot } from "./handshake-simulator";
import { SimulatorLocale, useViewLocale } from "./locale";
import type { Locale } from "@/domain/locale";

/** A refused log's issues: the action sends one per `fieldErrors` entry. */
const issues = (result: { fieldErrors?: Record<string, string | undefined> }): string[] => Object.values(result.fieldErrors ?? {}).filter((issue): issue is string => Boolean(issue));

function formatDate(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/**
 * A goal to reach with the simulator. The learner's action log goes to the server, which
 * replays it with the same engine; only that verdict counts (and is stored for signed-in
 * learners).
 */
export interface SimulatorChallengeProps {
  /** The challenge's id (see docs/simulators.md). */
  id: string;
  /** Height of the sequence diagram (px). */
  height?: number;
  /**
   * The lesson's language: the challenge's texts, the interface and the server's feedback come
   * in it (the verdict and what is stored do not depend on it).
   */
  locale?: Locale;
}

export function SimulatorChallenge({ id, height = 340, locale: localeProp }: SimulatorChallengeProps) {
  const locale = useViewLocale(localeProp);
  const words = simulatorWords(locale);
  const challenge = getChallenge(id);
  const [log, setLog] = useState<readonly Action[]>([]);
  const [result, setResult] = useState<Awaited<ReturnType<typeof submitChallengeAction>> | null>(null);
  const [completedAt, setCompletedAt] = useState<string | null>(null);
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [showHint, setShowHint] = useState(false);
  // Plain state, not a transition: a visitor's first check sets the visitor cookie, after which
  // Next.js refreshes the route, and a transition would stay pending (the button stuck on
  // "Checking…") until that refresh ends, which on a prerendered page it never does.
  const [checking, setChecking] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  // Completion status for signed-in learners. A visitor's earlier success still in this browser
  // (sign-in outside the forms, e.g. OAuth) is merged like the rest of their progress first.
  useEffect(() => {
    let cancelled = false;
    void challengeStatusAction({ ids: [id] }, locale).then(async (first) => {
      if (!first.ok) return;
      const answer = first.status.signedIn && !first.status.completed[id] && hasPendingProgress() && (await mergeLocalProgress()) ? await challengeStatusAction({ ids: [id] }, locale) : first;
      if (cancelled || !answer.ok) return;
      const { status } = answer;
      setSignedIn(status.signedIn);
      const done = status.completed[id];
      if (done) {
        setCompletedAt(done);
        forgetChallenges([id]);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [id, locale]);

  const onChange = useCallback((snapshot: SimulatorSnapshot) => setLog(snapshot.actions), []);

  if (challenge === null) {
    return <Alert tone="danger">{words.noChallenge(id)}</Alert>;
  }
  const text = challengeText(challenge, locale);

  const check = async () => {
    setChecking(true);
    try {
      const response = await submitChallengeAction({ challengeId: id, log }, locale);
      setResult(response);
      if (response.ok && response.challenge.reached) {
        const { challenge: checked } = response;
        if (checked.completedAt) setCompletedAt(checked.completedAt);
        if (checked.stored === "signed-out") {
          saveChallenge({ challengeId: id, log: [...log], receipt: checked.receipt, verifiedAt: new Date().toISOString() });
        }
      }
      resultRef.current?.focus();
    } finally {
      setChecking(false);
    }
  };

  return (
    <SimulatorLocale value={locale}>
    <section aria-label={words.challengeRegion(text.title)} className="not-prose my-8 rounded-xl border-2 border-accent/40 bg-bg p-3 sm:p-4">
      <LiveControls>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-accent">{words.challenge}</p>
          <p className="text-lg font-semibold">{text.title}</p>
        </div>
        {completedAt ? <Badge tone="success">{words.completed(formatDate(completedAt, words.dateLocale))}</Badge> : null}
      </div>
      <p className="mt-1 text-sm">{text.instructions}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button size="sm" variant="ghost" aria-expanded={showHint} onClick={() => setShowHint((value) => !value)}>
          {showHint ? words.hideHint : words.showHint}
        </Button>
        {showHint ? <p className="text-sm text-fg-muted">{text.hint}</p> : null}
      </div>
      <HandshakeSimulator
        preset={challenge.preset}
        profile={challenge.settings?.profile}
        latencyMs={challenge.settings?.latencyMs}
        seed={challenge.settings?.seed}
        controls="actions"
        presetPicker={false}
        allowedActions={challenge.allowed}
        height={height}
        title={words.startingPoint(presetText(challenge.preset, locale).title)}
        onChange={onChange}
        locale={locale}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={check} disabled={checking}>
          {checking ? words.checking : words.check}
        </Button>
        <span className="text-sm text-fg-muted">
          {log.length === 0 ? words.noActions : words.actionCount(log.length)}
          {words.serverReplays}
        </span>
      </div>
      <div ref={resultRef} tabIndex={-1} className="mt-3 outline-none" aria-live="polite">
        {result === null ? null : !result.ok ? (
          <Alert tone="danger">
            <strong>{words.notAccepted}</strong>
            {words.sentenceGap}
            {result.message}
            {issues(result).length > 0 ? (
              <ul className="mt-1 list-disc pl-5">
                {issues(result).slice(0, 5).map((issue) => (
                  <li key={issue}>{issue}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : result.challenge.reached ? (
          <Alert tone="success">
            <strong>{words.verified}</strong>
            {words.sentenceGap}
            {result.challenge.feedback}
            {words.sentenceGap}
            {result.challenge.stored === "new"
              ? words.saved
              : result.challenge.stored === "existing"
                ? words.alreadyCompleted
                : signedIn === false
                  ? words.signInToKeep
                  : ""}
          </Alert>
        ) : (
          <Alert tone="warning">
            <strong>{words.notYet}</strong>
            {words.sentenceGap}
            {result.challenge.feedback}
          </Alert>
        )}
      </div>
      </LiveControls>
    </section>
    </SimulatorLocale>
  );
}
