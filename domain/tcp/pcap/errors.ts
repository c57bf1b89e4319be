import { noteText, problemText } from "./problem-words";
import { noteOf, problem, type CaptureNoteCode, type CaptureProblem, type NoteCode, type NoteParams, type ProblemCode, type ProblemParams } from "./problems";

/**
 * Malformed input is reported with the byte offset where reading went wrong, so a learner (or a
 * test) can look at exactly that spot with a hex viewer. `problem` is the report as data (any
 * language renders it, problem-words.ts); `message` is its English.
 */
export class CaptureFormatError extends Error {
  override readonly name = "CaptureFormatError";
  readonly offset: number;

  constructor(readonly problem: CaptureProblem) {
    super(problemText(problem, "en"));
    this.offset = problem.offset;
  }
}

/** A reader error of `code` at `offset`. */
export function formatError<C extends ProblemCode>(code: C, offset: number, params: ProblemParams[C]): CaptureFormatError {
  return new CaptureFormatError(problem(code, offset, params));
}

/**
 * Something that did not stop the reading but that the reader wants known: the problem, and its
 * English. As JSON (the CLI's output, docs/capture-reader.md) it stays `{offset, message}`; a
 * structured clone (a worker's answer) keeps the code and its numbers.
 */
export type CaptureWarning = CaptureProblem & { message: string };

const WARNING_AS_JSON = {
  toJSON(this: CaptureWarning) {
    return { offset: this.offset, message: this.message };
  },
};

export function captureWarning<C extends ProblemCode>(code: C, offset: number, params: ProblemParams[C]): CaptureWarning {
  const coded = problem(code, offset, params);
  return Object.assign(Object.create(WARNING_AS_JSON) as object, coded, { message: problemText(coded, "en") });
}

/** An assumption or oddity of one connection: the note, and its English (its JSON form). */
export type CaptureNote = CaptureNoteCode & { message: string };

const NOTE_AS_JSON = {
  toJSON(this: CaptureNote) {
    return this.message;
  },
};

export function captureNote<C extends NoteCode>(code: C, params: NoteParams[C]): CaptureNote {
  const coded = noteOf(code, params);
  return Object.assign(Object.create(NOTE_AS_JSON) as object, coded, { message: noteText(coded, "en") });
}
