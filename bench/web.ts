/**
 * The web server and the pages it sends, on the production build (built first when there is
 * none) served by scripts/serve.mjs on a throwaway database:
 * - a lesson page under load from wrk (50 clients), next to a static JavaScript chunk of the same
 *   page from the same server, alternating rounds so a busy machine weighs on both alike;
 * - the JavaScript each route makes Chromium download before the reader touches anything (bytes
 *   on the wire, in the encoding Chromium asks for: brotli, which it accepts from localhost), next to
 *   the /about page;
 * - Core Web Vitals of a lesson on a throttled phone (Pixel-like screen, 4× slower CPU, 150 ms
 *   round trips, 1.6 Mbit/s down): LCP, CLS after scrolling through the page, and the longest
 *   interaction (Event Timing, an INP proxy) for a tap on the theme toggle, next to /about.
 */
import http from "node:http";
import { chromium, type Browser, type Response } from "@playwright/test";
import { closedLoop, percentile } from "./support/load";
import { startProductionServer } from "./support/server";
import { hasCommand, median, wrk } from "./support/tools";
import type { BenchFigure, BenchSuite } from "./types";

const LESSON = "/course/three-way-handshake";
const BASELINE_PAGE = "/about";
const ROUTES = [LESSON, "/course/tcp-header-and-flags", "/", "/course", "/glossary", "/playground"];
const CLIENTS = 50;
const ROUNDS = 3;
const ROUND_SECONDS = 5;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

interface LoadFigures {
  perSecond: number;
  p99Ms: number;
  errors: number;
}

/** Alternating rounds of wrk (or the in-process load loop when wrk is missing) on each address. */
async function loadTest(urls: string[]): Promise<{ tool: string; results: LoadFigures[] }> {
  const rounds: LoadFigures[][] = urls.map(() => []);
  const useWrk = hasCommand("wrk");
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, url] of urls.entries()) {
      if (useWrk) {
        const result = wrk(url, { connections: CLIENTS, seconds: ROUND_SECONDS });
        rounds[index]!.push({ perSecond: result.requestsPerSecond, p99Ms: result.p99Ms, errors: result.errors });
      } else {
        const result = await closedLoop(() => fetch(url, { headers: { "accept-encoding": "br, gzip" } }), {
          concurrency: CLIENTS,
          durationMs: ROUND_SECONDS * 1000,
        });
        const sorted = [...result.latenciesMs].sort((a, b) => a - b);
        rounds[index]!.push({ perSecond: result.perSecond, p99Ms: percentile(sorted, 99), errors: result.errors });
      }
    }
  }
  return {
    tool: useWrk ? `wrk, ${CLIENTS} connections, median of ${ROUNDS} alternating ${ROUND_SECONDS} s rounds` : `in-process load loop (wrk not installed), ${CLIENTS} clients`,
    results: rounds.map((measured) => ({
      perSecond: median(measured.map((m) => m.perSecond)),
      p99Ms: median(measured.map((m) => m.p99Ms)),
      errors: measured.reduce((sum, m) => sum + m.errors, 0),
    })),
  };
}

/** The page's own script files, the largest first: the load test's static baseline is the largest. */
async function pageScripts(baseUrl: string, page: string): Promise<Array<{ src: string; bytes: number }>> {
  const html = await (await fetch(baseUrl + page)).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!))];
  const sized = await Promise.all(
    sources.map(async (src) => ({ src, bytes: (await (await fetch(new URL(src, baseUrl), { headers: { "accept-encoding": "gzip" } })).arrayBuffer()).byteLength })),
  );
  return sized.sort((a, b) => b.bytes - a.bytes);
}

/** The bytes on the wire of one response asked for in `encoding` (fetch() would hand back the decoded body). */
function wireBytes(url: string, encoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encoding } }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve({ bytes, encoding: String(response.headers["content-encoding"] ?? "identity") }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

interface RouteJs {
  /** Bytes on the wire, compressed as Chromium asked. */
  wire: number;
  /** Decoded bytes. */
  decoded: number;
  files: number;
  /** The encodings the scripts came in (e.g. "br"). */
  encodings: string[];
}

/** Loads a route in a fresh browser context and adds up the JavaScript it downloads without any input. */
async function javaScriptOf(browser: Browser, url: string): Promise<RouteJs> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const responses: Promise<{ wire: number; decoded: number; encoding: string } | null>[] = [];
  const onResponse = (response: Response) => {
    const type = response.request().resourceType();
    const isScript = type === "script" || /javascript/.test(response.headers()["content-type"] ?? "");
    if (!isScript || response.status() !== 200) return;
    responses.push(
      (async () => {
        try {
          const sizes = await response.request().sizes();
          const encoding = response.headers()["content-encoding"] ?? "identity";
          return { wire: sizes.responseBodySize, decoded: (await response.body()).length, encoding };
        } catch {
          return null; // the page went away before its body was read: not counted
        }
      })(),
    );
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForTimeout(1000);
  page.off("response", onResponse);
  const measured = (await Promise.all(responses)).filter((m) => m !== null);
  await context.close();
  return {
    wire: measured.reduce((sum, m) => sum + m.wire, 0),
    decoded: measured.reduce((sum, m) => sum + m.decoded, 0),
    files: measured.length,
    encodings: [...new Set(measured.map((m) => m.encoding))].sort(),
  };
}

interface Vitals {
  lcpMs: number;
  cls: number;
  /** Longest event duration for the tap (Event Timing reports from 16 ms up; 16 means "at most"). */
  interactionMs: number;
}

const OBSERVE_VITALS = `
  window.__vitals = { lcp: 0, cls: 0, interaction: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vitals.lcp = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value; })
    .observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.interactionId) window.__vitals.interaction = Math.max(window.__vitals.interaction, e.duration); })
    .observe({ type: "event", durationThreshold: 16, buffered: true });
`;

/** One cold load on a throttled phone profile. */
async function vitalsOf(browser: Browser, url: string): Promise<Vitals> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 2.625,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.addInitScript(OBSERVE_VITALS);
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.locator('[data-language-switch="header"][data-hydrated]').waitFor({ state: "attached", timeout: 120_000 });
  const lcpMs = await page.evaluate(() => (window as unknown as { __vitals: { lcp: number } }).__vitals.lcp);
  // Read to the end like a reader, so components that load on the way count in CLS.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  await page.getByRole("button", { name: /Switch to (dark|light) theme/ }).tap();
  await page.waitForTimeout(500);
  const vitals = await page.evaluate(() => (window as unknown as { __vitals: { lcp: number; cls: number; interaction: number } }).__vitals);
  await context.close();
  return { lcpMs, cls: vitals.cls, interactionMs: Math.max(vitals.interaction, 16) };
}

