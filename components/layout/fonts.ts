import localFont from "next/font/local";

/*
 * The Latin fonts, from the geist package's files, shown only if they arrive in time for the first
 * paint (`display: "optional"`): with the package's own `swap`, a phone whose fallback differs from
 * Arial (Android, Linux) re-wrapped the lesson's first screen when Geist arrived, a layout shift of
 * 0.2 on a slow phone (ADR 1566). Preloaded, they are there for every page after the first.
 */
export const GeistSans = localFont({
  src: "../../node_modules/geist/dist/fonts/geist-sans/Geist-Variable.woff2",
  variable: "--font-geist-sans",
  weight: "100 900",
  display: "optional",
});

export const GeistMono = localFont({
  src: "../../node_modules/geist/dist/fonts/geist-mono/GeistMono-Variable.woff2",
  variable: "--font-geist-mono",
  weight: "100 900",
  display: "optional",
  adjustFontFallback: false,
});
