import type { ReactNode } from "react";

/**
 * The box a lesson diagram scrolls sideways in when the screen is narrower than the drawing. It
 * takes keyboard focus (arrow keys then scroll it; axe "scrollable-region-focusable") and is a
 * named region, so a screen reader says what the stop is; the focus ring is the site's own
 * (:focus-visible in app/globals.css).
 */
export function DiagramScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-xl border border-border bg-bg-elevated p-3">
      {children}
    </div>
  );
}
