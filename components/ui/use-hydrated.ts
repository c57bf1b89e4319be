"use client";

import { useSyncExternalStore } from "react";

/** For values read once from the browser: nothing to subscribe to. */
export const noSubscription = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React has attached its handlers.
 * Controls that hold a value (selects, sliders, checkboxes, file pickers) are disabled until
 * then: a value chosen before the script runs would show in the page while the component
 * went on with the old one.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
