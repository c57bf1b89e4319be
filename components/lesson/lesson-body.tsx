import { getMDXComponent } from "mdx-bundler/client";
import type { ComponentType } from "react";
import { lessonComponents } from "../mdx/lesson-components";
import { localizedLessonComponents } from "./localized-components";
import { TermTips } from "./term-tips";
import type { Locale } from "@/domain/locale";

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
 * bound to the lesson's language (facts, glossary terms and callout labels follow it), and the
 * one bit of code its glossary terms' tooltips share.
 */
export function LessonBody({ code, locale = "en" }: { code: string; locale?: Locale }) {
  const Content = mdxContent(code);
  return (
    <>
      {/* Not a new component per render: mdxContent memoises one per compiled lesson. */}
      {/* eslint-disable-next-line react-hooks/static-components */}
      <Content components={localizedLessonComponents(locale)} />
      <TermTips />
    </>
  );
}
