/**
 * Compiles every lesson in every language into the content cache before `next build`, so build
 * workers only read compiled output and an unchanged lesson is never compiled twice.
 */
import { compileCacheStats } from "../lib/content/compile.server";
import { LOCALES } from "../domain/locale";
import { getLesson, listLessons } from "../lib/content/lessons.server";

async function main() {
  const started = performance.now();
  let count = 0;
  for (const locale of LOCALES) {
    for (const lesson of listLessons(locale)) {
      await getLesson(lesson.slug, locale);
      count++;
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Content: ${count} lesson files ready in ${seconds}s (${compileCacheStats.misses} compiled, ${compileCacheStats.hits} from cache).`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
