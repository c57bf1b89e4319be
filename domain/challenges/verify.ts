/**
 * Checking a learner's action log against a challenge: validate it (zod, bounded), check every
 * action is one the challenge allows, replay it with the engine from the challenge's starting
 * point and ask the goal. The browser uses it for a preview; only the server's verdict counts.
 */
import { z } from "zod";
import { actionSchema, formatIssues, runScenario, type Action, type ScenarioResult } from "@/domain/tcp";
import { DEFAULT_SETTINGS, SIM_LIMITS, actionKey, buildScenario, type SimulatorSettings } from "@/domain/simulator/session";
import { getChallenge } from "./registry";
import { judge } from "./text";
import type { Challenge, GoalResult } from "./types";
import type { Locale } from "@/domain/locale";
import { localeSchema } from "@/domain/locale-schema";
import { defineWords } from "@/domain/words";

export const CHALLENGE_LIMITS = {
  /** Actions in one submitted log; every challenge is solvable in a handful. */
  maxActions: 50,
  maxSendBytes: 100_000,
  /** Highest segment id a drop may name. */
  maxSegmentId: 10_000,
} as const;

const boundedAction = actionSchema.superRefine((action, context) => {
  if (action.at > SIM_LIMITS.horizonMs) {
    context.addIssue({ code: "custom", message: `must be at most ${SIM_LIMITS.horizonMs} ms (the simulator's horizon)`, path: ["at"] });
  }
  if (action.do === "send" && action.bytes > CHALLENGE_LIMITS.maxSendBytes) {
    context.addIssue({ code: "custom", message: `send at most ${CHALLENGE_LIMITS.maxSendBytes} bytes at a time`, path: ["bytes"] });
  }
  if (action.do === "drop" && action.segment > CHALLENGE_LIMITS.maxSegmentId) {
    context.addIssue({ code: "custom", message: `no run of a challenge has segment ${action.segment}`, path: ["segment"] });
  }
});

export const actionLogSchema = z
  .array(boundedAction)
  .max(CHALLENGE_LIMITS.maxActions, { message: `a log may hold at most ${CHALLENGE_LIMITS.maxActions} actions` });

/**
 * What the browser sends: the challenge, the learner's actions and, optionally, the language the
 * answer should be written in. Nothing else is accepted; the language changes no verdict.
 */
export const challengeSubmissionSchema = z
  .object({
    challengeId: z.string().regex(/^[a-z0-9-]{1,64}$/, { message: "not a challenge id" }),
    log: actionLogSchema,
    locale: localeSchema.default("en"),
  })
  .strict();

export type ChallengeSubmission = z.infer<typeof challengeSubmissionSchema>;

/** Why a log was refused, in every language (zod's own issue texts stay as they are). */
const refusalWords = defineWords({
  en: {
    resultClaimed: "Only the server decides whether a challenge is complete: send the actions, not a result.",
    notAccepted: (key: string) => `${key}: not accepted from the browser`,
    tooLong: (max: number) => `The action log is too long: at most ${max} actions are accepted.`,
    invalid: "The action log is not valid, so it was not checked.",
    noSuchChallenge: (id: string) => `There is no challenge "${id}".`,
    forbidden: "The log uses actions this challenge does not allow.",
    notAllowed: (where: string, key: string, allowed: string) => `${where}: ${key} is not allowed here (allowed: ${allowed})`,
  },
  zh: {
    resultClaimed: "挑战是否完成只由服务器判定：请发送操作，而不是结果。",
    notAccepted: (key) => `${key}：不接受浏览器发来的这个字段`,
    tooLong: (max) => `操作记录太长：最多接受 ${max} 个操作。`,
    invalid: "操作记录无效，因此没有检查。",
    noSuchChallenge: (id) => `没有名为“${id}”的挑战。`,
    forbidden: "操作记录中用到了这个挑战不允许的操作。",
    notAllowed: (where, key, allowed) => `${where}：这里不允许 ${key}（允许的操作：${allowed}）`,
  },
});

/** Keys a forged client might add to claim success; named in the error so the refusal is clear. */
const CLAIM_KEYS = ["success", "reached", "verified", "completed", "completedAt", "passed", "score", "result"];

export type Verification =
  | { ok: true; challengeId: string; reached: boolean; outcome: string; feedback: string; log: Action[] }
  | { ok: false; error: string; issues: string[] };

export function challengeSettings(challenge: Challenge): SimulatorSettings {
  return { ...DEFAULT_SETTINGS, ...challenge.settings, preset: challenge.preset };
}

/** The engine run a log produces from the challenge's starting point. */
export function replayChallenge(challenge: Challenge, log: readonly Action[]): ScenarioResult {
  return runScenario(buildScenario(challengeSettings(challenge), log));
}

/** Parses and bounds a submission; errors are sentences naming the field, in `locale`. */
export function parseSubmission(raw: unknown, locale: Locale = "en"): { ok: true; value: ChallengeSubmission } | { ok: false; error: string; issues: string[] } {
  const words = refusalWords(locale);
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const claims = Object.keys(raw).filter((key) => CLAIM_KEYS.includes(key));
    if (claims.length > 0) {
      return {
        ok: false,
        error: words.resultClaimed,
        issues: claims.map(words.notAccepted),
      };
    }
  }
  const parsed = challengeSubmissionSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    const tooLong = parsed.error.issues.some((issue) => issue.code === "too_big" && issue.path.length === 1 && issue.path[0] === "log");
    return {
      ok: false,
      error: tooLong ? words.tooLong(CHALLENGE_LIMITS.maxActions) : words.invalid,
      issues,
    };
  }
  return { ok: true, value: parsed.data };
}

/**
 * The language a submission asks for, read on its own so that even a refused submission is
 * answered in it (English when it names none or something unknown).
 */
export function submissionLocale(raw: unknown): Locale {
  if (typeof raw !== "object" || raw === null || !("locale" in raw)) return "en";
  const parsed = localeSchema.safeParse(raw.locale);
  return parsed.success ? parsed.data : "en";
}

/** Validates, checks the allowed actions, replays and asks the goal; feedback and refusals come in the submission's `locale`. */
export function verifySubmission(raw: unknown): Verification {
  const locale = submissionLocale(raw);
  const words = refusalWords(locale);
  const parsed = parseSubmission(raw, locale);
  if (!parsed.ok) return parsed;
  const { challengeId, log } = parsed.value;
  const challenge = getChallenge(challengeId);
  if (challenge === null) return { ok: false, error: words.noSuchChallenge(challengeId), issues: [] };
  const allowed = new Set<string>(challenge.allowed);
  const forbidden = log.map((action, index) => ({ index, key: actionKey(action) })).filter(({ key }) => !allowed.has(key));
  if (forbidden.length > 0) {
    return {
      ok: false,
      error: words.forbidden,
      issues: forbidden.map(({ index, key }) => words.notAllowed(`log.${index}`, key, challenge.allowed.join(", "))),
    };
  }
  const result: GoalResult = judge(challenge, replayChallenge(challenge, log), locale);
  return { ok: true, challengeId, reached: result.reached, outcome: result.outcome, feedback: result.feedback, log };
}
