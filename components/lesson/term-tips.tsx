"use client";

import { useEffect } from "react";

const EDGE = 8;

/** The term under the event, if any (./term-link.tsx). */
const termOf = (event: Event) => (event.target instanceof Element ? event.target.closest<HTMLElement>(".term") : null);

/**
 * What CSS cannot do for the glossary terms' tooltips (./term-link.tsx), for every term on the
 * page at once: Escape closes the open ones until the pointer or focus comes back, and a tooltip
 * opening near the window's right edge moves left to stay inside it (narrow screens).
 */
export function TermTips() {
  useEffect(() => {
    function open(event: Event) {
      const term = termOf(event);
      const tooltip = term?.querySelector<HTMLElement>(".term-tip");
      if (!term || !tooltip) return;
      delete term.dataset.dismissed;
      // Measured unshifted, once per opening.
      tooltip.style.transform = "";
      const rect = tooltip.getBoundingClientRect();
      // The layout viewport's width: on a phone, window.innerWidth grows with whatever overflows it.
      const overflow = rect.right - (document.documentElement.clientWidth - EDGE);
      if (overflow > 0) tooltip.style.transform = `translateX(-${Math.max(0, Math.min(overflow, rect.left - EDGE))}px)`;
    }
    function close(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      for (const term of document.querySelectorAll<HTMLElement>(".term:hover, .term:focus-within")) {
        if (term.dataset.dismissed === undefined) event.preventDefault();
        term.dataset.dismissed = "";
      }
    }
    const listeners = [
      ["pointerover", open],
      ["focusin", open],
      ["keydown", close],
    ] as const;
    for (const [type, listener] of listeners) document.addEventListener(type, listener as EventListener);
    return () => {
      for (const [type, listener] of listeners) document.removeEventListener(type, listener as EventListener);
    };
  }, []);
  return null;
}
