import "server-only";
import { randomBytes, randomInt } from "node:crypto";

/** No 0/O, 1/I/L: codes are read aloud and typed from a projector. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** 144 bits: the class invite link and personal invitation links are bearer secrets. */
export function newToken(): string {
  return randomBytes(18).toString("base64url");
}

/** What people type: any case, spaces or dashes ("synack-42" finds SYNACK42). */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, "");
}
