"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format/date";
import { noSubscription } from "./use-hydrated";

/**
 * A date in a given time zone, or in the reader's own zone. The server cannot know the
 * reader's zone, so it renders UTC and the browser shows local time from hydration on.
 */
export function LocalTime({ iso, timeZone, lang }: { iso: string; timeZone?: string; lang?: string }) {
  const text = useSyncExternalStore(
    noSubscription,
    () => formatDateTime(iso, timeZone, lang),
    () => formatDateTime(iso, timeZone ?? "UTC", lang),
  );
  return <time dateTime={iso}>{text}</time>;
}
