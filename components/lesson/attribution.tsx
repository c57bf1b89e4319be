import { SOURCE_ARTICLE } from "@/lib/content/attribution";
import { dictionary } from "@/lib/i18n/dictionary";
import type { Locale } from "@/domain/locale";

/** Credits the source article, with its link, at the end of every lesson in every language. */
export function Attribution({ locale = "en" }: { locale?: Locale }) {
  const words = dictionary(locale).attribution;
  const gloss = words.titleGloss(SOURCE_ARTICLE.titleEnglish);
  return (
    <p className="rounded-xl border border-border bg-bg-sunken px-4 py-3 text-sm text-fg-muted" data-attribution>
      {words.before}
      {words.quoteOpen}
      <a href={SOURCE_ARTICLE.url} className="underline underline-offset-2" lang="zh-CN">
        {SOURCE_ARTICLE.title}
      </a>
      {words.quoteClose}
      {gloss}
      {words.after(SOURCE_ARTICLE.author)}
    </p>
  );
}
