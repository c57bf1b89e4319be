"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { hasPendingProgress, mergeLocalProgress } from "@/components/progress/merge-client";

/**
 * Fallback for sign-ins that did not go through the sign-in form (OAuth, magic links): merges
 * the progress still kept in this browser, then refreshes the dashboard to show them.
 */
export function MergePendingProgress() {
  const router = useRouter();
  useEffect(() => {
    if (!hasPendingProgress()) return;
    void mergeLocalProgress().then((merged) => {
      if (merged) router.refresh();
    });
  }, [router]);
  return null;
}
