import "server-only";
/**
 * One place every write that can change a grade reports to. Whoever needs to act on a changed
 * grade (sending it back to an LMS, say) subscribes here instead of being called from each write.
 *
 * The writes that report, each a named function in lib:
 * - a quiz answer stored (`storeAnswer`, lib/quiz/attempts.server.ts), signed in or merged;
 * - a lesson or challenge completion recorded as evidence (`recordCompletionEvidence`,
 *   lib/gradebook/evidence.server.ts), from the lesson, the challenge or a merge;
 * - an excuse given or withdrawn (`excuseStudent`, `withdrawExcuse`) and an extension granted or
 *   removed (`grantExtension`, `removeExtension`), lib/assignments/assignments.server.ts;
 * - an assignment's rules edited (`updateAssignment`): every student of that assignment.
 *
 * Listeners run after the write committed; one that throws is logged and never fails the write.
 * LMS grade passback (lib/lti/grade-sync.server.ts) is called directly, so it runs whichever
 * server bundle the write happens in.
 */
import type { GradeChange } from "@/domain/gradebook/grade-change";
import { afterGradeChange } from "../lti/grade-sync.server";

type Listener = (change: GradeChange) => void | Promise<void>;

const listeners = new Set<Listener>();

/** Subscribes to grade changes; returns the function that unsubscribes. */
export function onGradeChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the writes listed above once their change is stored. */
export async function gradeMayHaveChanged(change: GradeChange): Promise<void> {
  for (const listener of [afterGradeChange, ...listeners]) {
    try {
      await listener(change);
    } catch (error) {
      console.error("A grade-change listener failed", change, error);
    }
  }
}
