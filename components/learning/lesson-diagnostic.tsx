"use client";

import { useEffect, useState } from "react";
import { diagnosticStatusAction } from "@/lib/learning/diagnostic-actions";
import { useSession } from "@/lib/auth/browser-session";
import type { DiagnosticStatusView } from "@/lib/learning/views";
import { localePath } from "@/lib/i18n/paths";
import { lessonDiagnosticWords } from "@/lib/i18n/words/lesson-diagnostic";
import type { Locale } from "@/domain/locale";
import { DiagnosticBox } from "./diagnostic-box";

const percent = (score: number, max: number) => `${Math.round((score / Math.max(1, max)) * 100)}%`;

/**
 * The lesson's diagnostic where the lesson ends: take it again, or one's before and after, filled
 * in for a signed-in learner once their results arrive, or says why they cannot. (Where the
 * lesson starts, the invitation is the same for everyone and rendered on the server:
 * components/lesson/lesson-page.tsx.)
 */
export function LessonDiagnostic({ slug, locale }: { slug: string; locale: Locale }) {
  const words = lessonDiagnosticWords(locale);
  const { status } = useSession();
  const [result, setResult] = useState<DiagnosticStatusView | null>(null);
  /** Why the learner's results could not be read (an ended session, …), in the page's language. */
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (status !== "authenticated") return;
    let cancelled = false;
    diagnosticStatusAction({ slug }, locale)
      .then((reply) => {
        if (cancelled) return;
        // A refusal keeps the text shown so far and says why the results are missing.
        setRefusal(reply.ok ? null : (reply.message ?? null));
        if (reply.ok) setResult(reply.status);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [status, slug, locale]);

  const text =
    result?.post.state === "done" && result.post.score !== null
      ? words.postDone(result.pre.score === null ? "—" : percent(result.pre.score, result.pre.maxScore), percent(result.post.score, result.post.maxScore))
      : words.post;
  return <DiagnosticBox at="end" heading={words.heading} text={text} href={localePath(locale, `/diagnostic/${slug}`)} open={words.open} refusal={refusal} />;
}
