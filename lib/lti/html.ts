import "server-only";
/**
 * The small self-contained pages the LTI endpoints answer with (login hand-off, launch checks,
 * error pages, the deep-linking return form). They are route-handler responses, not React
 * pages: each carries its own nonce-based CSP and frame-ancestors naming the LMS origins, and
 * works even when the site's scripts and styles cannot load in the LMS frame.
 */
import { randomBytes } from "node:crypto";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** JSON for an inline script: no "</script>" or HTML comment can close or confuse it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The Content-Security-Policy of an LTI endpoint page. */
export function ltiPageCsp({ nonce, frameAncestors, formAction = [] }: { nonce: string; frameAncestors: readonly string[]; formAction?: readonly string[] }): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    `form-action 'self'${formAction.length ? ` ${formAction.join(" ")}` : ""}`,
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(" ") : "'none'"}`,
  ].join("; ");
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fbfbfa;--fg:#1b1f1d;--muted:#4f5753;--border:#d9dcda;--accent:#0f6b4f;--accent-fg:#fff;--error:#9b1c1c;--panel:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0e1412;--fg:#e6ebe8;--muted:#aab4af;--border:#2c3532;--accent:#4fc79b;--accent-fg:#06281d;--error:#ff9c9c;--panel:#151d1a}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans SC",sans-serif}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.35rem;line-height:1.3;margin:0 0 .75rem}
p{margin:.5rem 0}.muted{color:var(--muted)}.panel{border:1px solid var(--border);background:var(--panel);border-radius:.75rem;padding:1rem;margin:1rem 0}
.error h1{color:var(--error)}code,.detail{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em;overflow-wrap:anywhere}
.button{display:inline-block;border:0;border-radius:.5rem;background:var(--accent);color:var(--accent-fg);padding:.6rem 1rem;font:inherit;font-weight:600;text-decoration:none;cursor:pointer;min-height:44px}
.button.secondary{background:transparent;color:var(--fg);border:1px solid var(--border)}
.button:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}a{color:inherit}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}[hidden]{display:none!important}.small-heading{font-size:1rem;margin:0 0 .5rem}dl{margin:.5rem 0}dt{font-weight:600}dd{margin:0 0 .5rem}
`;

export type PageParts = {
  locale: Locale;
  title: string;
  /** Trusted HTML (built with escapeHtml). */
  body: string;
  nonce: string;
  script?: string;
  className?: string;
};

/**
 * Referrer policy same-origin: the LMS never sees these pages' addresses (they carry tickets),
 * while this tool's own forms keep their Origin header, which the storage-checked launch needs.
 */
export function htmlPage({ locale, title, body, nonce, script, className }: PageParts): string {
  return `<!doctype html>
<html lang="${LOCALE_LANG[locale]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)} · SYN to FIN</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="main"${className ? ` class="${className}"` : ""}>
${body}
</main>
${script ? `<script nonce="${nonce}">${script}</script>` : ""}
</body>
</html>`;
}

/** Locale from a launch's locale ("zh-CN", "zh_Hans") or an Accept-Language header. */
export function ltiLocale(...hints: Array<string | null | undefined>): Locale {
  for (const hint of hints) {
    if (!hint) continue;
    const first = hint.split(",")[0]?.trim().toLowerCase() ?? "";
    if (first.startsWith("zh")) return "zh";
    if (first) return "en";
  }
  return "en";
}
