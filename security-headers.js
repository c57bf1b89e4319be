// Security headers for every response (see docs/decisions/0006-security-headers.md and
// docs/decisions/0900-static-pages-precompressed.md).

/**
 * The Content Security Policy. `scriptSources` lists what may run besides this origin's script
 * files: in production the SHA-256 hashes of a prerendered page's inline scripts (computed at
 * build time by scripts/precompress.mjs) or a per-request nonce for pages rendered on demand
 * (scripts/serve.mjs). `'unsafe-inline'` only under `next dev`, whose hot reload needs it.
 */
export function contentSecurityPolicy(scriptSources = []) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    // OAuth sign-in posts to our endpoint, which redirects to the provider.
    "form-action 'self' https://github.com https://accounts.google.com",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, whoever serves it (next.config.js and scripts/serve.mjs). */
export const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Ignored by browsers over plain HTTP; pins HTTPS once the site is served over it.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/**
 * `next dev` gets its policy from next.config.js. In production scripts/serve.mjs sets it on each
 * response, because it differs per page (hashes) or per request (nonce).
 */
export const developmentHeaders =
  process.env.NODE_ENV === "production"
    ? []
    : [{ key: "Content-Security-Policy", value: contentSecurityPolicy(["'unsafe-inline'", "'unsafe-eval'"]) }];

/**
 * Pages an LMS frames (/lti, /zh/lti): the policy the response would get (`policy`, with its
 * nonce) with frame-ancestors and form-action naming the registered LMS origins instead of none
 * (ADR 0803). proxy.ts applies it; the LTI endpoints (/api/lti) send their own nonce-based policy.
 */
export function framedContentSecurityPolicy(origins, policy = contentSecurityPolicy()) {
  const list = origins.join(" ");
  return policy
    .replace("frame-ancestors 'none'", `frame-ancestors ${origins.length ? list : "'none'"}`)
    .replace(/form-action ([^;]*)/, (_, sources) => `form-action ${sources}${origins.length ? ` ${list}` : ""}`);
}

/** The LTI routes' headers: securityHeaders without the framing denial (their CSP names who may frame them). */
export const ltiSecurityHeaders = securityHeaders.filter((header) => header.key !== "X-Frame-Options");
