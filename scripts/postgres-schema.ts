/**
 * Derives prisma/postgresql/schema.prisma from prisma/schema.prisma (the one schema everybody
 * edits): same models, PostgreSQL provider, its own generated client. `--check` exits 1 when the
 * committed file is stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

export function derivePostgresSchema(sqlite: string): string {
  const replaced = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/generated\/prisma"/, 'output       = "../../generated/prisma-pg"');
  if (!replaced.includes('"postgresql"') || !replaced.includes("prisma-pg")) {
    throw new Error(`${SQLITE_SCHEMA}: expected provider "sqlite" and output "../generated/prisma" to rewrite`);
  }
  return `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: edit that file, not this one.\n${replaced}`;
}

function main() {
  const expected = derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    const current = readFileSync(POSTGRES_SCHEMA, "utf8");
    if (current !== expected) {
      console.error(`${POSTGRES_SCHEMA} is stale: run npx tsx scripts/postgres-schema.ts`);
      process.exit(1);
    }
    return;
  }
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, expected);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("scripts/postgres-schema.ts")) main();
