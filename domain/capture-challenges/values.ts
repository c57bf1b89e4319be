/**
 * The values a learner is issued for a capture challenge: a server port, a client port and a
 * token. Ports come from 10000-29999: above the well-known and most registered service ports a
 * learner's machine may already use, and below every ephemeral range (Linux 32768-60999, macOS
 * 49152-65535), so neither end's kernel hands them out to other sockets. The token's alphabet
 * leaves out l, o, 0 and 1, which are easily misread when typed.
 */
import { z } from "zod";
import type { CaptureValues } from "./types";

export const PORT_RANGE = { min: 10_000, max: 29_999 } as const;
const TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
const TOKEN_PREFIX = "syn2fin-";
const TOKEN_CHARS = 8;
/** Random bytes `valuesFromRandom` needs. */
export const VALUE_SEED_BYTES = 4 + TOKEN_CHARS;

export const captureValuesSchema = z
  .object({
    serverPort: z.number().int().min(PORT_RANGE.min).max(PORT_RANGE.max),
    clientPort: z.number().int().min(PORT_RANGE.min).max(PORT_RANGE.max),
    token: z.string().regex(new RegExp(`^${TOKEN_PREFIX}[${TOKEN_ALPHABET}]{${TOKEN_CHARS}}$`)),
  })
  .strict()
  .refine((values) => values.serverPort !== values.clientPort, { message: "the two ports differ" });

function portFrom(high: number, low: number): number {
  return PORT_RANGE.min + (((high << 8) | low) % (PORT_RANGE.max - PORT_RANGE.min + 1));
}

/** Values from `VALUE_SEED_BYTES` random (or keyed-hash) bytes. */
export function valuesFromRandom(bytes: Uint8Array): CaptureValues {
  if (bytes.length < VALUE_SEED_BYTES) throw new Error(`${VALUE_SEED_BYTES} bytes needed, ${bytes.length} given`);
  const serverPort = portFrom(bytes[0]!, bytes[1]!);
  let clientPort = portFrom(bytes[2]!, bytes[3]!);
  if (clientPort === serverPort) clientPort = clientPort === PORT_RANGE.max ? PORT_RANGE.min : clientPort + 1;
  let token = TOKEN_PREFIX;
  for (let i = 0; i < TOKEN_CHARS; i++) token += TOKEN_ALPHABET[bytes[4 + i]! % TOKEN_ALPHABET.length];
  return { serverPort, clientPort, token };
}
