import type { ComponentProps } from "react";
import type { Locale } from "@/lib/content/frontmatter";
import { Fact } from "../mdx/fact";
import { lessonComponents } from "../mdx/lesson-components";

type LessonComponents = typeof lessonComponents;

function bind(locale: Locale): LessonComponents {
  return {
    ...lessonComponents,
    Fact: (props: ComponentProps<typeof Fact>) => <Fact {...props} locale={locale} />,
  };
}

const maps = new Map<Locale, LessonComponents>();

/** The lesson component map with language-aware components bound to `locale` (built once per language). */
export function localizedLessonComponents(locale: Locale): LessonComponents {
  let map = maps.get(locale);
  if (!map) {
    map = bind(locale);
    maps.set(locale, map);
  }
  return map;
}
