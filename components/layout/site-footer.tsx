"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SOURCE_ARTICLE } from "@/lib/content/attribution";
import { chromeWords } from "@/lib/i18n/words/chrome";
import { isLtiPath } from "@/lib/lti/paths";
import { aboutPath } from "@/lib/i18n/paths";
import { useLocale } from "./use-locale";

export function SiteFooter() {
  const locale = useLocale();
  // Pages inside an LMS frame have their own chrome (components/lti/lti-frame.tsx).
  const inLms = isLtiPath(usePathname() ?? "");
  const words = chromeWords(locale).footer;
  if (inLms) return null;
  return (
    <footer className="mt-24 border-t border-border">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-fg-muted sm:flex-row sm:justify-between">
        <p>
          {words.credit}
          {locale === "zh" ? "《" : " "}
          <a href={SOURCE_ARTICLE.url} className="underline underline-offset-2" lang="zh-CN">
            {SOURCE_ARTICLE.title}
          </a>
          {locale === "zh" ? "》" : " "}
          {words.by(SOURCE_ARTICLE.author)}
        </p>
        <Link href={aboutPath(locale)} className="underline underline-offset-2">
          {words.about}
        </Link>
      </div>
    </footer>
  );
}
