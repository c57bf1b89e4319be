import { IntentLink } from "../ui/intent-link";

/**
 * The lesson's diagnostic box: at the start (server-rendered, the same for everyone) and at the
 * end (components/learning/lesson-diagnostic.tsx, which fills in a learner's results).
 */
export function DiagnosticBox({
  at,
  heading,
  text,
  href,
  open,
  refusal = null,
}: {
  at: "start" | "end";
  heading: string;
  text: string;
  href: string;
  open: string;
  /** At the end: why the learner's results could not be read (an ended session, …). */
  refusal?: string | null;
}) {
  return (
    <aside aria-labelledby={`diagnostic-${at}-heading`} className="mb-8 rounded-xl border border-border bg-bg-elevated px-5 py-4 text-sm">
      <h2 id={`diagnostic-${at}-heading`} className="font-semibold">
        {heading}
      </h2>
      <p className="mt-1 text-fg-muted">{text}</p>
      {at === "end" ? (
        <div role="status">
          {refusal ? <p className="mt-1 text-danger">{refusal}</p> : null}
        </div>
      ) : null}
      <IntentLink href={href} className="mt-2 inline-block font-medium text-accent underline underline-offset-2">
        {open}
      </IntentLink>
    </aside>
  );
}
