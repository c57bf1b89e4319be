import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { LocaleHtml } from "@/components/layout/locale-html";
import { GeistMono, GeistSans } from "@/components/layout/fonts";
import { ForRouteLanguage } from "@/components/layout/route-language";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { SkipLink } from "@/components/layout/skip-link";
import { themeScript } from "@/components/layout/theme-script";
import { chromeWords } from "@/lib/i18n/words/chrome";
// Chinese glyphs ship with the app, split by unicode-range so a page loads only the subsets it uses.
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-sans-sc/600.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SYN to FIN — how TCP opens and closes connections", template: "%s · SYN to FIN" },
  description:
    "An interactive course on the TCP three-way handshake, the four-way teardown, CLOSE_WAIT, TIME_WAIT and Linux tuning, with a real TCP simulator.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfbfa" },
    { media: "(prefers-color-scheme: dark)", color: "#0e1412" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // `lang` follows the route: "zh-CN" under /zh (ADR 0501).
    <LocaleHtml className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen antialiased">
        {/* The chrome in both languages, rendered here; the route's shows (ADR 1510). */}
        <ForRouteLanguage en={<SkipLink label={chromeWords("en").skipToContent} />} zh={<SkipLink label={chromeWords("zh").skipToContent} />} />
        <ForRouteLanguage outsideLms en={<SiteHeader locale="en" />} zh={<SiteHeader locale="zh" />} />
        <main id="main">{children}</main>
        <ForRouteLanguage outsideLms en={<SiteFooter locale="en" />} zh={<SiteFooter locale="zh" />} />
      </body>
    </LocaleHtml>
  );
}
