import { db } from "../db.server";
import { deliverDueJobs, onScoreJobWritten } from "./score-jobs.server";

/**
 * The background loop of each server process (started from instrumentation.ts): delivers due
 * score jobs every few seconds and as soon as one is written, and removes expired login states,
 * tickets and tokens. Several processes run it at once; leases keep them from sending a job twice.
 */

const INTERVAL_MS = 15_000;
const PURGE_EVERY_MS = 5 * 60_000;

let started = false;
let running = false;
let again = false;
let lastPurge = 0;

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
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    await deliverDueJobs();
    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      await purgeExpired();
    }
  } catch (error) {
    console.error("LTI score delivery round failed", error);
  } finally {
    running = false;
    if (again) {
      again = false;
      setImmediate(() => void tick());
    }
  }
}

export function startLtiWorker(): void {
  if (started) return;
  started = true;
  onScoreJobWritten(() => setImmediate(() => void tick()));
  setInterval(() => void tick(), INTERVAL_MS).unref();
  setTimeout(() => void tick(), 1_000).unref();
}
