/** The vocabulary goals use to judge one connection and to say why, in English and Chinese. */
import type { Role } from "@/domain/tcp/pcap";
import type { CaptureValues, Localized } from "./types";
import type { ConnectionView } from "./connection-view";
import type { Locale } from "@/domain/locale";

export interface Mark {
  /** Index in the connection's segments. */
  index: number;
  mark: "meets" | "misses";
  note: Localized;
}

export interface Judgement {
  reached: boolean;
  /** A key of the challenge's `outcomes`. */
  outcome: string;
  /** How far this connection got towards the goal; the grader explains the highest. */
  rank: number;
  /** Values for the outcome's summary. */
  vars?: Readonly<Record<string, string | number>>;
  marks: Mark[];
}

export type Judge = (view: ConnectionView, values: CaptureValues) => Judgement;

export type OutcomeText = (vars: Readonly<Record<string, string | number>>, values: CaptureValues) => Localized;

const NAMES: Readonly<Record<Locale, Readonly<Record<Role, string>>>> = {
  en: { client: "client", server: "server" },
  zh: { client: "客户端", server: "服务端" },
};

/** The name of an end in a language. */
export function roleName(role: Role, locale: Locale): string {
  return NAMES[locale][role];
}

/**
 * Writes a text in both languages from one function: `zh` says which, `name` names an end
 * ("client"/"客户端"), `frame` names a segment by its frame number.
 */
export function say(write: (zh: boolean, name: (role: Role) => string) => string): Localized {
  return { en: write(false, (role) => NAMES.en[role]), zh: write(true, (role) => NAMES.zh[role]) };
}

export function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Seconds with one decimal ("1.0"), from milliseconds. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
