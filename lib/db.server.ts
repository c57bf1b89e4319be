import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseFile } from "./database-url";
import { env } from "./env.server";

export type Db = PrismaClient;

/** Busy timeout: concurrent writers wait for SQLite's single write lock instead of failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function createPrismaClient(databaseUrl: string = env().DATABASE_URL): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: databaseFile(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { tcpCourseDb?: PrismaClient };

/** One client per process (and per hot reload in development). */
export const db: PrismaClient = globalForDb.tcpCourseDb ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForDb.tcpCourseDb = db;
