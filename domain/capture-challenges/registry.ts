/** Every capture challenge with its goal: the catalog's texts joined with the judges (goals.ts). */
import { CAPTURE_CATALOG, type CaptureChallengeInfo } from "./catalog";
import {
  connectionRefusedOutcomes,
  halfCloseOutcomes,
  judgeConnectionRefused,
  judgeHalfClose,
  judgeServerTimeWait,
  judgeSynRetransmission,
  judgeUnreadRst,
  serverTimeWaitOutcomes,
  synRetransmissionOutcomes,
  unreadRstOutcomes,
} from "./goals";
import type { Judge, OutcomeText } from "./judgement";

export interface CaptureChallenge extends CaptureChallengeInfo {
  judge: Judge;
  /** Why the goal is or is not met, by outcome (the keys the judge returns). */
  outcomes: Readonly<Record<string, OutcomeText>>;
}

const GOALS: Readonly<Record<string, Pick<CaptureChallenge, "judge" | "outcomes">>> = {
  "capture-server-time-wait": { judge: judgeServerTimeWait, outcomes: serverTimeWaitOutcomes },
  "capture-connection-refused": { judge: judgeConnectionRefused, outcomes: connectionRefusedOutcomes },
  "capture-half-close": { judge: judgeHalfClose, outcomes: halfCloseOutcomes },
  "capture-syn-retransmission": { judge: judgeSynRetransmission, outcomes: synRetransmissionOutcomes },
  "capture-unread-rst": { judge: judgeUnreadRst, outcomes: unreadRstOutcomes },
};

export const CAPTURE_CHALLENGES: readonly CaptureChallenge[] = CAPTURE_CATALOG.map((info) => {
  const goal = GOALS[info.id];
  if (!goal) throw new Error(`capture challenge ${info.id} has no goal`);
  return { ...info, ...goal };
});

const BY_ID = new Map(CAPTURE_CHALLENGES.map((challenge) => [challenge.id, challenge]));

export function getCaptureChallenge(id: string): CaptureChallenge | null {
  return BY_ID.get(id) ?? null;
}
