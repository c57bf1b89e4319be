import "server-only";
import type { Launched } from "./launch.server";
import { followUps } from "./launch.server";
import { syncRoster } from "./nrps.server";
import { queueScoresForLink, queueScoresForUser } from "./score-jobs.server";

/**
 * Work a launch leaves for after its answer (run with Next's `after`): the course roster on an
 * instructor's launch, the learner's scores (their work may predate the link), the scores of a
 * link that just got its assignment. Failures are recorded or logged; the launch already worked.
 */
export async function launchFollowUps(launched: Launched): Promise<void> {
  const { rosterContextId, scoreUserId } = followUps(launched);
  const { provisioned } = launched;
  const tasks: Array<Promise<unknown>> = [];
  if (provisioned.linkAssignmentCreated && provisioned.resourceLinkRowId) tasks.push(queueScoresForLink(provisioned.resourceLinkRowId));
  if (scoreUserId) tasks.push(queueScoresForUser(scoreUserId));
  if (rosterContextId) tasks.push(syncRoster(rosterContextId));
  const results = await Promise.allSettled(tasks);
  for (const result of results) if (result.status === "rejected") console.warn("LTI follow-up after a launch failed:", result.reason instanceof Error ? result.reason.message : result.reason);
}
