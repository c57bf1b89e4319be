/**
 * What the challenges say, in each language. Every challenge declares its words in both
 * languages side by side (registry.ts); `judge` writes a verdict's feedback out in one of them.
 */
import type { HostId } from "@/domain/tcp";
import { defineWords } from "@/domain/words";
import type { Challenge, ChallengeText, GoalResult } from "./types";
import type { Locale } from "@/domain/locale";

const hostWords = defineWords<Readonly<Record<HostId, string>>>({
  en: { client: "client", server: "server" },
  zh: { client: "客户端", server: "服务端" },
});

/** A challenge's texts in the given language. */
export function challengeText(challenge: Challenge, locale: Locale = "en"): ChallengeText {
  return challenge.text[locale];
}

/** Asks the challenge's goal about a trace and writes its feedback out in `locale`. */
export function judge(challenge: Challenge, trace: Parameters<Challenge["goal"]>[0], locale: Locale = "en"): GoalResult {
  const verdict = challenge.goal(trace);
  const template = challengeText(challenge, locale).feedback[verdict.outcome] ?? verdict.outcome;
  const values = verdict.values ?? {};
  const feedback = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return name === "host" && (value === "client" || value === "server") ? hostWords(locale)[value] : String(value);
  });
  return { reached: verdict.reached, outcome: verdict.outcome, feedback };
}
