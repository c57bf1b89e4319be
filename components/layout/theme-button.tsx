"use client";

import type { ReactNode } from "react";
import { THEME_STORAGE_KEY } from "./theme-script";

function toggleTheme() {
  const dark = !document.documentElement.classList.contains("dark");
  document.documentElement.classList.toggle("dark", dark);
  try {
    localStorage.setItem(THEME_STORAGE_KEY, dark ? "dark" : "light");
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** The theme toggle's only code: what it shows and says is the server's HTML, switched by CSS (theme-toggle.tsx). */
export function ThemeButton({ className, children }: { className: string; children: ReactNode }) {
  return (
    <button type="button" onClick={toggleTheme} className={className}>
      {children}
    </button>
  );
}
