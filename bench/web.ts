/**
 * The web server: lesson page requests/s next to a static file served by the same server, and
 * the JavaScript a lesson page ships next to the smallest page of the site.
 */
import { gzipSync } from "node:zlib";
import { closedLoop } from "./support/load";
import { startProductionServer } from "./support/server";
import type { BenchFigure, BenchSuite } from "./types";

const LESSON = "/course/tcp-header-and-flags";
const STATIC_FILE = "/robots.txt";
const BASELINE_PAGE = "/about";

async function scriptBytes(baseUrl: string, page: string): Promise<{ raw: number; gzip: number; files: number }> {
  const html = await (await fetch(baseUrl + page)).text();
  // `noModule` scripts are polyfills that only browsers without ES modules download.
  const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\snomodule/i.test(tag));
  const sources = [...new Set(tags.flatMap((tag) => tag.match(/\ssrc="([^"]+)"/)?.[1] ?? []))];
  let raw = 0;
  let gzip = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, baseUrl))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip, files: sources.length };
}

const suite: BenchSuite = {
  name: "web",
  async run() {
    const server = await startProductionServer();
    try {
      const load = { concurrency: 16, durationMs: 5000 };
      // Warm both paths so neither pays for first-request compilation of its route.
      for (const path of [LESSON, STATIC_FILE]) await (await fetch(server.baseUrl + path)).arrayBuffer();
      const lesson = await closedLoop(() => fetch(server.baseUrl + LESSON), load);
      const file = await closedLoop(() => fetch(server.baseUrl + STATIC_FILE), load);
      const lessonJs = await scriptBytes(server.baseUrl, LESSON);
      const baselineJs = await scriptBytes(server.baseUrl, BASELINE_PAGE);
      const figures: BenchFigure[] = [
        {
          id: "web.lessonPageRequestsPerSecond",
          label: "Lesson page requests/s (16 concurrent clients)",
          unit: "req/s",
          value: lesson.perSecond,
          baseline: { label: `static file ${STATIC_FILE} from the same server`, value: file.perSecond },
          ratio: lesson.perSecond / file.perSecond,
          note: `errors: lesson ${lesson.errors}, static ${file.errors}`,
        },
        {
          id: "web.lessonPageJavaScriptBytes",
          label: "JavaScript shipped for a lesson page (gzip)",
          unit: "bytes",
          value: lessonJs.gzip,
          baseline: { label: `the ${BASELINE_PAGE} page`, value: baselineJs.gzip },
          ratio: lessonJs.gzip / baselineJs.gzip,
          note: `${lessonJs.files} scripts, ${lessonJs.raw} bytes uncompressed; lower is better`,
        },
      ];
      return figures;
    } finally {
      await server.stop();
    }
  },
};

export default suite;
