/** Reading and validating the CLI's JSON input files; failures become UsageError (exit code 2). */
import { readFile } from "node:fs/promises";
import type { ParseResult } from "../domain/tcp/schemas";

/** Bad input from the user: printed as a message, never as a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${path}: no such file` : `${path}: cannot read (${code ?? (error as Error).message})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${path}: invalid JSON: ${(error as Error).message}`);
  }
}

/** Validate with one of the domain's parsers; every problem is reported with its field path. */
export async function readValidated<T>(path: string, parse: (input: unknown) => ParseResult<T>): Promise<T> {
  const result = parse(await readJsonFile(path));
  if (result.ok) return result.value;
  throw new UsageError(`${path}: invalid input\n${result.issues.map((issue) => `  ${issue}`).join("\n")}`);
}
