import type { Misconception } from "@/domain/quiz/misconceptions";
import { RichText } from "../quiz/rich-text";

/** Misconceptions a wrong answer points to: a human title and the one line that corrects it. */
export function MisconceptionList({ items }: { items: ReadonlyArray<Misconception & { tag: string }> }) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-1 grid gap-1">
      {items.map((m) => (
        <li key={m.tag}>
          <span className="text-fg-muted">Misconception: </span>
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
