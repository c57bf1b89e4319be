"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Locale } from "@/domain/locale";
import { localePath } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { cn } from "../ui/cn";

/** A class's sections as tabs, in the page's language; the Chinese tabs lead to the /zh pages. */
export function ClassNav({ classId, lms = false, locale }: { classId: string; lms?: boolean; locale: Locale }) {
  const pathname = usePathname();
  const words = instructorWords(locale).shell.nav;
  const base = localePath(locale, `/instructor/classes/${classId}`);
  const tabs = [
    { href: base, label: words.class, match: (p: string) => p === base || p.startsWith(`${base}/assignments`) },
    { href: `${base}/gradebook`, label: words.gradebook, match: (p: string) => p.startsWith(`${base}/gradebook`) || p.startsWith(`${base}/students`) },
    { href: `${base}/analytics`, label: words.analytics, match: (p: string) => p.startsWith(`${base}/analytics`) },
    { href: `${base}/learning`, label: words.learning, match: (p: string) => p.startsWith(`${base}/learning`) },
    // Classes that come from an LMS course (LTI): roster and grade sync.
    ...(lms ? [{ href: `${base}/lti`, label: words.lms, match: (p: string) => p.startsWith(`${base}/lti`) }] : []),
  ];
  return (
    <nav aria-label={words.label} className="mt-6 border-b border-border">
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
