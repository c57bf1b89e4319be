import { getMDXComponent } from "mdx-bundler/client";
import { lessonComponents } from "../mdx/lesson-components";

/** Evaluates a compiled lesson on the server with the one map of components lessons may use. */
export function LessonBody({ code }: { code: string }) {
  const Content = getMDXComponent(code);
  return <Content components={lessonComponents} />;
}
