import { SOURCE_ARTICLE } from "@/lib/content/attribution";
import { chromeWords } from "@/lib/i18n/words/chrome";
import { aboutPath } from "@/lib/i18n/paths";
import { IntentLink } from "../ui/intent-link";
import type { Locale } from "@/domain/locale";

/** The site's footer in one language, rendered on the server (see site-header.tsx). */
export function SiteFooter({ locale }: { locale: Locale }) {
  const words = chromeWords(locale).footer;
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
        <IntentLink href={aboutPath(locale)} className="underline underline-offset-2">
          {words.about}
        </IntentLink>
      </div>
    </footer>
  );
}
