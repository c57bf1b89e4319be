import "server-only";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";

export type RedeemOutcome = "accepted" | "other-browser" | "spent";

/**
 * Spends a verified receipt for an account (ADR 0402): it must have been earned in the browser
 * presenting it (`visitor` is the binding of that request's visitor cookie, null without one), and
 * it counts once: the first account to spend it keeps it; every later attempt, from any account,
 * including the same one, is refused. Concurrent spends race on the primary key; one wins.
 */
export async function redeemReceipt(receipt: { id: string; v: string }, visitor: string | null, userId: string): Promise<RedeemOutcome> {
  if (!visitor || receipt.v !== visitor) return "other-browser";
  try {
    await db.spentReceipt.create({ data: { id: receipt.id, userId } });
    return "accepted";
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return "spent";
  }
}
