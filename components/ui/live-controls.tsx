"use client";

import type { ReactNode } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * Disables every form control and button inside until the page is hydrated (ADR 0009): until
 * then a click would do nothing and a chosen value would be dropped. It adds no box (display:
 * contents) and no role, so layout and what assistive technology hears are unchanged.
 */
export function LiveControls({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <fieldset role="none" disabled={!hydrated} className="contents">
      {children}
    </fieldset>
  );
}
