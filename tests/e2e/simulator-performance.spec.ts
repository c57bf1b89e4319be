/**
 * Stepping through a 1,000-segment trace in the production build: counts what React renders
 * per step (through the DevTools hook that React calls on every commit) and prints the time
 * from a click to the next frame. Tests never assert wall-clock times; the render counts are
 * what keeps stepping smooth, and those are asserted.
 */
import { expect, test } from "@playwright/test";
import { simulator, stepOf } from "./simulator-support";

declare global {
  interface Window {
    __renders: Record<string, number>;
    __commits: number;
  }
}

const LONG = "/playground?a=100cS1000000_50000cX_50000sX";

test("stepping a 1,000-segment trace re-renders only what changed", async ({ page }) => {
  await page.addInitScript(() => {
    window.__renders = {};
    window.__commits = 0;
    const PERFORMED_WORK = 1;
    const counted = new Set(["LadderArrow", "LadderMark", "PacketRow", "EndpointCard", "LiveStateDiagram"]);
    type Fiber = { child: Fiber | null; sibling: Fiber | null; flags: number; alternate: Fiber | null; type: { displayName?: string; type?: { displayName?: string } } | null; elementType: { displayName?: string } | null };
    const visit = (fiber: Fiber | null) => {
      for (let node = fiber; node; node = node.sibling) {
        const name = node.elementType?.displayName ?? node.type?.displayName ?? node.type?.type?.displayName;
        if (name && counted.has(name) && (node.alternate === null || (node.flags & PERFORMED_WORK) !== 0)) {
          window.__renders[name] = (window.__renders[name] ?? 0) + 1;
        }
        visit(node.child);
      }
    };
    (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      onScheduleFiberRoot: () => {},
      onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
        window.__commits++;
        visit(root.current.child);
      },
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      checkDCE: () => {},
    };
  });
  await page.goto(LONG);
  const sim = simulator(page);
  const { total } = await stepOf(sim);
  expect(total).toBeGreaterThan(1000);

  // Jump deep into the trace (the data transfer), then measure single steps forward and back.
  await sim.getByRole("button", { name: "Step", exact: true }).click();
  for (let i = 0; i < 3; i++) await sim.getByRole("button", { name: "Step", exact: true }).click();
  const samples: { kind: string; ms: number; renders: Record<string, number> }[] = [];
  for (const [kind, name] of [
    ...Array.from({ length: 30 }, () => ["forward", "Step"] as const),
    ...Array.from({ length: 10 }, () => ["back", "Step back"] as const),
  ]) {
    const sample = await page.evaluate(async (label) => {
      window.__renders = {};
      const button = [...document.querySelectorAll<HTMLButtonElement>('section[aria-label="TCP simulator"] [role="toolbar"] button')].find(
        (candidate) => candidate.textContent === label,
      );
      const started = performance.now();
      button?.click();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return { ms: performance.now() - started, renders: { ...window.__renders } };
    }, name);
    samples.push({ kind, ...sample });
  }
  const summary = (kind: string) => {
    const chosen = samples.filter((sample) => sample.kind === kind);
    const ms = chosen.map((sample) => sample.ms).sort((a, b) => a - b);
    const most: Record<string, number> = {};
    for (const sample of chosen) for (const [key, count] of Object.entries(sample.renders)) most[key] = Math.max(most[key] ?? 0, count);
    return { steps: chosen.length, medianMsToNextFrame: +(ms[Math.floor(ms.length / 2)] ?? 0).toFixed(1), maxMs: +(ms[ms.length - 1] ?? 0).toFixed(1), mostRendersPerStep: most };
  };
  // Baseline in the same run: the same two frames with no click.
  const idle: number[] = [];
  for (let i = 0; i < 10; i++) {
    idle.push(
      await page.evaluate(async () => {
        const started = performance.now();
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        return performance.now() - started;
      }),
    );
  }
  idle.sort((a, b) => a - b);
  const figures = { totalSteps: total, idleTwoFramesMedianMs: +(idle[5] ?? 0).toFixed(1), forward: summary("forward"), back: summary("back") };
  console.info("simulator stepping in the browser", JSON.stringify(figures));

  for (const kind of ["forward", "back"]) {
    const most = summary(kind).mostRendersPerStep;
    // The packet list draws only the rows in its window (about 20), twice at most when it
    // follows the newest row; the ladder only the arrows on screen. Neither grows with the trace.
    expect(most.PacketRow ?? 0).toBeLessThanOrEqual(50);
    expect(most.LadderArrow ?? 0).toBeLessThanOrEqual(150);
  }
  expect((await stepOf(sim)).step).toBe(24);
});
