"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { captureValuesAction, reissueCaptureValuesAction } from "@/lib/capture-challenges/actions";
import { captureCommands, getCaptureChallengeInfo, type CaptureValues, type OperatingSystem } from "@/domain/capture-challenges";
import type { UploadResponse } from "@/domain/capture-challenges/upload-response";
import { captureChallengeWords } from "@/lib/i18n/words/capture-challenges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CaptureVerdictView } from "./capture-verdict";
import { CommandBlock } from "./command-block";
import type { Locale } from "@/domain/locale";

const MAX_MB = 5;

/**
 * The interactive part of a capture challenge: the learner's values, the commands with those
 * values for Linux or macOS, and the upload whose verdict the server explains.
 */
export function CaptureWorkspace({
  challengeId,
  locale,
  initialValues,
  signedIn,
  signInHref,
}: {
  challengeId: string;
  locale: Locale;
  initialValues: CaptureValues | null;
  signedIn: boolean;
  signInHref: string;
}) {
  const words = captureChallengeWords(locale);
  const info = getCaptureChallengeInfo(challengeId)!;
  const [values, setValues] = useState<CaptureValues | null>(initialValues);
  const [valuesState, setValuesState] = useState<"ready" | "loading" | "failed">(initialValues ? "ready" : "loading");
  const [reissued, setReissued] = useState(false);
  /** Why values could not be loaded or issued again, as the server explained it. */
  const [refusal, setRefusal] = useState<{ message?: string; sessionEnded?: boolean } | null>(null);
  const [system, setSystem] = useState<OperatingSystem>("linux");

  useEffect(() => {
    if (initialValues) return;
    let live = true;
    captureValuesAction({ challengeId }, locale)
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          setValues(result.captureValues);
          setValuesState("ready");
        } else {
          setRefusal(result);
          setValuesState("failed");
        }
      })
      .catch(() => live && setValuesState("failed"));
    return () => {
      live = false;
    };
  }, [challengeId, initialValues, locale]);

  async function reissue() {
    const result = await reissueCaptureValuesAction({ challengeId }, locale).catch(() => ({ ok: false as const, message: words.valuesFailed }));
    setReissued(result.ok);
    if (result.ok) {
      setValues(result.captureValues);
      setRefusal(null);
    } else setRefusal(result);
  }

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="goal-heading">
        <h2 id="goal-heading" className="text-xl font-semibold">
          {words.yourGoal}
        </h2>
        {values ? (
          <>
            <p className="mt-3 text-lg" data-testid="capture-goal">
              {info.goal(values)[locale]}
            </p>
            <dl className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-3" aria-label={words.yourValues}>
              {info.uses.includes("serverPort") ? <Value label={words.serverPort} value={String(values.serverPort)} /> : null}
              {info.uses.includes("clientPort") ? <Value label={words.clientPort} value={String(values.clientPort)} /> : null}
              {info.uses.includes("token") ? <Value label={words.token} value={values.token} /> : null}
            </dl>
            <p className="mt-3 text-sm text-fg-muted">{words.valuesNote}</p>
            {signedIn ? (
              <div className="mt-3 flex flex-wrap items-center gap-3">
                <Button variant="secondary" size="sm" onClick={reissue}>
                  {words.newValues}
                </Button>
                <span className="text-sm text-fg-muted">{words.newValuesHint}</span>
              </div>
            ) : null}
            {reissued ? (
              <Alert tone="info" className="mt-3">
                {words.newValuesDone}
              </Alert>
            ) : null}
            {refusal ? <RefusalNotice refusal={refusal} fallback={words.valuesFailed} signIn={words.signIn} signInHref={signInHref} /> : null}
          </>
        ) : (
          <p className="mt-3" role="status">
            {valuesState === "failed" ? (refusal?.message ?? words.valuesFailed) : words.valuesLoading}
          </p>
        )}
        {!signedIn ? (
          <Alert tone="warning" className="mt-4">
            {words.signedOutNote}{" "}
            <a href={signInHref} className="font-medium underline">
              {words.signIn}
            </a>
          </Alert>
        ) : null}
      </section>

      {values ? (
        <section aria-labelledby="commands-heading">
          <h2 id="commands-heading" className="text-xl font-semibold">
            {words.commands}
          </h2>
          <p className="mt-2 text-fg-muted">{words.commandsIntro}</p>
          <SystemChoice locale={locale} system={system} onChange={setSystem} />
          <ol className="mt-4 flex flex-col gap-4">
            {captureCommands(challengeId, values, system).map((step, index) => (
              <li key={`${system}-${index}`}>
                <CommandBlock step={step} number={index + 1} locale={locale} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <UploadForm challengeId={challengeId} locale={locale} signedIn={signedIn} />
    </div>
  );
}

/** The server's refusal; an ended session links to sign in again (the values shown stay). */
function RefusalNotice({ refusal, fallback, signIn, signInHref }: { refusal: { message?: string; sessionEnded?: boolean }; fallback: string; signIn: string; signInHref: string }) {
  return (
    <Alert tone="danger" className="mt-3">
      {refusal.message ?? fallback}
      {refusal.sessionEnded ? (
        <>
          {" "}
          <a href={signInHref} className="font-medium underline">
            {signIn}
          </a>
        </>
      ) : null}
    </Alert>
  );
}

function Value({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-border bg-bg-sunken px-3 py-2">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="font-mono text-lg break-all">{value}</dd>
    </div>
  );
}

function SystemChoice({ locale, system, onChange }: { locale: Locale; system: OperatingSystem; onChange: (system: OperatingSystem) => void }) {
  const words = captureChallengeWords(locale);
  const hydrated = useHydrated();
  const name = useId();
  return (
    <fieldset className="mt-4 flex flex-wrap items-center gap-4">
      <legend className="sr-only">{words.system}</legend>
      <span aria-hidden="true" className="text-sm font-medium">
        {words.system}
      </span>
      {(["linux", "macos"] as const).map((option) => (
        <label key={option} className="inline-flex min-h-11 items-center gap-2 text-[0.95rem]">
          <input type="radio" name={name} value={option} checked={system === option} disabled={!hydrated} onChange={() => onChange(option)} />
          {words[option]}
        </label>
      ))}
    </fieldset>
  );
}

function UploadForm({ challengeId, locale, signedIn }: { challengeId: string; locale: Locale; signedIn: boolean }) {
  const words = captureChallengeWords(locale);
  const router = useRouter();
  const hydrated = useHydrated();
  const fileInput = useRef<HTMLInputElement>(null);
  const [keep, setKeep] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<UploadResponse | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result?.ok) resultHeading.current?.focus();
  }, [result]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setResult(null);
    if (!file) return setProblem(words.chooseFile);
    if (file.size > MAX_MB * 1024 * 1024) return setProblem(words.tooLarge(MAX_MB));
    setProblem(null);
    setBusy(true);
    try {
      const query = new URLSearchParams({ locale, ...(keep ? { keep: "1" } : {}) });
      const response = await fetch(`/api/capture-challenges/${encodeURIComponent(challengeId)}?${query}`, {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body: file,
      });
      const body = (await response.json().catch(() => null)) as UploadResponse | null;
      if (!body) setProblem(words.networkError);
      else if (!body.ok) setProblem(body.message);
      else {
        setResult(body);
        if (body.stored === "new" || body.stored === "existing") router.refresh();
      }
    } catch {
      setProblem(words.networkError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="upload-heading">
      <h2 id="upload-heading" className="text-xl font-semibold">
        {words.upload}
      </h2>
      <p className="mt-2 text-fg-muted">{words.uploadIntro(MAX_MB)}</p>
      <Card className="mt-4">
        <form onSubmit={submit} className="flex flex-col gap-4" aria-busy={busy}>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="capture-file" className="text-sm font-medium">
              {words.file}
            </label>
            <input
              id="capture-file"
              ref={fileInput}
              type="file"
              name="capture"
              accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
              disabled={!hydrated || busy}
              aria-describedby={problem ? "capture-problem" : undefined}
              className="text-[0.95rem] file:mr-3 file:rounded-lg file:border file:border-border file:bg-bg-elevated file:px-3 file:py-2 file:text-fg"
              onChange={() => setProblem(null)}
            />
          </div>
          {signedIn ? (
            <label className="flex items-start gap-2 text-[0.95rem]">
              <input type="checkbox" className="mt-1" checked={keep} disabled={!hydrated || busy} onChange={(event) => setKeep(event.target.checked)} />
              <span>{words.keep}</span>
            </label>
          ) : null}
          <div>
            <Button type="submit" disabled={!hydrated || busy}>
              {busy ? words.checking : words.check}
            </Button>
          </div>
          {problem ? (
            <Alert tone="danger">
              <span id="capture-problem">{problem}</span>
            </Alert>
          ) : null}
          {busy ? <p className="sr-only" role="status">{words.checking}</p> : null}
        </form>
      </Card>
      {result?.ok ? (
        <div className="mt-6">
          <CaptureVerdictView result={result} locale={locale} headingRef={resultHeading} />
        </div>
      ) : null}
    </section>
  );
}
