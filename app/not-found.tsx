import { buttonClass } from "@/components/ui/button-class";
import { IntentLink } from "@/components/ui/intent-link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="font-mono text-sm text-fg-muted">RST</p>
      <h1 className="mt-2 text-3xl font-semibold">Nothing is listening on this page</h1>
      <p className="mt-3 text-fg-muted">The address you followed does not exist (any more).</p>
      <IntentLink className={buttonClass("primary", "md", "mt-8")} href="/course">
        Go to the course
      </IntentLink>
    </div>
  );
}
