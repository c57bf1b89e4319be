/** Simulator challenges: the registry (pure data and goals) and the log verification. Browser-safe. */
export { CHALLENGES, CHALLENGE_LIST, challengeHref, challengeSummary, getChallenge } from "./registry";
export { challengeText, judge } from "./text";
export type { Challenge, ChallengeSubmitResult, ChallengeText, ChallengeSummary, GoalResult, GoalVerdict } from "./types";
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
