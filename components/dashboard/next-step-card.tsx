import type { NextStep } from "@/lib/dashboard/learner-dashboard.server";
import { ButtonLink } from "../ui/button";
import { Card } from "../ui/card";

function describe(step: Exclude<NextStep, { kind: "done" }>): { text: string; action: string } {
  switch (step.kind) {
    case "resume-lesson":
      return { text: `Carry on reading “${step.title}”.`, action: "Resume lesson" };
    case "start-lesson":
      return { text: `Next up: “${step.title}”.`, action: "Start lesson" };
    case "take-quiz":
      return { text: `You have read “${step.title}”. Pass its quiz to complete the lesson.`, action: "Take the quiz" };
    case "retry-quiz":
      return {
        text: `Your best score on the quiz of “${step.title}” is ${Math.round((step.best ?? 0) * 100)}%, not enough to pass yet. Each try is a new variant.`,
        action: "Retry the quiz",
      };
    case "practise-concept":
      return { text: `${step.label} is your weakest concept (${Math.round(step.score * 100)}%). Practise it with the quiz of “${step.title}”.`, action: `Practise ${step.label.toLowerCase()}` };
  }
}

/** The one recommended thing to do next (lib/dashboard/learner-dashboard.server.ts decides). */
export function NextStepCard({ step }: { step: NextStep }) {
  return (
    <Card>
      <h2 id="next-step-heading" className="font-semibold">
        Next step
      </h2>
      {step.kind === "done" ? (
        <p className="mt-1 text-fg-muted">You have completed every lesson. Well done.</p>
      ) : (
        <>
          <p className="mt-1 text-fg-muted">{describe(step).text}</p>
          <ButtonLink href={step.href} className="mt-4">
            {describe(step).action}
          </ButtonLink>
        </>
      )}
    </Card>
  );
}
