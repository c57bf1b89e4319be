"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

/** Phones: below Tailwind's `sm` breakpoint, where the simulator is one column. */
const PHONE = "(max-width: 639.98px)";

/**
 * Whether this simulator's playback controls dock to the bottom of the screen: on a phone, while
 * the simulator crosses the middle of the viewport (so of several simulators on a page only the
 * one being read docks). Docked, Step and what it did stay in reach of the thumb while the ladder
 * is on screen, instead of a screen's height above it.
 */
export function useDockedControls(section: RefObject<HTMLElement | null>): boolean {
  const [docked, setDocked] = useState(false);
  useEffect(() => {
    const element = section.current;
    if (element === null || typeof IntersectionObserver === "undefined") return;
    const phone = window.matchMedia(PHONE);
    let crossing = false;
    const update = () => setDocked(phone.matches && crossing);
    // A band 2 % of the viewport high around its middle line.
    const observer = new IntersectionObserver(
      (entries) => {
        crossing = entries[entries.length - 1]?.isIntersecting ?? false;
        update();
      },
      { rootMargin: "-49% 0px -49% 0px" },
    );
    observer.observe(element);
    phone.addEventListener("change", update);
    return () => {
      observer.disconnect();
      phone.removeEventListener("change", update);
    };
  }, [section]);
  return docked;
}

/** Height of an element's border box, updated on resize (0 until measured). */
export function useElementHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      const next = Math.round(element.getBoundingClientRect().height);
      setHeight((previous) => (previous === next ? previous : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}

/**
 * The ladder's height: as asked, except while the controls are docked on a small phone, where it
 * shrinks (not below 200 px) so that the site header, the whole ladder and the docked controls
 * fit on one screen.
 */
export function useLadderHeight(height: number, docked: boolean, dockHeight: number): number {
  const [viewport, setViewport] = useState<number | null>(null);
  useEffect(() => {
    if (!docked) return;
    const update = () => setViewport(window.innerHeight);
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, [docked]);
  if (!docked || viewport === null) return height;
  // The site header (about 100 px on a phone), the ladder's own header row and some margin.
  const room = viewport - dockHeight - 100 - 56;
  return Math.max(200, Math.min(height, room));
}

/**
 * Scrolls the page so that `ladder` sits between the site's pinned header and the docked
 * controls, as a reader scrolling by hand would place it; does nothing when its top is already
 * on screen with most of it in view (a step that lengthens the narration does not move the page).
 * A keyboard user reaches Step by Tab, which scrolls only Step into view: without this the ladder
 * would sit above the empty slot the controls left in the page, partly under the header.
 * A ladder taller than the room shows its top, where the exchange starts.
 */
export function bringLadderAboveDock(ladder: HTMLElement, dock: HTMLElement): void {
  const header = document.querySelector("header");
  const pinned = header !== null && ["sticky", "fixed"].includes(getComputedStyle(header).position);
  const top = pinned ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  const bottom = dock.getBoundingClientRect().top;
  const box = ladder.getBoundingClientRect();
  // Already placed: its top is on screen with at least half the room (or all of it) below.
  if (box.top >= top && box.top <= bottom - Math.min(box.height, (bottom - top) / 2)) return;
  window.scrollBy(0, Math.min(box.bottom - (bottom - 8), box.top - top));
}

/** True when `element` has focus that the browser shows (keyboard), not a tap's or a click's. */
export function hasVisibleFocus(element: Element | null): boolean {
  return element !== null && element.matches(":focus-visible");
}

/**
 * The simulator's docking on a phone, whole: whether its controls dock, the room they take, the
 * ladder's height beside them, the page's scroll padding while docked (so whatever takes keyboard
 * focus scrolls clear of them), and keyboard focus on the docked controls bringing the ladder
 * into the room above them.
 */
export function useDockedSimulator(height: number) {
  const sectionRef = useRef<HTMLElement>(null);
  const dockRef = useRef<HTMLDivElement>(null);
  const ladderRef = useRef<HTMLDivElement>(null);
  const docked = useDockedControls(sectionRef);
  const dockHeight = useElementHeight(dockRef);
  const ladderHeight = useLadderHeight(height, docked, dockHeight);
  useEffect(() => {
    if (!docked) return;
    const root = document.documentElement;
    root.style.scrollPaddingBottom = `${dockHeight + 8}px`;
    return () => {
      root.style.scrollPaddingBottom = "";
    };
  }, [docked, dockHeight]);
  const keepLadderInView = useCallback(() => {
    const dock = dockRef.current;
    if (dock === null || ladderRef.current === null || !hasVisibleFocus(document.activeElement) || !dock.contains(document.activeElement)) return;
    bringLadderAboveDock(ladderRef.current, dock);
  }, []);
  useEffect(() => {
    // Tab scrolled Step into view before the controls docked (and the ladder shrank): place the ladder now.
    if (docked) keepLadderInView();
  }, [docked, ladderHeight, keepLadderInView]);
  return { sectionRef, dockRef, ladderRef, docked, dockHeight, ladderHeight, keepLadderInView };
}
