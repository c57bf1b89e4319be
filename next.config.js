/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or compiler packages run from node_modules on the server instead of being bundled.
  serverExternalPackages: [
    "mdx-bundler",
    "esbuild",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@node-rs/argon2",
    "shiki",
  ],
  typedRoutes: false,
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
