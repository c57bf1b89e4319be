"use client";

import { useEffect } from "react";

/** How long after arrival late layout changes may still move the section. */
const SETTLE_MS = 4000;

/**
 * Keeps the section named in the address (`#…`) at the top of the window while the page is
 * still settling. Simulators and the capture viewer load after the browser has scrolled to the
 * section and push it down as they appear; this scrolls back after each such change, until the
 * reader scrolls, types or clicks themselves, or the page has settled.
 */
export function KeepSectionInView() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    // Where the browser put the section: its scroll margin below the top of the window.
    const wanted = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    const realign = () => {
      if (Math.abs(target.getBoundingClientRect().top - wanted) > 2) target.scrollIntoView({ block: "start" });
    };
    const observer = new ResizeObserver(realign);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      for (const event of ["wheel", "touchstart", "keydown", "pointerdown"] as const) window.removeEventListener(event, stop);
    };
    observer.observe(document.body);
    const timer = setTimeout(stop, SETTLE_MS);
    for (const event of ["wheel", "touchstart", "keydown", "pointerdown"] as const) window.addEventListener(event, stop, { passive: true });
    return stop;
  }, []);
  return null;
}
