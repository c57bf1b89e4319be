const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** "Dec 1, 2026, 5:00 PM GMT+1": a date-time with its zone, in a given zone or the runtime's own. */
export function formatDateTime(iso: string, timeZone?: string, locale = "en"): string {
  return new Intl.DateTimeFormat(locale, { ...DATE_TIME, timeZone }).format(new Date(iso));
}
