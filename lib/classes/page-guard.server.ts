import "server-only";
import { notFound } from "next/navigation";
import { NotAllowedError } from "./errors";

/**
 * For pages: a class, assignment or student the instructor may not see is answered with 404,
 * the same as one that does not exist, so ids cannot be probed. (Students never get this far:
 * `requireInstructor` answers them 403.)
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotAllowedError) notFound();
    throw error;
  }
}
