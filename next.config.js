import { developmentHeaders, ltiSecurityHeaders, securityHeaders } from "./security-headers.js";

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
    // scripts/serve.mjs applies these rules to the responses it serves itself (precompressed
    // prerendered pages and static files), so a rule added here holds for every response.
    // Nothing may be framed, except the LTI routes: their frame-ancestors name the registered LMSs (ADR 0803).
    return [
      { source: "/((?!lti(?:/|$)|zh/lti(?:/|$)|api/lti(?:/|$)).*)", headers: [...securityHeaders, ...developmentHeaders] },
      { source: "/(lti|zh/lti|api/lti)(/.*)?", headers: ltiSecurityHeaders },
    ];
  },
  // A class's pages live under /instructor/classes/<id>; the bare folder is the class list.
  async redirects() {
    return [
      { source: "/instructor/classes", destination: "/instructor", permanent: false },
      { source: "/zh/instructor/classes", destination: "/zh/instructor", permanent: false },
    ];
  },
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
