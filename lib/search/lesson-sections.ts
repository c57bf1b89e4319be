/**
 * Reads a compiled lesson as text, section by section, without React: the compiled MDX runs
 * with a JSX runtime that returns plain objects, and the tree is walked for headings and text.
 * Components become the text a reader sees (a <Fact> its number, a <Term> its words, a
 * <Callout> its title and body); diagrams and widgets contribute their captions only.
 */
import { formatFact, withFacts, type FactFormat } from "@/domain/content/facts";
import type { Locale } from "@/domain/content/frontmatter";

type Props = Record<string, unknown> & { children?: unknown };
type Node = { type: unknown; props: Props };
type Marker = { component: string };

export type LessonSection = { anchor: string; heading: string; depth: 1 | 2 | 3; text: string };

const FRAGMENT = Symbol("Fragment");
const runtime = {
  jsx: (type: unknown, props: Props): Node => ({ type, props }),
  jsxs: (type: unknown, props: Props): Node => ({ type, props }),
  Fragment: FRAGMENT,
};

const BLOCK = new Set(["p", "li", "tr", "td", "th", "pre", "blockquote", "figcaption", "h1", "h2", "h3", "h4", "div", "figure"]);
/** Components whose children are the text; all others contribute only a string `caption`/`title`. */
const TEXT_COMPONENTS = new Set(["Callout", "Original", "RfcVsLinux", "RfcSays", "LinuxDoes"]);
const INLINE_COMPONENTS = new Set(["Term"]);

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "props" in value && "type" in value;
}

function isMarker(value: unknown): value is Marker {
  return typeof value === "object" && value !== null && "component" in value;
}

/** Component names a lesson's MDX uses (every <Capitalised …> tag), so each gets a stand-in. */
export function componentNames(mdxSource: string): string[] {
  return [...new Set([...mdxSource.matchAll(/<([A-Z][A-Za-z0-9]*)/g)].map((m) => m[1]!))];
}

function textOf(value: unknown, locale: Locale): string {
  if (value === null || value === undefined || typeof value === "boolean") return "";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map((child) => textOf(child, locale)).join("");
  if (!isNode(value)) return "";
  const { type, props } = value;
  if (isMarker(type)) {
    const name = type.component;
    if (name === "Fact" && typeof props.name === "string") return formatFact(props.name, locale, props as FactFormat);
    // Inline components read as part of their sentence; the others stand apart from it.
    if (INLINE_COMPONENTS.has(name)) return textOf(props.children, locale);
    const title = typeof props.title === "string" ? `${withFacts(props.title, locale)}. ` : typeof props.caption === "string" ? `${props.caption} ` : "";
    return ` ${title}${TEXT_COMPONENTS.has(name) ? textOf(props.children, locale) : ""} `;
  }
  const inner = textOf(props.children, locale);
  return typeof type === "string" && BLOCK.has(type) ? ` ${inner} ` : inner;
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Splits a compiled lesson into sections at its h2/h3 headings (ids as rehype-slug made them).
 * Text before the first heading is the section with an empty anchor (the top of the lesson).
 */
export function lessonSections(code: string, components: string[], locale: Locale, title: string): LessonSection[] {
  const scope = { React: {}, ReactDOM: {}, _jsx_runtime: runtime };
  const mdxExport = new Function(...Object.keys(scope), code)(...Object.values(scope)) as { default: (props: unknown) => unknown };
  const standIns = Object.fromEntries(components.map((name) => [name, { component: name } satisfies Marker]));
  const tree = mdxExport.default({ components: standIns });

  const sections: LessonSection[] = [{ anchor: "", heading: title, depth: 1, text: "" }];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isNode(value)) {
      sections.at(-1)!.text += textOf(value, locale);
      return;
    }
    const { type, props } = value;
    if ((type === "h2" || type === "h3") && typeof props.id === "string") {
      sections.push({ anchor: props.id, heading: squash(textOf(props.children, locale)), depth: type === "h2" ? 2 : 3, text: "" });
      return;
    }
    if (type === FRAGMENT) {
      visit(props.children);
      return;
    }
    sections.at(-1)!.text += textOf(value, locale);
  };
  visit(tree);
  return sections.map((section) => ({ ...section, text: squash(section.text) })).filter((s) => s.anchor === "" || s.text || s.heading);
}
