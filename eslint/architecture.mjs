// The four floors of the tree (docs/architecture.md) and the ESLint rules that hold them.
// Shared by eslint.config.mjs and the import-graph test (tests/unit/architecture), so both read
// the same table.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Each top-level folder's floor: a module may import from its own floor or one below, never
 * from above. `content/` (lessons, quizzes, glossary) is data built on `domain/`'s types.
 * `proxy.ts` and `instrumentation.ts` are Next's entry points, like routes.
 */
export const FLOORS = { domain: 0, content: 1, lib: 2, components: 3, app: 4 };
const ENTRY_FILES = { "proxy.ts": "app", "instrumentation.ts": "app" };
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs"];

/** The floor of a file given by its path from the repository root, or undefined outside them. */
export function floorOf(relativePath) {
  const posix = relativePath.split(path.sep).join("/");
  if (ENTRY_FILES[posix]) return ENTRY_FILES[posix];
  const top = posix.split("/")[0];
  return Object.hasOwn(FLOORS, top) ? top : undefined;
}

/** True when a module on floor `from` may import one on floor `to` (files outside the floors are free). */
export function mayImport(from, to) {
  if (from === undefined || to === undefined) return true;
  return FLOORS[to] <= FLOORS[from];
}

/** The file an import names (`@/…` or relative), or undefined for packages and unknown paths. */
export function resolveImport(root, fromFile, specifier) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../")) base = path.resolve(path.dirname(fromFile), specifier);
  else return undefined;
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, "index" + ext))];
  // "./x.js" written for a TypeScript file x.ts
  if (/\.m?js$/.test(base)) candidates.push(base.replace(/\.m?js$/, ".ts"), base.replace(/\.m?js$/, ".tsx"));
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

const SERVER_ONLY_IMPORT = /^\s*import\s+["']server-only["'];?\s*$/m;

/** A server module: named `*.server.ts` or importing `server-only` (the build then refuses it in client code). */
export function isServerModule(file, source = readFileSync(file, "utf8")) {
  return /\.server\.tsx?$/.test(file) || SERVER_ONLY_IMPORT.test(source);
}

/** The module's directive ("use client" / "use server"), if its first statement is one. */
export function directiveOf(source) {
  const match = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["'](use client|use server)["']/.exec(source);
  return match ? match[1] : undefined;
}

function importSources(node) {
  if ((node.type === "ImportDeclaration" || node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source)
    return node.source.value;
  if (node.type === "ImportExpression" && node.source.type === "Literal" && typeof node.source.value === "string") return node.source.value;
  return undefined;
}

function isTypeOnly(node) {
  if (node.importKind === "type" || node.exportKind === "type") return true;
  if (node.type === "ImportDeclaration" && node.specifiers.length > 0)
    return node.specifiers.every((specifier) => specifier.type === "ImportSpecifier" && specifier.importKind === "type");
  return false;
}

function visitImports(check) {
  return {
    ImportDeclaration: check,
    ExportNamedDeclaration: check,
    ExportAllDeclaration: check,
    ImportExpression: check,
  };
}

const floors = {
  meta: {
    type: "problem",
    docs: { description: "Imports run app -> components -> lib -> content -> domain, never back (docs/architecture.md)." },
    messages: { upward: "{{from}}/ may not import from {{to}}/ ({{specifier}}): imports run app -> components -> lib -> content -> domain. See docs/architecture.md." },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const from = floorOf(path.relative(root, context.filename));
    if (from === undefined) return {};
    return visitImports((node) => {
      const specifier = importSources(node);
      if (specifier === undefined) return;
      const target = resolveImport(root, context.filename, specifier);
      if (target === undefined) return;
      const to = floorOf(path.relative(root, target));
      if (!mayImport(from, to)) context.report({ node, messageId: "upward", data: { from, to, specifier } });
    });
  },
};

const clientImportsNoServer = {
  meta: {
    type: "problem",
    docs: { description: 'A "use client" module may not import a server module (one that imports "server-only").' },
    messages: {
      server: '"use client" module imports the server module {{specifier}}: answer keys, secrets and the database stay on the server. Pass the data down as props or call a Server Action.',
    },
    schema: [],
  },
  create(context) {
    if (directiveOf(context.sourceCode.text) !== "use client") return {};
    const root = context.cwd;
    return visitImports((node) => {
      const specifier = importSources(node);
      if (specifier === undefined || isTypeOnly(node)) return;
      if (specifier === "server-only") return context.report({ node, messageId: "server", data: { specifier } });
      const target = resolveImport(root, context.filename, specifier);
      if (target === undefined || directiveOf(readFileSync(target, "utf8")) === "use server") return;
      if (isServerModule(target)) context.report({ node, messageId: "server", data: { specifier } });
    });
  },
};

export const architecturePlugin = { rules: { floors, "client-imports-no-server": clientImportsNoServer } };
