import Link from "next/link";
import { parseGlossaryText, tokenText } from "@/lib/i18n/glossary-text";
import { glossaryPath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";

/** A glossary definition with its code, cross-links and engine numbers rendered. */
export function GlossaryText({ text, locale }: { text: string; locale: Locale }) {
  return (
    <>
      {parseGlossaryText(text).map((token, index) => {
        const content = tokenText(token, locale);
        switch (token.type) {
          case "code":
            return <code key={index}>{content}</code>;
          case "link":
            return (
              <Link key={index} href={glossaryPath(locale, token.id)}>
                {content}
              </Link>
            );
          case "fact":
            return (
              <span key={index} data-fact={token.name} className="whitespace-nowrap">
                {content}
              </span>
            );
          default:
            return content;
        }
      })}
    </>
  );
}
