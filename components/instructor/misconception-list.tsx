import type { Locale } from "@/domain/locale";
import type { Misconception } from "@/domain/quiz/misconceptions";
import { gradebookWords } from "@/lib/i18n/words/gradebook";
import { RichText } from "../quiz/rich-text";

/** Misconceptions a wrong answer points to: a human title and the one line that corrects it. */
export function MisconceptionList({ items, locale = "en" }: { items: ReadonlyArray<Misconception & { tag: string }>; locale?: Locale }) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-1 grid gap-1">
      {items.map((m) => (
        <li key={m.tag}>
          <span className="text-fg-muted">{gradebookWords(locale).misconception}</span>
          <span className="font-medium">
            <RichText text={m.title} />
          </span>
          {m.explanation ? (
            <span className="block text-fg-muted">
              <RichText text={m.explanation} />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
