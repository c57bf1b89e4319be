/** Runs once when a server process starts (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // LTI grade passback: deliver queued scores, including any left by a previous process (lib/lti/worker.server.ts).
  const { startLtiWorker } = await import("./lib/lti/worker.server");
  startLtiWorker();
}
