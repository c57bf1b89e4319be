import type { TocEntry } from "@/lib/content/toc";
import { cn } from "../ui/cn";

export function TableOfContents({ entries, title = "On this page" }: { entries: TocEntry[]; title?: string }) {
  if (entries.length === 0) return null;
  return (
    <nav aria-label={title} className="text-sm">
      <p className="mb-3 font-semibold">{title}</p>
      <ol className="space-y-2 border-l border-border">
        {entries.map((entry) => (
          <li key={entry.id} className={cn(entry.depth === 3 ? "pl-6" : "pl-3")}>
            <a href={`#${entry.id}`} className="text-fg-muted hover:text-fg">
              {entry.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
