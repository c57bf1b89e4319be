import type { ReactNode } from "react";

/** The original article's wording, shown beside the translation so readers can compare. */
export function Original({ children }: { children: ReactNode }) {
  return (
    <figure className="not-prose my-6 rounded-xl border border-border bg-bg-elevated px-5 py-4">
      <figcaption className="mb-2 text-sm font-medium text-fg-muted">In the original article</figcaption>
      <blockquote lang="zh-CN" className="space-y-2 text-[0.98rem] leading-relaxed">
        {children}
      </blockquote>
    </figure>
  );
}