function ratioFigure(fields: Omit<BenchFigure, "ratio">): BenchFigure {
  return { ...fields, ratio: fields.value / fields.baseline.value };
}

const suite: BenchSuite = {
  name: "web",
  command: "npm run bench -- web",
  async run() {
    const server = await startProductionServer();
    try {
      const base = server.baseUrl;
      const scripts = await pageScripts(base, LESSON);
      const chunk = scripts[0]!;
      for (const path of [LESSON, chunk.src]) await (await fetch(base + path)).arrayBuffer();
      const lessonWire = await wireBytes(base + LESSON, "br");
      const chunkWire = await wireBytes(new URL(chunk.src, base).href, "br");
      const lessonDecoded = (await (await fetch(base + LESSON)).arrayBuffer()).byteLength;
      const load = await loadTest([base + LESSON, new URL(chunk.src, base).href]);
      const [lesson, file] = load.results as [LoadFigures, LoadFigures];

      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const baselineJs = await javaScriptOf(browser, base + BASELINE_PAGE);
        const routeJs = new Map<string, RouteJs>();
        for (const route of ROUTES) routeJs.set(route, await javaScriptOf(browser, base + route));
        const lessonVitals = await vitalsOf(browser, base + LESSON);
        const aboutVitals = await vitalsOf(browser, base + BASELINE_PAGE);

        const figures: BenchFigure[] = [
          ratioFigure({
            id: "web.lessonPageRequestsPerSecond",
            label: `Lesson page requests/s (${LESSON}, ${CLIENTS} concurrent clients)`,
            unit: "req/s",
            value: lesson.perSecond,
            baseline: { label: `static JS chunk ${chunk.src.split("/").pop()} of the same page, same server`, value: file.perSecond },
            note: `${load.tool}; lesson ${lessonWire.bytes.toLocaleString("en")} B ${lessonWire.encoding} (${lessonDecoded.toLocaleString("en")} B decoded), chunk ${chunkWire.bytes.toLocaleString("en")} B ${chunkWire.encoding} (${chunk.bytes.toLocaleString("en")} B decoded); errors: lesson ${lesson.errors}, chunk ${file.errors}`,
            goal: { text: "≥ ×0.5 of a static file", met: lesson.perSecond / file.perSecond >= 0.5 },
          }),
          ratioFigure({
            id: "web.lessonPageP99",
            label: `Lesson page p99 latency at ${CLIENTS} clients`,
            unit: "ms",
            value: lesson.p99Ms,
            baseline: { label: "the same static chunk", value: file.p99Ms },
            note: "lower is better",
            goal: { text: "p99 < 100 ms", met: lesson.p99Ms < 100 },
          }),
        ];
        for (const [route, js] of routeJs) {
          figures.push(
            ratioFigure({
              id: `web.javaScript:${route}`,
              label: `JavaScript downloaded by ${route} before any input (compressed, on the wire)`,
              unit: "bytes",
              value: js.wire,
              baseline: { label: `the ${BASELINE_PAGE} page`, value: baselineJs.wire },
              note: `${js.files} scripts (${js.encodings.join(", ")}), ${js.decoded.toLocaleString("en")} bytes decoded; lower is better`,
              ...(route === LESSON ? { goal: { text: "≤ 120 kB", met: js.wire <= 120_000 } } : {}),
            }),
          );
        }
        figures.push(
          ratioFigure({
            id: "web.lessonLcp",
            label: "Lesson LCP, throttled phone (4× CPU, 150 ms RTT, 1.6 Mbit/s)",
            unit: "ms",
            value: lessonVitals.lcpMs,
            baseline: { label: `${BASELINE_PAGE} on the same profile`, value: aboutVitals.lcpMs },
            note: "lower is better; Core Web Vitals' good: ≤ 2,500 ms",
          }),
          ratioFigure({
            id: "web.lessonCls",
            label: "Lesson CLS after scrolling to the end, throttled phone",
            unit: "",
            value: lessonVitals.cls,
            baseline: { label: `${BASELINE_PAGE} on the same profile`, value: Math.max(aboutVitals.cls, 0.0001) },
            note: `lower is better; good: ≤ 0.1 (about: ${aboutVitals.cls.toFixed(4)})`,
          }),
          ratioFigure({
            id: "web.lessonInteraction",
            label: "Lesson interaction (theme toggle tap, longest Event Timing duration), throttled phone",
            unit: "ms",
            value: lessonVitals.interactionMs,
            baseline: { label: `${BASELINE_PAGE} on the same profile`, value: aboutVitals.interactionMs },
            note: "INP proxy; 16 ms means at most 16 ms (Event Timing's floor); good: ≤ 200 ms",
          }),
        );
        return figures;
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
    }
  },
};

export default suite;
