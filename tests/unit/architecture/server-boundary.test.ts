/**
 * The server boundary (docs/architecture.md): server modules import "server-only", so Next's build
 * refuses them in client code; lint refuses a direct import; and no client module reaches one
 * through the import graph. Each check is shown failing on a planted violation.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { clientReachesServer, plantedTree, readImportGraph } from "../../support/import-graph";

const root = fileURLToPath(new URL("../../..", import.meta.url));

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => pattern.test(file))
    .map((file) => path.join(dir, file).split(path.sep).join("/"));
}

describe("server modules", () => {
  it('every lib/**/*.server.ts and every file holding answer keys starts with import "server-only"', () => {
    const serverFiles = [...filesUnder("lib", /\.server\.ts$/), "content/quizzes.ts", ...filesUnder("content", /(^|\/)quiz(\.zh)?\.ts$/)];
    expect(serverFiles.length).toBeGreaterThan(60);
    const missing = serverFiles.filter((file) => !readFileSync(path.join(root, file), "utf8").startsWith('import "server-only";\n'));
    expect(missing).toEqual([]);
  });

  it("no client module reaches a server module through the import graph", () => {
    expect(clientReachesServer(readImportGraph(root))).toEqual([]);
  }, 60_000);
});

describe("the checks fail on a violation", () => {
  const { root: planted, write } = plantedTree("import-graph-");

  it("the graph walk finds a client component that reaches a server module through a plain lib module", () => {
    write("lib/keys.server.ts", 'import "server-only";\nexport const answer = 42;\n');
    write("lib/secret.ts", 'import "server-only";\nexport const secret = "s";\n');
    write("lib/helper.ts", 'import { answer } from "./keys.server";\nexport const doubled = answer * 2;\n');
    write("lib/types-only.ts", 'import type { secret } from "./secret";\nexport type Secret = typeof secret;\n');
    write("lib/actions.ts", '"use server";\nimport { answer } from "./keys.server";\nexport async function reveal() { return answer; }\n');
    write(
      "components/widget.tsx",
      '"use client";\nimport { doubled } from "@/lib/helper";\nimport type { Secret } from "@/lib/types-only";\nimport { reveal } from "@/lib/actions";\nexport const Widget = () => [doubled, reveal] as unknown as Secret;\n',
    );
    write("components/panel.tsx", '"use client";\nimport { secret } from "../lib/secret";\nexport const Panel = () => secret;\n');

    expect(clientReachesServer(readImportGraph(planted))).toEqual([
      "components/panel.tsx -> lib/secret.ts",
      "components/widget.tsx -> lib/helper.ts -> lib/keys.server.ts",
    ]);
  });

  it("lint refuses a client component that imports a server module", async () => {
    const eslint = new ESLint({ cwd: root });
    const lint = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, "components/quiz/planted-client.tsx") });
      return (result?.messages ?? []).filter((message) => message.ruleId === "architecture/client-imports-no-server").length;
    };
    expect(await lint('"use client";\nimport { getQuiz } from "@/lib/quiz/registry.server";\nexport const planted = getQuiz;\n')).toBe(1);
    expect(await lint('"use client";\nimport { newJoinCode } from "@/lib/classes/codes";\nexport const planted = newJoinCode;\n')).toBe(1);
    expect(await lint('"use client";\nimport "server-only";\nexport const planted = 1;\n')).toBe(1);
    // A type is erased; a server component may import anything.
    expect(await lint('"use client";\nimport type { LessonStatus } from "@/lib/dashboard/learner-dashboard.server";\nexport const planted = (s: LessonStatus) => s;\n')).toBe(0);
    expect(await lint('import { getQuiz } from "@/lib/quiz/registry.server";\nexport const planted = getQuiz;\n')).toBe(0);
  }, 120_000);
});
