/** A small closed-loop HTTP load generator: `concurrency` clients, each requesting back to back. */
export type LoadResult = { requests: number; errors: number; seconds: number; perSecond: number; latenciesMs: number[] };

export async function closedLoop(
  request: (client: number) => Promise<Response>,
  { concurrency, durationMs }: { concurrency: number; durationMs: number },
): Promise<LoadResult> {
  let requests = 0;
  let errors = 0;
  const latenciesMs: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          const response = await request(client);
          await response.arrayBuffer();
          if (response.ok) requests++;
          else errors++;
        } catch {
          errors++;
        }
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { requests, errors, seconds, perSecond: requests / seconds, latenciesMs };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
