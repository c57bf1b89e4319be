import "server-only";
import { Prisma } from "@/generated/prisma/client";

/** A unique-key violation from a direct statement (lib/db.server.ts `directSql`), with the driver's error as cause. */
export class DirectUniqueViolation extends Error {
  readonly code = "P2002";
  constructor(cause: unknown) {
    super("Unique constraint failed", { cause });
    this.name = "DirectUniqueViolation";
  }
}

/** True for a unique-constraint violation (P2002) from either generated client or a direct statement. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof DirectUniqueViolation ||
    ((error instanceof Prisma.PrismaClientKnownRequestError || (error as { name?: string })?.name === "PrismaClientKnownRequestError") &&
      (error as { code?: string }).code === "P2002")
  );
}

/**
 * Runs an upsert-like write again when a concurrent writer inserted the same unique key first.
 * Prisma falls back to "find, then create" for upserts it cannot turn into one statement
 * (compound keys, PostgreSQL), so two racing requests can both try to create; the loser's retry
 * then finds the row and updates it.
 */
export async function retryOnUniqueViolation<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}
