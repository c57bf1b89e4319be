// Security headers for every response (see docs/decisions/0006-security-headers.md).

const development = process.env.NODE_ENV !== "production";

/**
 * Scripts: our own, plus inline ones. Lesson pages are prerendered static HTML, and Next.js
 * inlines its page data as scripts; a per-request nonce would force every page to render on
 * each request. Everything else is locked to this origin.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
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

export const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Ignored by browsers over plain HTTP; pins HTTPS once the site is served over it.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

/**
 * Pages an LMS frames (/lti, /zh/lti): the same policy, with frame-ancestors and form-action
 * naming the registered LMS origins (ADR 0803). Set per response by proxy.ts; the LTI endpoints
 * (/api/lti) send their own nonce-based policy.
 */
export function framedContentSecurityPolicy(origins) {
  const list = origins.join(" ");
  return contentSecurityPolicy
    .replace("frame-ancestors 'none'", `frame-ancestors ${origins.length ? list : "'none'"}`)
    .replace(/form-action ([^;]*)/, (_, sources) => `form-action ${sources}${origins.length ? ` ${list}` : ""}`);
}

/** Every header of securityHeaders but the framing ones, for the LTI routes. */
export const ltiSecurityHeaders = securityHeaders.filter((header) => header.key !== "Content-Security-Policy" && header.key !== "X-Frame-Options");
