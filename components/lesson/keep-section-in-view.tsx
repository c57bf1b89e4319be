"use client";

import { useEffect } from "react";

/** How long after arrival late layout changes may still move the section. */
const SETTLE_MS = 4000;
/** The reader moving the page themselves ends the realigning. */
const READER_EVENTS = ["wheel", "touchstart", "keydown", "pointerdown"] as const;

/**
 * Keeps the section named in the address (`#…`) at the top of the window while the page is
 * still settling (./realign-section.ts). Only a page opened at a section needs that code, so it
 * is fetched then; the reader's own scrolling and the settling time count from arrival.
 */
export function KeepSectionInView() {
  useEffect(() => {
    if (!window.location.hash) return;
    const settling = new AbortController();
    const stop = () => settling.abort();
    for (const event of READER_EVENTS) window.addEventListener(event, stop, { passive: true, signal: settling.signal });
    const timer = setTimeout(stop, SETTLE_MS);
    settling.signal.addEventListener("abort", () => clearTimeout(timer));
    void import("./realign-section").then(({ realignSection }) => realignSection(settling.signal), stop);
    return stop;
  }, []);
  return null;
}
