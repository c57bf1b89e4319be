"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { pendingReceipts } from "@/lib/progress/local-progress";
import { mergeLocalProgress } from "@/lib/progress/merge-client";

/**
 * Fallback for sign-ins that did not go through the sign-in form (OAuth, magic links): merges
 * the receipts still in this browser, then refreshes the dashboard to show them.
 */
export function MergePendingProgress() {
  const router = useRouter();
  useEffect(() => {
    if (pendingReceipts().length === 0) return;
    void mergeLocalProgress().then((merged) => {
      if (merged) router.refresh();
    });
  }, [router]);
  return null;
}
