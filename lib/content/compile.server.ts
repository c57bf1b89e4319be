import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypePrettyCode from "rehype-pretty-code";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import { lessonFrontmatter, type LessonFrontmatter } from "@/domain/content/frontmatter";
import { MdxCache } from "./mdx-cache.server";
import { rehypeCollectHeadings, type TocEntry } from "./toc";

/** Bump when plugins or their options change, so cached output is recompiled. */
export const COMPILER_VERSION = "1";

export type CompiledLesson = { code: string; frontmatter: LessonFrontmatter; toc: TocEntry[] };

export class LessonCompileError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = "LessonCompileError";
  }
}

const cache = new MdxCache<CompiledLesson>(path.join(process.cwd(), ".cache", "mdx"));
export const compileCacheStats = cache.stats;

/** Every file in the lesson's folder feeds the hash: co-located components and assets count. */
function lessonSources(folder: string): Array<string | Buffer> {
  const parts: Array<string | Buffer> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else parts.push(path.relative(folder, full), readFileSync(full));
    }
  };
  walk(folder);
  return parts;
}

export function compileLesson(file: string): Promise<CompiledLesson> {
  const folder = path.dirname(file);
  const key = MdxCache.key([COMPILER_VERSION, path.basename(file), ...lessonSources(folder)]);
  return cache.get(key, () => compileUncached(file));
}

async function compileUncached(file: string): Promise<CompiledLesson> {
  const toc: TocEntry[] = [];
  let result;
  try {
    result = await bundleMDX({
      file,
      cwd: path.dirname(file),
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          rehypeSlug,
          [rehypeAutolinkHeadings, { behavior: "wrap", properties: { className: ["heading-anchor"] } }],
          rehypeCollectHeadings(toc),
          [rehypePrettyCode, { theme: { light: "github-light", dark: "github-dark" }, keepBackground: false }],
        ];
        return options;
      },
      esbuildOptions(options) {
        options.target = "es2022";
        options.minify = true;
        options.loader = { ...options.loader, ".svg": "dataurl", ".png": "dataurl", ".jpg": "dataurl" };
        return options;
      },
    });
  } catch (error) {
    throw new LessonCompileError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = lessonFrontmatter.safeParse(result.frontmatter);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "frontmatter"}: ${issue.message}`);
    throw new LessonCompileError(file, `invalid frontmatter (${problems.join("; ")})`);
  }
  return { code: result.code, frontmatter: parsed.data, toc };
}
