import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";

export type TocEntry = { id: string; title: string; depth: 2 | 3 };

/**
 * A rehype plugin (run after rehype-slug) that records h2/h3 headings into `sink`, which the
 * compiler returns beside the code so the page can render a table of contents.
 */
export function rehypeCollectHeadings(sink: TocEntry[]) {
  return () => (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "h2" && node.tagName !== "h3") return;
      const id = node.properties?.id;
      if (typeof id !== "string") return;
      sink.push({ id, title: toString(node).trim(), depth: node.tagName === "h2" ? 2 : 3 });
    });
  };
}
