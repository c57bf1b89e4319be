/**
 * Finds numbers written by hand in lesson prose next to a sysctl or timer name and checks them
 * against the engine's values (domain/content/facts.ts). Used by the unit tests over every lesson;
 * the rules are documented in docs/content.md ("Numbers: defaults, timeouts and ranges").
 */
import { FACTS, formatFact, type FactDefinition, type FactName } from "./facts";

export type FactProblem = {
  line: number;
  sentence: string;
  number: string;
  name: string;
  expected: string[];
  message: string;
};

type Span = { start: number; end: number };
type Found = Span & { text: string };

/** A piece of prose with the source line it starts on. */
type Unit = { line: number; text: string; quoted: boolean };

const ATTRIBUTED_TO_ARTICLE = /\b(?:article|original|the source)\b|原文|原作者|这篇文章|该文|文章/i;
const MARKER = /\{\/\*\s*fact-check:[^*]*\*\/\}/;
const MARKER_TOKEN = "\u2063FACTCHECK\u2063";

/** Every name that readers see beside a number, longest first, mapped to the facts that carry it. */
const NAME_INDEX: Array<{ name: string; pattern: RegExp; facts: FactName[] }> = (() => {
  const byName = new Map<string, FactName[]>();
  for (const [fact, definition] of Object.entries(FACTS) as Array<[FactName, FactDefinition]>) {
    for (const name of definition.names) byName.set(name, [...(byName.get(name) ?? []), fact]);
  }
  return [...byName.entries()]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([name, facts]) => ({
      name,
      facts,
      pattern: new RegExp(`(?<![A-Za-z0-9_.])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_])`, "g"),
    }));
})();

/** Blank out a span but keep line breaks, so line numbers stay right. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

/** Length of a JSX tag starting at `start` (handles quotes and `{…}` expressions), or 0. */
function jsxTagLength(source: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      depth--;
    } else if (c === ">" && depth === 0) {
      return i - start + 1;
    }
  }
  return 0;
}

const KEPT_ATTRIBUTES = /\b(?:title|caption|label|alt)="([^"]*)"/g;
const FACT_PLACEHOLDER = /\{fact:[\w.]+\}/g;

/**
 * Reduces MDX to the prose a reader sees, with line breaks kept: code, `<Original>` quotes,
 * `<Fact>` tags and expressions removed; other tags replaced by their title-like attributes.
 */
