import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The PostgreSQL twin of prisma.config.ts, used when DATABASE_URL is a postgres:// URL.
if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ||= "postgresql://localhost:5432/tcp_course";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgresql/schema.prisma",
  migrations: { path: "prisma/postgresql/migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
