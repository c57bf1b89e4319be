/** How segments, times and states are written in the simulator's views (Wireshark's conventions). */
import type { TcpFlag as TcpFlagName } from "@/domain/tcp";
import { TcpFlag } from "@/domain/tcp/pcap/decode/tcp-header";
import type { Locale } from "@/domain/locale";

/** Flag bits as the header carries them (the capture reader's table; ECN bits come from captures only). */
const FLAG_BITS: Readonly<Record<string, number>> = TcpFlag;

/** The flags field as Wireshark prints it, e.g. "0x012". */
export function flagHex(flags: readonly string[]): string {
  const value = flags.reduce((sum, flag) => sum + (FLAG_BITS[flag] ?? 0), 0);
  return `0x${value.toString(16).padStart(3, "0")}`;
}

/** Wireshark's tcp.flags.str: 12 positions, "RRRACEUAPRSF", a middle dot where a bit is clear. */
const FLAG_STRING_ORDER = ["", "", "", "AE", "CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"] as const;
const FLAG_STRING_LETTERS = "RRRACEUAPRSF";

export function flagString(flags: readonly string[]): string {
  const present = new Set(flags);
  return FLAG_STRING_ORDER.map((name, index) => (name !== "" && present.has(name) ? FLAG_STRING_LETTERS[index] : "·")).join("");
}

/** "[SYN, ACK]", as in Wireshark's Info column. */
export function flagList(flags: readonly string[]): string {
  return `[${flags.join(", ")}]`;
}

/** The short label a ladder arrow carries: "SYN,ACK seq=0 ack=1", with "len=100" when there is payload. */
export function segmentLabel(segment: { flags: readonly string[]; seq: number; ack: number | null; len: number }): string {
  const parts = [segment.flags.length ? segment.flags.join(",") : "(no flags)", `seq=${segment.seq}`];
  if (segment.ack !== null) parts.push(`ack=${segment.ack}`);
  if (segment.len > 0) parts.push(`len=${segment.len}`);
  return parts.join(" ");
}

/** Which colour family a segment belongs to. */
export type SegmentKind = "syn" | "fin" | "rst" | "ack";

export function segmentKind(flags: readonly (TcpFlagName | string)[]): SegmentKind {
  if (flags.includes("RST")) return "rst";
  if (flags.includes("SYN")) return "syn";
  if (flags.includes("FIN")) return "fin";
  return "ack";
}

/** "0.010 s" / "0.010 秒": a time on the simulator's clock. */
export function formatTime(ms: number, locale: Locale = "en"): string {
  return `${formatSeconds(ms)}${locale === "en" ? " s" : " 秒"}`;
}

/** Seconds with millisecond precision, as a packet list shows time: "0.010", "60.124". */
export function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

const CHINESE_UNITS: ReadonlyArray<[RegExp, string]> = [
  [/ ms\b/g, " 毫秒"],
  [/ min\b/g, " 分钟"],
  [/ h\b/g, " 小时"],
  [/ s\b/g, " 秒"],
];

/**
 * A duration for people: "40 ms", "1 s", "1.5 s", "2 min", "1 min 5 s", "1 h"; in Chinese
 * "40 毫秒", "1.5 秒", "1 分钟 5 秒", "1 小时".
 */
export function formatDuration(ms: number, locale: Locale = "en"): string {
  if (locale !== "en") return CHINESE_UNITS.reduce((text, [unit, chinese]) => text.replace(unit, chinese), formatDuration(ms));
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = ms / 1000;
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(seconds < 10 ? 2 : 1).replace(/\.?0+$/, "")} s`;
  }
  if (ms < 3_600_000) {
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms % 60_000) / 1000);
    return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  }
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** Thousands separators, English style: 28,232. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
