import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/tcp-course.db";

export type DatabaseProvider = "sqlite" | "postgresql";

/** SQLite for `file:` URLs (the default), PostgreSQL for `postgres://` and `postgresql://`. */
export function databaseProvider(url: string | undefined = DEFAULT_DATABASE_URL): DatabaseProvider {
  const value = url && url.trim() !== "" ? url : DEFAULT_DATABASE_URL;
  if (value.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(value)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (got "${value.split(":")[0]}:...")`);
}

/**
 * Resolves a SQLite `file:` URL to an absolute path so the CLI, the seed and the server all open
 * the same file whatever their working directory.
 */
export function databaseFile(url: string | undefined = DEFAULT_DATABASE_URL): string {
  const value = url && url.trim() !== "" ? url : DEFAULT_DATABASE_URL;
  if (databaseProvider(value) !== "sqlite") throw new Error("databaseFile() is only for SQLite file: URLs");
  const file = value.slice("file:".length).split("?")[0] ?? "";
  if (file === "") throw new Error("DATABASE_URL has an empty file path");
  return path.resolve(process.cwd(), file);
}
