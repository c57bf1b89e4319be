import type { ReactNode } from "react";
import type { Locale } from "@/domain/locale";
import { ActionButton, type FormAction } from "./form-bits";

/** The button that takes one entry off a list: what it says, and the name it reads out (with the entry's name). */
export type Removal = { action: FormAction; label: string; accessibleName: string };

/**
 * A list of entries an instructor can take off one by one (an assignment's extensions, its
 * excused students): each row says what the entry is and carries its remove button, or none
 * where the list is read-only (an archived class); an empty list says so instead.
 */
export function RemovableList<T extends { id: string }>({
  items,
  empty,
  removal,
  locale,
  children,
}: {
  items: readonly T[];
  /** What an empty list says. */
  empty: string;
  /** Each entry's remove button, or null where nothing may be removed. */
  removal: ((item: T) => Removal) | null;
  locale: Locale;
  /** What the row says about the entry. */
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return <p className="mt-3 text-sm">{empty}</p>;
  return (
    <ul className="mt-3 divide-y divide-border text-sm">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center gap-3 py-2">
          <span className="min-w-0 flex-1">{children(item)}</span>
          {removal ? <ActionButton {...removal(item)} variant="ghost" locale={locale} /> : null}
        </li>
      ))}
    </ul>
  );
}
