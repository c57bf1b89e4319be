"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { saveTimeZoneAction } from "@/lib/classes/join-actions";

/**
 * Stores the browser's time zone on the account when it differs from the stored one, then
 * re-renders so due dates show in it. Renders nothing.
 */
export function TimeZoneSync({ stored }: { stored: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === stored) return;
    let cancelled = false;
    saveTimeZoneAction(zone)
      .then((result) => {
        if (result.ok && result.changed && !cancelled) router.refresh();
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [stored, router]);
  return null;
}
