/** Capture challenges: goals reached on the learner's own machine, proved with a capture. Browser-safe. */
export { CAPTURE_CATALOG, CAPTURE_CHALLENGE_LIST, captureChallengeHref, captureCommands, getCaptureChallengeInfo, type CaptureChallengeInfo } from "./catalog";
export { CAPTURE_CHALLENGES, getCaptureChallenge, type CaptureChallenge } from "./registry";
export { GRADE_LIMITS, extractFrames, gradeCapture, notACapture, type GradeResult } from "./grade";
export { PORT_RANGE, VALUE_SEED_BYTES, captureValuesSchema, valuesFromRandom } from "./values";
export type {
  CaptureEvidenceSummary,
  CaptureValues,
  CaptureVerdict,
  CommandStep,
  ExaminedConnection,
  ExplainedSegment,
  Localized,
  OperatingSystem,
  ValueName,
} from "./types";
