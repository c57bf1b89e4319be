"use client";

import { IntentLink } from "../ui/intent-link";
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";

const EDGE = 8;

/**
 * A glossary link with its definition as an accessible description (announced by screen
 * readers) and a tooltip that opens on hover and on keyboard focus, stays open while the pointer
 * is over it, and closes with Escape (WCAG 1.4.13).
 */
export function TermLink({ href, definition, termId, children }: { href: string; definition: string; termId: string; children: ReactNode }) {
  const tooltipId = useId();
  const [open, setOpen] = useState(false);
  const [shift, setShift] = useState(0);
  const tooltip = useRef<HTMLSpanElement>(null);

  const close = () => {
    setOpen(false);
    setShift(0);
  };

  // Keep the tooltip inside the window on narrow screens (measured unshifted, once per opening).
  useLayoutEffect(() => {
    if (!open || !tooltip.current) return;
    const rect = tooltip.current.getBoundingClientRect();
    const overflow = rect.right - (window.innerWidth - EDGE);
    if (overflow > 0) setShift(Math.max(0, Math.min(overflow, rect.left - EDGE)));
  }, [open]);

  return (
    <span className="relative inline" onMouseEnter={() => setOpen(true)} onMouseLeave={close}>
      <IntentLink
        href={href}
        aria-describedby={tooltipId}
        data-term={termId}
        className="term-link"
        style={{ textDecorationStyle: "dotted" }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={(event) => {
          if (event.key === "Escape" && open) {
            event.preventDefault();
            close();
          }
        }}
      >
        {children}
      </IntentLink>
      <span
        ref={tooltip}
        id={tooltipId}
        role="tooltip"
        hidden={!open}
        style={shift ? { transform: `translateX(-${shift}px)` } : undefined}
        className="absolute left-0 top-full z-20 mt-1 w-max max-w-[min(22rem,calc(100vw-1rem))] rounded-lg border border-border bg-bg-elevated px-3 py-2 text-left text-sm font-normal leading-snug text-fg shadow-lg"
      >
        {definition}
      </span>
    </span>
  );
}
