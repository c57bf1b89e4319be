/**
 * The four floors (docs/architecture.md): imports run app -> components -> lib -> content ->
 * domain, never back, and no two modules import each other, even through others. The import
 * graph and the lint rule both hold it; each is shown failing on a planted violation.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { importCycles, plantedTree, readImportGraph, upwardImports } from "../../support/import-graph";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the tree", () => {
  const graph = readImportGraph(root);

  it("has no import that runs up a floor", () => {
    expect(graph.modules.size).toBeGreaterThan(500);
    expect(upwardImports(graph)).toEqual([]);
  });

  it("has no import cycle, type imports included", () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe("the checks fail on a violation", () => {
  const { root: planted, write } = plantedTree("floors-");

  it("the graph finds every upward import and every cycle", () => {
    write("domain/rule.ts", 'import { helper } from "@/lib/helper";\nexport const rule = helper;\n');
    write("lib/helper.ts", 'import type { Props } from "@/components/widget";\nexport const helper = 1 as unknown as Props;\n');
    write("components/widget.tsx", 'import { save } from "@/app/actions";\nexport type Props = { save: typeof save };\n');
    write("app/actions.ts", '"use server";\nexport async function save() {}\n');
    write("lib/a.ts", 'import { b } from "./b";\nexport const a = () => b;\n');
    write("lib/b.ts", 'import type { a } from "./a";\nexport const b = 1 as unknown as typeof a;\n');
    write("app/page.tsx", 'import { rule } from "@/domain/rule";\nexport default function Page() { return rule; }\n');

    const graph = readImportGraph(planted);
    expect(upwardImports(graph)).toEqual(["components/widget.tsx -> app/actions.ts", "domain/rule.ts -> lib/helper.ts", "lib/helper.ts -> components/widget.tsx"]);
    expect(importCycles(graph)).toEqual([["lib/a.ts", "lib/b.ts"]]);
  });

  it("lint refuses an upward import on every floor, and allows a downward one", async () => {
    const eslint = new ESLint({ cwd: root });
    const lint = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
      return (result?.messages ?? []).filter((message) => message.ruleId === "architecture/floors").length;
    };
    expect(await lint("domain/planted.ts", 'import { getQuiz } from "@/lib/quiz/registry.server";\nexport const planted = getQuiz;\n')).toBe(1);
    expect(await lint("domain/planted.ts", 'import type { Locale } from "@/lib/i18n/paths";\nexport type Planted = Locale;\n')).toBe(1);
    expect(await lint("lib/planted.ts", 'import { Quiz } from "@/components/quiz/quiz";\nexport const planted = Quiz;\n')).toBe(1);
    expect(await lint("components/planted.tsx", 'import RootLayout from "@/app/layout";\nexport const planted = RootLayout;\n')).toBe(1);
    expect(await lint("app/planted.tsx", 'import { Quiz } from "@/components/quiz/quiz";\nimport { LOCALES } from "@/domain/locale";\nexport const planted = [Quiz, LOCALES];\n')).toBe(0);
  }, 120_000);
});
