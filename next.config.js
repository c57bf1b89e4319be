import { ltiSecurityHeaders, securityHeaders } from "./security-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Separate build folders let several builds (e.g. parallel e2e runs) share one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Native or compiler packages run from node_modules on the server instead of being bundled.
  serverExternalPackages: [
    "mdx-bundler",
    "esbuild",
    "better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/adapter-better-sqlite3",
    "@node-rs/argon2",
    "shiki",
  ],
  typedRoutes: false,
  async headers() {
    return [
      // Nothing may be framed, except the LTI routes: their frame-ancestors name the registered LMSs (ADR 0803).
      { source: "/((?!lti(?:/|$)|zh/lti(?:/|$)|api/lti(?:/|$)).*)", headers: securityHeaders },
      { source: "/(lti|zh/lti|api/lti)(/.*)?", headers: ltiSecurityHeaders },
    ];
  },
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
