import "server-only";
import { db } from "../db.server";
import { env } from "../env.server";
import { deliverDueJobs, onScoreJobWritten, queueScoresAfterDeadlines } from "./score-jobs.server";

/**
 * The background loop of each server process (started from instrumentation.ts): delivers due
 * score jobs every few seconds and as soon as one is written, grades links again when a due date
 * has passed (every minute), and removes expired login states, tickets and tokens. Several processes run it at once; leases keep them from sending a job twice.
 */

const PURGE_EVERY_MS = 5 * 60_000;
const DEADLINES_EVERY_MS = 60_000;

// One loop per process: state on globalThis, since Next loads this module once per bundle (see score-jobs.server.ts).
const loop = globalThis as unknown as { syntofinLtiWorker?: { started: boolean; running: boolean; again: boolean; lastPurge: number; lastDeadlines: number } };
const state = (loop.syntofinLtiWorker ??= { started: false, running: false, again: false, lastPurge: 0, lastDeadlines: 0 });

export async function purgeExpired(now = new Date()): Promise<void> {
  await db.$transaction([
    db.ltiLoginState.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.ltiHandoff.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.ltiPendingIdentity.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.ltiDeepLinkRequest.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.ltiAccessToken.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
}

async function tick(): Promise<void> {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    if (Date.now() - state.lastDeadlines > DEADLINES_EVERY_MS) {
      state.lastDeadlines = Date.now();
      await queueScoresAfterDeadlines();
    }
    await deliverDueJobs();
    if (Date.now() - state.lastPurge > PURGE_EVERY_MS) {
      state.lastPurge = Date.now();
      await purgeExpired();
    }
  } catch (error) {
    console.error("LTI score delivery round failed", error);
  } finally {
    state.running = false;
    if (state.again) {
      state.again = false;
      setImmediate(() => void tick());
    }
  }
}

export function startLtiWorker(): void {
  if (state.started) return;
  state.started = true;
  onScoreJobWritten(() => setImmediate(() => void tick()));
  setInterval(() => void tick(), env().LTI_SCORE_POLL_SECONDS * 1000).unref();
  setTimeout(() => void tick(), 1_000).unref();
}
