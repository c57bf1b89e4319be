/**
 * Simulators and the capture viewer load after the browser has scrolled to the section named in
 * the address and push it down as they appear: this scrolls back after each such change until
 * `settling` ends (components/lesson/keep-section-in-view.tsx).
 */
export function realignSection(settling: AbortSignal): void {
  if (settling.aborted) return;
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target) return;
  // Where the browser put the section: its scroll margin below the top of the window.
  const wanted = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const observer = new ResizeObserver(() => {
    if (Math.abs(target.getBoundingClientRect().top - wanted) > 2) target.scrollIntoView({ block: "start" });
  });
  observer.observe(document.body);
  settling.addEventListener("abort", () => observer.disconnect());
}
