"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";

export function ClassNav({ classId, lms = false }: { classId: string; lms?: boolean }) {
  const pathname = usePathname();
  const base = `/instructor/classes/${classId}`;
  const tabs = [
    { href: base, label: "Class", match: (p: string) => p === base || p.startsWith(`${base}/assignments`) },
    { href: `${base}/gradebook`, label: "Gradebook", match: (p: string) => p.startsWith(`${base}/gradebook`) || p.startsWith(`${base}/students`) },
    { href: `${base}/analytics`, label: "Analytics", match: (p: string) => p.startsWith(`${base}/analytics`) },
    { href: `${base}/learning`, label: "Learning gain", match: (p: string) => p.startsWith(`${base}/learning`) },
    // Classes that come from an LMS course (LTI): roster and grade sync.
    ...(lms ? [{ href: `${base}/lti`, label: "LMS", match: (p: string) => p.startsWith(`${base}/lti`) }] : []),
  ];
  return (
    <nav aria-label="Class sections" className="mt-6 border-b border-border">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((tab) => {
          const current = tab.match(pathname);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium",
                  current ? "border-accent text-fg" : "border-transparent text-fg-muted hover:text-fg",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
