"use client";

import { useLayoutEffect, useRef, type RefObject } from "react";

/**
 * Keeps the reader's place while a component grows when its content arrives with the page (a
 * quiz's questions, a capture being read). Browsers with scroll anchoring hold still an element
 * in view; if that element belongs to the growing component it does not move and everything
 * below it jumps down. Excluding the component from anchor selection while it loads makes the
 * browser anchor on what follows it instead. The exclusion lasts two frames past loading, so
 * the growth itself is laid out while it still holds.
 *
 * Only the first load counts: once `loading` has been false, later loads follow the reader's
 * own action (another sample, a new attempt), the reader is looking at the component, and it
 * stays an anchor.
 */
export function useScrollAnchorExclusion(ref: RefObject<HTMLElement | null>, loading: boolean) {
  const settled = useRef(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (settled.current) {
      // A restore still pending when loading started again was cancelled: finish it.
      element.style.overflowAnchor = "";
      return;
    }
    if (loading) {
      element.style.overflowAnchor = "none";
      return;
    }
    settled.current = true;
    if (element.style.overflowAnchor !== "none") return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        element.style.overflowAnchor = "";
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [ref, loading]);
}
