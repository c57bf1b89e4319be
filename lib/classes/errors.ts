/** Refused: the user may not see or change this (also used for things that do not exist, so ids cannot be probed). */
export class NotAllowedError extends Error {
  constructor(message = "Not allowed") {
    super(message);
    this.name = "NotAllowedError";
  }
}

/** The class is archived: it can be read, and its owner can restore it, but nothing else changes. */
export class ClassArchivedError extends NotAllowedError {
  constructor() {
    super("This class is archived");
    this.name = "ClassArchivedError";
  }
}

/** Why a class's instructor action was refused: not theirs (or no such thing), or archived. */
export type TeachingRefusal = "not-allowed" | "archived";

/** The refusal a thrown error stands for, or undefined when it is no refusal. */
export const thrownRefusal = (error: unknown): TeachingRefusal | undefined =>
  error instanceof ClassArchivedError ? "archived" : error instanceof NotAllowedError ? "not-allowed" : undefined;
