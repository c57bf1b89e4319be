/**
 * Wall-clock date-times in an IANA time zone ("2026-12-01T17:00" in Europe/Berlin) to instants
 * and back. Instructors enter opening and due times in their class's zone; the database stores
 * UTC instants. Pure and framework-free so the rules are unit-tested.
 */

// Four to six year digits: a datetime-local input lets people type year 12026; the date window then refuses it by name.
const WALL = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/;
const HOUR_MS = 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at an instant, as milliseconds since the epoch read as if it were UTC. */
function wallAsUtc(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(whole, timeZone) - whole;
}

export function parseWallTime(wall: string): number | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(utc);
  // Rejects 2026-02-30 and 24:00, which Date.UTC would roll over silently.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return utc;
}

/**
 * The instant a wall-clock time names in a zone. Around daylight-saving changes: a time that
 * occurs twice (clocks go back) means the first occurrence; a time that does not exist (clocks
 * go forward) is moved forward by the gap, as clocks do ("02:30" becomes "03:30").
 */
export function wallTimeToInstant(wall: string, timeZone: string): Date | null {
  const naive = parseWallTime(wall);
  if (naive === null || !isValidTimeZone(timeZone)) return null;
  const before = zoneOffsetMs(naive - 14 * HOUR_MS, timeZone);
  const after = zoneOffsetMs(naive + 14 * HOUR_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => naive - offset)
    .filter((instant) => wallAsUtc(instant, timeZone) === naive)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);
  return new Date(naive - before);
}

/** "YYYY-MM-DDTHH:mm" for an instant in a zone: the value a datetime-local input shows. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  return new Date(wallAsUtc(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}

/** Every IANA zone this runtime knows, for pickers; UTC first. */
export function timeZoneOptions(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((zone) => zone !== "UTC")];
}
