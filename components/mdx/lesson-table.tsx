import type { ComponentProps } from "react";

/**
 * A lesson's Markdown table. On a narrow screen it scrolls sideways (`.prose table` in
 * app/globals.css), so it takes keyboard focus: the arrow keys then scroll it (axe
 * "scrollable-region-focusable"), with the site's focus ring.
 */
export function LessonTable(props: ComponentProps<"table">) {
  return <table tabIndex={0} {...props} />;
}
