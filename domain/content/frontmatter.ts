import { z } from "zod";

/** What every lesson's frontmatter must say; a lesson that breaks this fails the build. */
export const lessonFrontmatter = z.object({
  title: z.string().min(3).max(120),
  summary: z.string().min(10).max(400),
  order: z.number().int().min(1),
  minutes: z.number().int().min(1).max(180),
  objectives: z.array(z.string().min(3)).min(1).max(10),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatter>;

export { LOCALE_LANG, LOCALES, type Locale } from "@/domain/locale";
