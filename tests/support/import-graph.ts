/**
 * The import graph of the application's four floors (app, components, lib, domain, with content
 * beside domain), read with TypeScript's parser, and the checks docs/architecture.md promises:
 * no upward arrow, no cycle, no client module that reaches a server module.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll } from "vitest";
import { directiveOf, floorOf, FLOORS, isServerModule, mayImport, resolveImport } from "../../eslint/architecture.mjs";

export type ImportEdge = { to: string; specifier: string; typeOnly: boolean };
export type ModuleNode = { file: string; directive: "use client" | "use server" | undefined; server: boolean; imports: ImportEdge[] };
export type ImportGraph = { root: string; modules: Map<string, ModuleNode> };

const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const ENTRY_FILES = ["proxy.ts", "instrumentation.ts"];

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
    }
  };
  for (const floor of Object.keys(FLOORS)) {
    try {
      walk(path.join(root, floor));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  for (const entry of ENTRY_FILES) {
    try {
      readFileSync(path.join(root, entry));
      files.push(path.join(root, entry));
    } catch {
      // a tree without that entry point
    }
  }
  return files;
}

function importsOf(file: string, source: string): Array<{ specifier: string; typeOnly: boolean }> {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const namedOnlyTypes =
        clause !== undefined &&
        clause.name === undefined &&
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((element) => element.isTypeOnly);
      found.push({ specifier: statement.moduleSpecifier.text, typeOnly: Boolean(clause?.isTypeOnly) || namedOnlyTypes });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Reads every module under the floors of `root` and resolves its imports to files. */
export function readImportGraph(root: string): ImportGraph {
  const modules = new Map<string, ModuleNode>();
  for (const file of sourceFiles(root)) {
    const source = readFileSync(file, "utf8");
    const imports: ImportEdge[] = [];
    for (const { specifier, typeOnly } of importsOf(file, source)) {
      const to = resolveImport(root, file, specifier);
      if (to !== undefined) imports.push({ to, specifier, typeOnly });
    }
    modules.set(file, { file, directive: directiveOf(source), server: isServerModule(file, source), imports });
  }
  return { root, modules };
}

const relative = (graph: ImportGraph, file: string) => path.relative(graph.root, file).split(path.sep).join("/");

/** Every import that runs up a floor, as "from -> to". */
export function upwardImports(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const node of graph.modules.values()) {
    const from = floorOf(relative(graph, node.file));
    for (const edge of node.imports) {
      if (!mayImport(from, floorOf(relative(graph, edge.to)))) found.push(`${relative(graph, node.file)} -> ${relative(graph, edge.to)}`);
    }
  }
  return found.sort();
}

/** Every cycle (strongly connected group of two or more modules, or a module importing itself), types included. */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const targets = (file: string) => (graph.modules.get(file)?.imports ?? []).map((edge) => edge.to).filter((to) => graph.modules.has(to));

  for (const start of graph.modules.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ file: string; next: number }> = [{ file: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = targets(frame.file);
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ file: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.file, Math.min(low.get(frame.file)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === index.get(frame.file)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.file);
        if (group.length > 1 || edges.includes(frame.file)) cycles.push(group.map((file) => relative(graph, file)).sort());
      }
    }
  }
  return cycles;
}

/**
 * Every path from a "use client" module to a server module through imports that survive
 * compilation (type-only imports are erased; a "use server" module becomes a reference to the
 * server, so the walk stops there). Next ships everything a client module reaches to the browser.
 */
export function clientReachesServer(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const client of graph.modules.values()) {
    if (client.directive !== "use client") continue;
    const cameFrom = new Map<string, string>([[client.file, ""]]);
    const queue = [client.file];
    while (queue.length > 0) {
      const file = queue.shift()!;
      const node = graph.modules.get(file);
      if (!node) continue;
      if (node.server) {
        const chain = [file];
        for (let step = cameFrom.get(file); step; step = cameFrom.get(step)) chain.unshift(step);
        found.push(chain.map((member) => relative(graph, member)).join(" -> "));
        continue;
      }
      for (const edge of node.imports) {
        if (edge.typeOnly || cameFrom.has(edge.to)) continue;
        if (graph.modules.get(edge.to)?.directive === "use server") continue;
        cameFrom.set(edge.to, file);
        queue.push(edge.to);
      }
    }
  }
  return found.sort();
}

/**
 * Every module the browser may load: the "use client" modules and whatever they reach through
 * imports that survive compilation, static or loaded on demand (a "use server" module stays on
 * the server; the browser holds only a reference to it).
 */
export function clientReachable(graph: ImportGraph): string[] {
  const reached = new Set<string>();
  const queue = [...graph.modules.values()].filter((node) => node.directive === "use client").map((node) => node.file);
  for (const file of queue) reached.add(file);
  while (queue.length > 0) {
    for (const edge of graph.modules.get(queue.shift()!)?.imports ?? []) {
      if (edge.typeOnly || reached.has(edge.to) || graph.modules.get(edge.to)?.directive === "use server") continue;
      reached.add(edge.to);
      queue.push(edge.to);
    }
  }
  return [...reached].map((file) => relative(graph, file)).sort();
}

/** A throwaway tree for planting violations, removed after the describe block that asks for it. */
export function plantedTree(prefix: string): { root: string; write: (file: string, text: string) => void } {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    root,
    write: (file, text) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    },
  };
}
