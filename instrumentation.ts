/** Runs once when a server process starts (Next.js instrumentation hook). */
export async function register() {
  // The import inside the condition, not after an early return: webpack folds the condition for
  // the edge runtime and then leaves the Node-only worker (SQLite, pg) out of that bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // LTI grade passback: deliver queued scores, including any left by a previous process (lib/lti/worker.server.ts).
    const { startLtiWorker } = await import("./lib/lti/worker.server");
    startLtiWorker();
  }
}
