import { SOURCE_ARTICLE } from "@/lib/content/attribution";

export function Attribution() {
  return (
    <p className="rounded-xl border border-border bg-bg-sunken px-4 py-3 text-sm text-fg-muted">
      Translated and adapted from{" "}
      <a href={SOURCE_ARTICLE.url} className="underline underline-offset-2" lang="zh-CN">
        {SOURCE_ARTICLE.title}
      </a>{" "}
      (“{SOURCE_ARTICLE.titleEnglish}”) by {SOURCE_ARTICLE.author}. Corrections to the original are marked in the text.
    </p>
  );
}
