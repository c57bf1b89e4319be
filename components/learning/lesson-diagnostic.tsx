"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { diagnosticStatusAction } from "@/lib/learning/diagnostic-actions";
import { useSession } from "@/lib/auth/browser-session";
import type { DiagnosticStatusView } from "@/lib/learning/views";
import { localePath } from "@/lib/i18n/paths";
import { lessonDiagnosticWords } from "@/lib/i18n/words/lesson-diagnostic";
import type { Locale } from "@/domain/locale";

const percent = (score: number, max: number) => `${Math.round((score / Math.max(1, max)) * 100)}%`;

/**
 * The lesson's diagnostic where the lesson starts (`at="start"`: an invitation to check what one
 * knows first) and where it ends (`at="end"`: take it again, or one's before and after). Lesson
 * pages are static: the start is the same for everyone (nothing moves the text below it); the
 * end fills in the signed-in learner's own results once they arrive, or says why they cannot.
 */
export function LessonDiagnostic({ slug, locale, questions, at }: { slug: string; locale: Locale; questions: number; at: "start" | "end" }) {
  const words = lessonDiagnosticWords(locale);
  const { status } = useSession();
  const [result, setResult] = useState<DiagnosticStatusView | null>(null);
  /** Why the learner's results could not be read (an ended session, …), in the page's language. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const href = localePath(locale, `/diagnostic/${slug}`);

  useEffect(() => {
    if (at !== "end" || status !== "authenticated") return;
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
  }, [at, status, slug, locale]);

  let text: string;
  if (at === "start") text = words.pre(questions);
  else if (result?.post.state === "done" && result.post.score !== null) {
    text = words.postDone(result.pre.score === null ? "—" : percent(result.pre.score, result.pre.maxScore), percent(result.post.score, result.post.maxScore));
  } else text = words.post;

  return (
    <aside aria-labelledby={`diagnostic-${at}-heading`} className="mb-8 rounded-xl border border-border bg-bg-elevated px-5 py-4 text-sm">
      <h2 id={`diagnostic-${at}-heading`} className="font-semibold">
        {words.heading}
      </h2>
      <p className="mt-1 text-fg-muted">{text}</p>
      {at === "end" ? (
        <div role="status">
          {refusal ? <p className="mt-1 text-danger">{refusal}</p> : null}
        </div>
      ) : null}
      <Link href={href} className="mt-2 inline-block font-medium text-accent underline underline-offset-2">
        {words.open}
      </Link>
    </aside>
  );
}
