"use client";

import { useEffect, useState } from "react";

const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/**
 * A date in the reader's own time zone. The server renders UTC (it cannot know the zone);
 * the browser swaps in local time after hydration.
 */
export function LocalTime({ iso, timeZone }: { iso: string; timeZone?: string }) {
  const date = new Date(iso);
  const [text, setText] = useState(() => new Intl.DateTimeFormat("en", { ...FORMAT, timeZone: timeZone ?? "UTC", timeZoneName: "short" }).format(date));
  useEffect(() => {
    if (!timeZone) setText(new Intl.DateTimeFormat("en", { ...FORMAT, timeZoneName: "short" }).format(new Date(iso)));
  }, [iso, timeZone]);
  return <time dateTime={iso}>{text}</time>;
}
