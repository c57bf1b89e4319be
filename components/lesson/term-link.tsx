import { useId, type ReactNode } from "react";
import { IntentLink } from "../ui/intent-link";

/**
 * A glossary link with its definition as an accessible description (announced by screen
 * readers) and a tooltip that opens on hover and on keyboard focus, stays open while the pointer
 * is over it, and closes with Escape (WCAG 1.4.13). Server HTML: CSS shows the tooltip (the
 * `term` rules in app/globals.css), so it costs the page no component code; `TermTips`
 * (./term-tips.tsx, once per lesson body) adds Escape and keeps it inside the window.
 */
export function TermLink({ href, definition, termId, children }: { href: string; definition: string; termId: string; children: ReactNode }) {
  const tooltipId = useId();
  return (
    <span className="term relative inline">
      <IntentLink href={href} aria-describedby={tooltipId} data-term={termId} style={{ textDecorationStyle: "dotted" }}>
        {children}
      </IntentLink>
      <span
        id={tooltipId}
        role="tooltip"
        className="term-tip absolute left-0 top-full z-20 mt-1 w-max max-w-[min(22rem,calc(100vw-1rem))] rounded-lg border border-border bg-bg-elevated px-3 py-2 text-left text-sm font-normal leading-snug text-fg shadow-lg"
      >
        {definition}
      </span>
    </span>
  );
}
