/**
 * Where to send someone after signing in, signing up, joining a class or accepting an
 * invitation: the one place that decides whether a requested target may be followed.
 *
 * The target is resolved with the URL parser (the same algorithm browsers use) against the
 * site's origin and is followed only when the result stays on that origin. Anything a browser
 * could read as another site (protocol-relative `//host`, `/\host`, `/\t/host` whose tab the
 * browser drops, a scheme such as `javascript:`), or that carries control characters or
 * backslashes even percent-encoded, falls back to the default page. The result is always a path
 * (`/…`), percent-encoded by the parser, so it is a valid `Location` header value.
 */

/** Stands in for the site's origin when only paths are accepted (nothing real lives there). */
const PATH_ONLY_ORIGIN = "http://same-origin.invalid";
const MAX_TARGET_LENGTH = 2048;
// As typed: C0 and C1 controls, every kind of whitespace (browsers strip some of them before
// parsing), backslash (read as a slash), and invisible format characters.
const UNSAFE_AS_TYPED = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\]/;
// Once percent-decoded: controls (an encoded CR/LF), backslashes and line separators. An encoded
// space is an ordinary part of a query string.
const UNSAFE_DECODED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/** The target and every percent-decoded form of it (`%250a` → `%0a` → newline); null when an encoding is malformed. */
function decodedForms(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 4 && current.includes("%"); i++) {
    try {
      const next = decodeURIComponent(current);
      if (next === current) break;
      forms.push(next);
      current = next;
    } catch {
      return null;
    }
  }
  return forms;
}

/**
 * `value` when it names a page of this site, as a path; otherwise `fallback`. `origin` is the
 * site's own origin, which lets absolute URLs on it through (next-auth passes those); without
 * it only paths are accepted.
 */
export function safeRedirectPath(value: unknown, fallback = "/dashboard", origin: string = PATH_ONLY_ORIGIN): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_TARGET_LENGTH) return fallback;
  const forms = decodedForms(value);
  if (!forms || UNSAFE_AS_TYPED.test(value) || forms.some((form) => UNSAFE_DECODED.test(form))) return fallback;

  let site: URL;
  let target: URL;
  try {
    site = new URL(origin);
    target = new URL(value, site);
  } catch {
    return fallback;
  }
  // A path (one leading slash), or an absolute URL written out with this very origin.
  const isPath = value.startsWith("/") && !value.startsWith("//");
  const isAbsoluteHere = value.toLowerCase().startsWith(`${site.origin.toLowerCase()}/`) || value.toLowerCase() === site.origin.toLowerCase();
  if (!isPath && !isAbsoluteHere) return fallback;
  if (target.origin !== site.origin) return fallback;

  const path = `${target.pathname}${target.search}${target.hash}`;
  // Dot segments can collapse into a protocol-relative path (`/.//evil.example` → `//evil.example`).
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
