/**
 * The interactive components' words (simulator, challenges, playground, labs, charts, capture
 * viewer): the same keys in both languages, and every Chinese text written in Chinese. Functions
 * are called with sample arguments and their results compared like plain texts.
 */
import { describe, expect, it } from "vitest";
import { basePath, playgroundPath, switchLocalePath } from "@/lib/i18n/paths";
import { labWords } from "@/lib/i18n/words/labs";
import { simulatorWords } from "@/lib/i18n/words/simulator";

const HAN = /\p{Script=Han}/u;
const SAMPLE_ARGS = [2, 3, 5, 7];

/** Every leaf as `path → text`; a function's leaf is what it returns for the sample arguments. */
function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") out.set(prefix, String((value as (...args: unknown[]) => unknown)(...SAMPLE_ARGS)));
  else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) for (const [path, text] of leaves(inner, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
  } else out.set(prefix, String(value));
  return out;
}

/**
 * Texts that are rightly the same in both languages or carry no words of their own: Wireshark's
 * column names, socket API and flag names, separators, a BCP 47 tag, punctuation joining a chart's title and description.
 */
const NOT_WORDS: Record<string, readonly string[]> = {
  simulator: [
    "columns.seq", "columns.ack", "columns.len", "columns.win", "sentenceGap", "notesSeparator", "dateLocale",
    // Socket API names and TCP flag names are written the same in Chinese technical text.
    "calls.setsockopt.help", "optionLabels.SO_LINGER", "optionParts.linger",
    "predict.segments.SYN", "predict.segments.SYN-ACK", "predict.segments.FIN", "predict.segments.RST",
  ],
  labs: ["chart.image", "capture.sentenceGap"],
};

describe.each([
  ["simulator", simulatorWords],
  ["labs", labWords],
] as const)("%s words", (family, words) => {
  const en = leaves(words("en"));
  const zh = leaves(words("zh"));

  it("has the same keys in both languages", () => {
    expect([...zh.keys()]).toEqual([...en.keys()]);
  });

  it("has Chinese for every text of the Chinese interface, different from the English", () => {
    const problems: string[] = [];
    for (const [path, english] of en) {
      if (NOT_WORDS[family]!.includes(path)) continue;
      const chinese = zh.get(path) ?? "";
      if (chinese.trim() === "") problems.push(`${path}: empty`);
      else if (!HAN.test(chinese)) problems.push(`${path}: no Chinese in “${chinese}”`);
      else if (chinese === english) problems.push(`${path}: same as the English`);
      if (english.trim() === "") problems.push(`${path}: empty in English`);
    }
    expect(problems).toEqual([]);
  });
});

describe("simulator words", () => {
  it("names every lazily loaded component in the loading placeholder", () => {
    for (const what of ["simulator", "challenge", "TIME-WAIT lab", "SYN backlog lab", "capture viewer"] as const) {
      expect(simulatorWords("en").loading(what)).toBe(`Loading the ${what}…`);
      const zh = simulatorWords("zh").loading(what);
      expect(zh).toMatch(/^正在加载/);
      expect(zh).not.toContain("undefined");
      expect(zh).not.toContain("Loading");
    }
  });

  it("keeps technical names as they are in Chinese", () => {
    const zh = simulatorWords("zh");
    expect(zh.stateDiagram("TIME-WAIT", "TIME_WAIT", "CLOSED", "CLOSE")).toContain("TIME-WAIT（TIME_WAIT）");
    expect(zh.calls.abort.help).toContain("SO_LINGER");
    expect(labWords("zh").timeWait.portLow).toContain("ip_local_port_range");
    expect(labWords("zh").synBacklog.cookies[1]).toMatch(/^1（/);
  });
});

describe("the playground in both languages", () => {
  it("lives at /playground and /zh/playground, and the language switch maps one to the other", () => {
    expect(playgroundPath("en")).toBe("/playground");
    expect(playgroundPath("zh")).toBe("/zh/playground");
    expect(basePath("/zh/playground")).toBe("/playground");
    expect(switchLocalePath("/playground", "zh")).toBe("/zh/playground");
    expect(switchLocalePath("/zh/playground", "en")).toBe("/playground");
  });
});
