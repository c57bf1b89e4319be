import { getMDXComponent } from "mdx-bundler/client";
import type { ComponentType } from "react";
import type { Locale } from "@/domain/content/frontmatter";
import { lessonComponents } from "../mdx/lesson-components";
import { localizedLessonComponents } from "./localized-components";

type LessonComponents = typeof lessonComponents;
type MdxContent = ComponentType<{ components: LessonComponents }>;

// One component per compiled lesson, created once and reused, so React keeps its identity.
const contentByCode = new Map<string, MdxContent>();

function mdxContent(code: string): MdxContent {
  let content = contentByCode.get(code);
  if (!content) {
    content = getMDXComponent(code) as MdxContent;
    contentByCode.set(code, content);
  }
  return content;
}

/**
 * Evaluates a compiled lesson on the server with the one map of components lessons may use,
 * bound to the lesson's language (facts, glossary terms and callout labels follow it).
 */
export function LessonBody({ code, locale = "en" }: { code: string; locale?: Locale }) {
  const Content = mdxContent(code);
  // Not a new component per render: mdxContent memoises one per compiled lesson.
  // eslint-disable-next-line react-hooks/static-components
  return <Content components={localizedLessonComponents(locale)} />;
}
