"use client";

import { createContext, useContext } from "react";
import type { Locale } from "@/domain/locale";

/**
 * The language a simulator component speaks, for the parts inside it (endpoint cards, ladder,
 * packet list, charts). Each top-level component takes a `locale` prop (the lesson page sets
 * it, /zh/playground passes "zh") and provides it here; nested components inherit it.
 */
export const SimulatorLocale = createContext<Locale>("en");

/** The component's own `locale` prop if given, else the enclosing component's language. */
export function useViewLocale(prop?: Locale): Locale {
  const inherited = useContext(SimulatorLocale);
  return prop ?? inherited;
}
