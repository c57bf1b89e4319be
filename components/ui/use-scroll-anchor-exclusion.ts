"use client";

import { useLayoutEffect, type RefObject } from "react";

/**
 * Keeps the reader's place while a component grows when its content arrives (a quiz's
 * questions, a capture being read). Browsers with scroll anchoring hold still an element in
 * view; if that element belongs to the growing component it does not move and everything
 * below it jumps down. Excluding the component from anchor selection while it loads makes the
 * browser anchor on what follows it instead. The exclusion lasts two frames past loading, so
 * the growth itself is laid out while it still holds.
 */
export function useScrollAnchorExclusion(ref: RefObject<HTMLElement | null>, loading: boolean) {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (loading) {
      element.style.overflowAnchor = "none";
      return;
    }
    if (element.style.overflowAnchor !== "none") return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        element.style.overflowAnchor = "";
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [ref, loading]);
}
