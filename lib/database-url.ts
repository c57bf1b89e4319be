import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/tcp-course.db";

/**
 * Resolves a SQLite `file:` URL to an absolute path so the CLI, the seed and the server all open
 * the same file whatever their working directory.
 */
export function databaseFile(url: string | undefined = DEFAULT_DATABASE_URL): string {
  const value = url && url.trim() !== "" ? url : DEFAULT_DATABASE_URL;
  if (!value.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${value.split(":")[0]}:...")`);
  }
  const file = value.slice("file:".length).split("?")[0] ?? "";
  if (file === "") throw new Error("DATABASE_URL has an empty file path");
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
