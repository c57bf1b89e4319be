/**
 * zod in the browser stays as small as the schemas it runs: every module a client component
 * reaches (ADR 1520) uses zod's schema builders only. Reading a namespace of zod's (`z.core`,
 * `z.locales`, `z.util`…) or handing `z` around as a value keeps the whole of it in the one zod
 * chunk every client part shares: `z.core.util.joinValues` in the playground link's codec put all
 * of zod's core (every locale, the JSON Schema generator) in the playground's first screen,
 * 67.5 kB of brotli instead of 27.9 kB. Type positions (`z.core.$ZodIssue`) are erased and allowed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { clientReachable, plantedTree, readImportGraph } from "../../support/import-graph";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** zod's namespaces and whole-library tools: reading one keeps all of it in the bundle. */
const WHOLE_OF_ZOD = new Set(["core", "locales", "util", "regexes", "JSONSchema", "toJSONSchema"]);

/** Where a module makes the browser's zod larger than its schemas: "file:line: z.core". */
function zodWholeUses(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names = new Set<string>();
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!/^zod(\/|$)/.test(specifier)) continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    if (specifier !== "zod" && specifier !== "zod/v4" && specifier !== "zod/mini") at(statement, `import from "${specifier}"`);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        const imported = (element.propertyName ?? element.name).text;
        if (imported === "z") names.add(element.name.text);
        else if (WHOLE_OF_ZOD.has(imported)) at(element, `import { ${imported} } from "${specifier}"`);
      }
    }
    if (clause.name) names.add(clause.name.text);
  }
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && names.has(node.text) && !isTypePosition(node) && !isDeclaration(node)) {
      const parent = node.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
        if (WHOLE_OF_ZOD.has(parent.name.text)) at(node, `${node.text}.${parent.name.text}`);
      } else if (!(ts.isPropertyAccessExpression(parent) && parent.name === node)) {
        at(node, `${node.text} as a value`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isTypePosition(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at !== undefined; at = at.parent) {
    if (ts.isTypeNode(at) || ts.isTypeAliasDeclaration(at) || ts.isInterfaceDeclaration(at) || ts.isTypeQueryNode(at)) return true;
    if (ts.isExpressionWithTypeArguments(at) && ts.isHeritageClause(at.parent) && at.parent.token === ts.SyntaxKind.ImplementsKeyword) return true;
    if (ts.isStatement(at) || ts.isExpressionStatement(at)) return false;
  }
  return false;
}

function isDeclaration(node: ts.Identifier): boolean {
  const parent = node.parent;
  return ts.isImportSpecifier(parent) || ts.isNamespaceImport(parent) || ts.isImportClause(parent);
}

function zodWholeUsesIn(base: string): string[] {
  const graph = readImportGraph(base);
  return clientReachable(graph).flatMap((file) => zodWholeUses(file, readFileSync(path.join(base, file), "utf8")));
}

describe("zod in the browser", () => {
  it("no module a client component reaches reads a zod namespace or passes z around", () => {
    const graph = readImportGraph(root);
    const reachable = clientReachable(graph);
    // The walk reaches the playground link's codec (loaded on demand) and the engine's schemas.
    expect(reachable).toEqual(expect.arrayContaining(["domain/simulator/url-state.ts", "domain/tcp/schemas.ts", "components/simulator/playground.tsx"]));
    expect(reachable.flatMap((file) => zodWholeUses(file, readFileSync(path.join(root, file), "utf8")))).toEqual([]);
  }, 60_000);
});

describe("the check fails on a violation", () => {
  const { root: planted, write } = plantedTree("client-zod-");

  it("finds a namespace read or z as a value in client code, reached statically or on demand, and nothing in types or on the server", () => {
    write(
      "domain/codec.ts",
      [
        'import { z } from "zod";',
        "export const schema = z.object({ n: z.number() });",
        "export type Issue = z.core.$ZodIssue;",
        'export const join = (values: unknown[]) => z.core.util.joinValues(values, "|");',
        "export const all = (issue: z.core.$ZodIssue): string => issue.message;",
        "",
      ].join("\n"),
    );
    write("domain/locales.ts", 'import * as zod from "zod";\nimport { locales } from "zod";\nexport const pick = () => zod.locales.de;\nexport const both = [locales];\n');
    write("domain/handed.ts", 'import { z } from "zod";\nexport const registry = new Map([["z", z]]);\n');
    write("domain/core.ts", 'import * as core from "zod/v4/core";\nexport const version = core.version;\n');
    write("domain/server-side.ts", 'import { z } from "zod";\nexport const generate = () => z.toJSONSchema(z.string());\n');
    write("lib/actions.ts", '"use server";\nimport { generate } from "@/domain/server-side";\nexport async function act() { return generate(); }\n');
    write(
      "components/widget.tsx",
      '"use client";\nimport { schema } from "@/domain/codec";\nimport { registry } from "@/domain/handed";\nimport { act } from "@/lib/actions";\nexport const Widget = () => [schema, registry, act, import("@/domain/locales"), import("@/domain/core")];\n',
    );

    expect(zodWholeUsesIn(planted)).toEqual([
      "domain/codec.ts:4: z.core",
      'domain/core.ts:1: import from "zod/v4/core"',
      "domain/handed.ts:2: z as a value",
      'domain/locales.ts:2: import { locales } from "zod"',
      "domain/locales.ts:3: zod.locales",
    ]);
  });
});
