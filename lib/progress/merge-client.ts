/**
 * Merges the receipts this browser collected while signed out into the account now signed in.
 * Called right after sign-up and sign-in (and, as a fallback for OAuth redirects, when a quiz
 * or the dashboard loads with receipts still pending). Safe to call twice: merging is idempotent.
 */
import { mergeAnonymousProgressAction } from "@/app/progress/actions";
import { dropReceipts, pendingReceipts } from "./local-progress";

export async function mergeLocalProgress(): Promise<boolean> {
  const receipts = pendingReceipts();
  if (receipts.length === 0) return true;
  try {
    const result = await mergeAnonymousProgressAction({ receipts });
    if (!result.ok) return false;
    dropReceipts(receipts);
    return true;
  } catch {
    // Offline or a server error: the receipts stay for the next try.
    return false;
  }
}
