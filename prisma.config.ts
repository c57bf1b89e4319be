import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { DEFAULT_DATABASE_URL, databaseFile } from "./lib/database-url";

// Prisma skips .env loading when a config file exists; load it like Next.js does.
if (existsSync(".env")) process.loadEnvFile(".env");
// The schema's `url = env("DATABASE_URL")` must resolve, or the CLI falls back to the native engine.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;

// The JavaScript schema engine over a driver adapter: no native engine binary is downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const file = databaseFile(process.env.DATABASE_URL);
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
