import { buttonClass } from "@/components/ui/button-class";
import { IntentLink } from "@/components/ui/intent-link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="font-mono text-sm text-fg-muted">403</p>
      <h1 className="mt-2 text-3xl font-semibold">This area is for instructors</h1>
      <p className="mt-3 text-fg-muted">Your account does not have access to this page.</p>
      <IntentLink className={buttonClass("primary", "md", "mt-8")} href="/dashboard">
        Back to your dashboard
      </IntentLink>
    </div>
  );
}