export function proseOf(mdx: string): string {
  let text = mdx.replace(/^---\n[\s\S]*?\n---\n/, (front) => front.replace(/^(?!\s*(?:title:|summary:|-\s)).*$/gm, blank));
  text = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank);
  text = text.replace(/<Original\b[\s\S]*?<\/Original>/g, blank);
  text = text.replace(MARKER, (marker) => MARKER_TOKEN + blank(marker).slice(MARKER_TOKEN.length));
  text = text.replace(/\{\/\*[\s\S]*?\*\/\}/g, blank);
  // Inline code: names stay (they are how sysctls appear), numbers go (commands and settings).
  text = text.replace(/`([^`\n]+)`/g, (_all, code: string) => ` ${code.replace(/\d+(?!MSL)/g, (d) => "#".repeat(d.length))} `);
  // Links: keep the text, drop the address.
  text = text.replace(/\]\(([^)\s]*)\)/g, (_all, url: string) => `]${blank(`(${url})`)}`);
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "<" && /[A-Za-z/]/.test(text[i + 1] ?? "")) {
      const length = jsxTagLength(text, i);
      if (length > 0) {
        const tag = text.slice(i, i + length);
        const kept = /^<Fact\b/.test(tag)
          ? " ⟨fact⟩ "
          : [...tag.matchAll(KEPT_ATTRIBUTES)].map((m) => `${m[1]!.replace(FACT_PLACEHOLDER, " ⟨fact⟩ ")}. `).join("");
        out += kept + "\n".repeat(tag.split("\n").length - 1);
        i += length;
        continue;
      }
    }
    if (c === "{") {
      const close = text.indexOf("}", i);
      if (close > i && !text.slice(i, close).includes("\n\n")) {
        out += blank(text.slice(i, close + 1));
        i = close + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** Paragraphs, list items and table rows, joined across the source's hard line wraps. */
function unitsOf(prose: string): Unit[] {
  const units: Unit[] = [];
  let current: Unit | null = null;
  prose.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    const startsUnit = /^(?:[-*+]\s|\d+\.\s|\||#{1,6}\s|>)/.test(line);
    if (!line) {
      current = null;
      return;
    }
    if (!current || startsUnit || line.startsWith("|")) {
      // Blockquotes hold translations of the article's wording, which may be wrong on purpose.
      current = { line: index + 1, text: line, quoted: line.startsWith(">") };
      units.push(current);
    } else {
      current.text += ` ${line}`;
    }
  });
  return units;
}

function sentencesOf(unit: string): string[] {
  return unit.split(/(?<=[.!?;](?=\s))\s+|(?<=[。！？；])|\s\|\s/).filter((s) => s.trim().length > 0);
}

const DURATION_UNITS: Array<{ pattern: string; ms: number }> = [
  { pattern: "milliseconds?|ms|毫秒", ms: 1 },
  { pattern: "seconds?|secs?|s|秒钟|秒", ms: 1000 },
  { pattern: "minutes?|mins?|分钟", ms: 60_000 },
  { pattern: "hours?|h|小时", ms: 3_600_000 },
];

type Stated =
  | (Found & { kind: "duration"; ms: number })
  | (Found & { kind: "range"; from: number; to: number })
  | (Found & { kind: "number"; value: number });

const toNumber = (s: string) => Number(s.replace(/,/g, ""));

function statedNumbers(sentence: string): Stated[] {
  const found: Stated[] = [];
  const taken: Span[] = [];
  const free = (start: number, end: number) => taken.every((t) => end <= t.start || start >= t.end);
  const add = (item: Stated) => {
    if (!free(item.start, item.end)) return;
    taken.push(item);
    found.push(item);
  };
  for (const m of sentence.matchAll(/(?<![\w.#])(\d{3,}(?:,\d{3})*)\s*(?:–|—|-|~|～|to|到|至)\s*(\d{3,}(?:,\d{3})*)(?![\w.])/g)) {
    add({ kind: "range", from: toNumber(m[1]!), to: toNumber(m[2]!), start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const { pattern, ms } of DURATION_UNITS) {
    const re = new RegExp(`(?<![\\w.#])(\\d+(?:,\\d{3})*(?:\\.\\d+)?)(?:\\s*|-)(?:${pattern})(?![A-Za-z])`, "g");
    for (const m of sentence.matchAll(re)) {
      add({ kind: "duration", ms: toNumber(m[1]!) * ms, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  const defaults = /(?:=|\bdefaults? (?:to|is|of)\b|\bdefault value (?:is|of)\b|\bby default\b|默认值?(?:为|是)?|缺省值?(?:为|是)?)\s*(?:is\s+|of\s+)?(\d+(?:,\d{3})*)(?![\w.])/gi;
  for (const m of sentence.matchAll(defaults)) {
    const digits = m[1]!;
    const start = m.index + m[0].length - digits.length;
    add({ kind: "number", value: toNumber(digits), start, end: start + digits.length, text: digits });
  }
  return found;
}

function namesIn(sentence: string): Array<Found & { facts: FactName[] }> {
  const names: Array<Found & { facts: FactName[] }> = [];
  for (const { name, pattern, facts } of NAME_INDEX) {
    for (const m of sentence.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (names.some((n) => start < n.end && end > n.start)) continue; // a longer name already covers it
      names.push({ start, end, text: name, facts });
    }
  }
  return names;
}

function distance(a: Span, b: Span): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end + 0.5; // a name before the number wins a tie
  return 0;
}

function matches(stated: Stated, fact: FactDefinition): boolean {
  switch (stated.kind) {
    case "duration":
      return fact.kind === "duration" && Math.abs(fact.ms - stated.ms) < 1e-6;
    case "range":
      return fact.kind === "range" && fact.from === stated.from && fact.to === stated.to;
    case "number":
      if (fact.kind === "duration") return fact.raw === stated.value || fact.ms === stated.value;
      if (fact.kind === "range") return fact.from === stated.value || fact.to === stated.value;
      return fact.value === stated.value;
  }
}

function checkUnits(units: Unit[]): FactProblem[] {
  const problems: FactProblem[] = [];
  for (const unit of units) {
    for (const sentence of sentencesOf(unit.text)) {
      if (unit.quoted || sentence.includes(MARKER_TOKEN) || ATTRIBUTED_TO_ARTICLE.test(sentence)) continue;
      const names = namesIn(sentence);
      if (names.length === 0) continue;
      for (const stated of statedNumbers(sentence)) {
        const nearest = names.reduce((best, name) => (distance(name, stated) < distance(best, stated) ? name : best));
        if (nearest.facts.some((fact) => matches(stated, FACTS[fact]))) continue;
        const expected = nearest.facts.map((fact) => `<Fact name="${fact}" /> (${formatFact(fact, "en")})`);
        problems.push({
          line: unit.line,
          sentence: sentence.trim(),
          number: stated.text,
          name: nearest.text,
          expected,
          message: `line ${unit.line}: "${stated.text}" next to ${nearest.text} is not the engine's value; write ${expected.join(" or ")} instead, or mark a deliberate example with {/* fact-check: example */}. In: "${sentence.trim()}"`,
        });
      }
    }
  }
  return problems;
}

/** Problems in one lesson's MDX source: hand-written numbers that disagree with the engine. */
export function checkLessonNumbers(mdx: string): FactProblem[] {
  return checkUnits(unitsOf(proseOf(mdx)));
}

/**
 * Problems in plain text that cannot render a `<Fact>` (quiz prompts, options, feedback):
 * the same rule as in lessons, with inline code treated as in MDX.
 */
export function checkTextNumbers(text: string): FactProblem[] {
  const prose = text.replace(/`([^`\n]+)`/g, (_all, code: string) => ` ${code.replace(/\d+(?!MSL)/g, (d) => "#".repeat(d.length))} `);
  return checkUnits([{ line: 1, text: prose.replace(/\s+/g, " "), quoted: false }]);
}

export type TitleProblem = { line: number; title: string; number: string; message: string };

/** Numbers a title may carry as they are: RFC and section numbers, figures, kernel versions. */
const NAMED_NUMBER = /(?:RFC|Linux|§|Figure|图|commit)\s*[\d.]+/gi;
/** Digits that are part of a name (FIN-WAIT-2, 2MSL, tcp_rfc1337, SO_LINGER 0 is not one). */
const DIGITS_IN_NAME = /[A-Za-z_][\w-]*\d[\w-]*|\d+[A-Za-z_][\w-]*/g;
const TITLED = /<(?:Callout|RfcVsLinux)\b[^>]*?\btitle="([^"]*)"/g;

/**
 * Numbers in the titles of callouts and RFC/Linux boxes: every quantity must be a
 * `{fact:name}` placeholder, so titles stay as true as the text under them. A title that quotes
 * the source article's number says so ("the article's 1024").
 */
export function checkTitleNumbers(mdx: string): TitleProblem[] {
  const problems: TitleProblem[] = [];
  for (const match of mdx.matchAll(TITLED)) {
    const title = match[1]!;
    const line = mdx.slice(0, match.index).split("\n").length;
    if (ATTRIBUTED_TO_ARTICLE.test(title)) continue;
    const bare = title.replace(FACT_PLACEHOLDER, " ").replace(NAMED_NUMBER, " ").replace(DIGITS_IN_NAME, " ");
    for (const number of bare.match(/\d[\d,.–-]*/g) ?? []) {
      problems.push({
        line,
        title,
        number,
        message: `line ${line}: the title "${title}" writes ${number} by hand; use a {fact:name} placeholder (domain/content/facts.ts) or attribute the number to the article.`,
      });
    }
  }
  return problems;
}
