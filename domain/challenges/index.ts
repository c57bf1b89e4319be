/** Simulator challenges: the registry (pure data and goals) and the log verification. Browser-safe. */
export { CHALLENGES, CHALLENGE_LIST, challengeHref, getChallenge } from "./registry";
export { CHALLENGE_TEXT_ZH, challengeText, checkChallengeTexts, judge, refusalZh, type ChallengeText } from "./text";
export type { Challenge, ChallengeSubmitResult, ChallengeSummary, GoalResult, GoalVerdict } from "./types";
export {
  CHALLENGE_LIMITS,
  actionLogSchema,
  challengeSettings,
  challengeSubmissionSchema,
  parseSubmission,
  replayChallenge,
  submissionLocale,
  verifySubmission,
  type ChallengeSubmission,
  type Verification,
} from "./verify";
