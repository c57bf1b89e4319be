import type { NextStep } from "@/lib/dashboard/learner-dashboard.server";
import { dashboardWords, type DashboardWords } from "@/lib/i18n/words/dashboard";
import { ButtonLink } from "../ui/button-link";
import { Card } from "../ui/card";
import type { Locale } from "@/domain/locale";

function describe(step: Exclude<NextStep, { kind: "done" }>, words: DashboardWords["next"]): { text: string; action: string } {
  switch (step.kind) {
    case "resume-lesson":
      return words.resume(step.title);
    case "start-lesson":
      return words.start(step.title);
    case "take-quiz":
      return words.takeQuiz(step.title);
    case "retry-quiz":
      return words.retryQuiz(step.title, Math.round((step.best ?? 0) * 100));
    case "practise-concept":
      return words.practise(step.label, Math.round(step.score * 100), step.title);
  }
}

/** The one recommended thing to do next (lib/dashboard/learner-dashboard.server.ts decides). */
export function NextStepCard({ step, locale = "en" }: { step: NextStep; locale?: Locale }) {
  const words = dashboardWords(locale).next;
  const described = step.kind === "done" ? null : describe(step, words);
  return (
    <Card>
      <h2 id="next-step-heading" className="font-semibold">
        {words.heading}
      </h2>
      {step.kind === "done" || !described ? (
        <p className="mt-1 text-fg-muted">{words.done}</p>
      ) : (
        <>
          <p className="mt-1 text-fg-muted">{described.text}</p>
          <ButtonLink href={step.href} className="mt-4">
            {described.action}
          </ButtonLink>
        </>
      )}
    </Card>
  );
}
