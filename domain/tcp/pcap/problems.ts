/**
 * What the capture reader reports, as data: a code, the byte offset where reading went wrong, and
 * the numbers that show it, typed per code. The words (English, Chinese) live in one table,
 * problem-words.ts; the reader itself writes no sentence.
 */

/** A pcapng block by its type: the known ones by name, any other by its number. */
export type PcapngBlockKind = "section-header" | "interface-description" | "packet" | "simple-packet" | "enhanced-packet" | "other";

export interface PcapngBlock {
  kind: PcapngBlockKind;
  /** The block type as written in the file (shown for `other`). */
  type: number;
}

/** The numbers each problem comes with. */
export interface ProblemParams {
  "empty-capture": { bytes: number };
  "too-short": { bytes: number };
  "gzip-compressed": Record<string, never>;
  "not-a-capture": { firstBytes: string };
  "truncated-pcap-header": { needed: number; present: number };
  "unsupported-pcap-version": { major: number; minor: number };
  "unsupported-pcapng-version": { major: number; minor: number };
  "truncated-record-header": { needed: number; remain: number };
  "truncated-record": { declared: number; remain: number };
  "record-too-large": { captured: number; limit: number };
  "truncated-block-header": { needed: number; remain: number };
  /** `remain` is absent when the file ended while the block's body was being skipped. */
  "truncated-block": { declared: number; remain?: number };
  "truncated-section-header": { present: number };
  "data-before-section": { blockType: number };
  "bad-byte-order-magic": { magic: number };
  "bad-block-length": { block: PcapngBlock; length: number };
  "block-length-mismatch": { header: number; trailer: number };
  "block-too-short": { block: PcapngBlock; length: number; minimum: number };
  "block-too-large": { block: PcapngBlock; length: number; limit: number };
  "option-overrun": { option: number; declared: number; remain: number };
  "undeclared-interface": { interfaceId: number; declared: number };
  "packet-overrun": { captured: number; blockLength: number };
  "packet-too-large": { captured: number; limit: number };
  "too-many-interfaces": { limit: number };
  "fragments-skipped": { count: number };
  /** `reason` is the decoder's own account of the bytes (field names and values). */
  "malformed-packet": { frame: number; reason: string };
  "unsupported-link-type": { linkType: number };
  "no-timestamps": Record<string, never>;
  /** Not at a byte: how many warnings past the limit were dropped. */
  "more-warnings": { count: number };
}

export type ProblemCode = keyof ProblemParams;

export type CaptureProblem = { [C in ProblemCode]: { code: C; offset: number; params: ProblemParams[C] } }[ProblemCode];

/** The numbers each connection note comes with. */
export interface NoteParams {
  "starts-after-syn": Record<string, never>;
  /** The client ("address:port") was taken for the sender of the first captured segment. */
  "mid-connection-first-segment": { client: string };
  /** The client was taken for the end whose port does not look like a service port. */
  "mid-connection-port": { client: string; port: number };
  "fragmented-segments": Record<string, never>;
  "tuple-reused": { frame: number };
  "syn-unanswered": { role: "client" | "server"; count: number };
  "silent-end": { role: "client" | "server"; state: string };
  "rst-ignored": { segment: number; role: "client" | "server" };
}

export type NoteCode = keyof NoteParams;

export type CaptureNoteCode = { [C in NoteCode]: { code: C; params: NoteParams[C] } }[NoteCode];

/** A problem with the reader's own offset, or a note, in any language: the message is rendered from its code. */
export function problem<C extends ProblemCode>(code: C, offset: number, params: ProblemParams[C]): CaptureProblem {
  return { code, offset, params } as CaptureProblem;
}

export function noteOf<C extends NoteCode>(code: C, params: NoteParams[C]): CaptureNoteCode {
  return { code, params } as CaptureNoteCode;
}
