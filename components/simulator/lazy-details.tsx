"use client";

import { useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A disclosure whose content is rendered only while it is open (long lists cost nothing closed). */
export function LazyDetails({ summary, children, className }: { summary: string; children: () => ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={cn("text-sm", className)} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-fg-muted">{summary}</summary>
      {open ? children() : null}
    </details>
  );
}
