/**
 * Malformed input is reported with the byte offset where reading went wrong, so a learner (or a
 * test) can look at exactly that spot with a hex viewer.
 */
export class CaptureFormatError extends Error {
  override readonly name = "CaptureFormatError";

  /**
   * @param offset byte offset in the capture file of the structure that is wrong
   * @param problem what is wrong, e.g. "truncated packet record"
   * @param detail the numbers that show it, e.g. "header says 60 bytes, 12 remain"
   */
  constructor(
    readonly offset: number,
    readonly problem: string,
    readonly detail?: string,
  ) {
    super(describe(offset, problem, detail));
  }
}

/** Something that did not stop the reading but that the reader wants known. */
export interface CaptureWarning {
  offset: number;
  message: string;
}

export function captureWarning(offset: number, problem: string, detail?: string): CaptureWarning {
  return { offset, message: describe(offset, problem, detail) };
}

function describe(offset: number, problem: string, detail: string | undefined): string {
  return `${problem} at byte ${offset}${detail ? `: ${detail}` : ""}`;
}
