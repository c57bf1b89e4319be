import Link from "next/link";
import { SOURCE_ARTICLE } from "@/lib/content/attribution";

export function SiteFooter() {
  return (
    <footer className="mt-24 border-t border-border">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-fg-muted sm:flex-row sm:justify-between">
        <p>
          Lessons translated and adapted from{" "}
          <a href={SOURCE_ARTICLE.url} className="underline underline-offset-2" lang="zh-CN">
            {SOURCE_ARTICLE.title}
          </a>{" "}
          by {SOURCE_ARTICLE.author}, corrected for RFC 9293 and current Linux.
        </p>
        <Link href="/about" className="underline underline-offset-2">
          About this course
        </Link>
      </div>
    </footer>
  );
}
