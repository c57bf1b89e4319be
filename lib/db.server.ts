import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { databaseFile, databaseProvider } from "./database-url";
import { env } from "./env.server";

/** Both generated clients come from the same schema, so they share one API; this is its type. */
export type Db = PrismaClient;

/** Busy timeout: concurrent writers wait for SQLite's single write lock instead of failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Creates the database's folder and switches the file to write-ahead logging, which lets
 * readers proceed while one writer commits. WAL is a property of the file, so once suffices.
 */
function prepareSqliteFile(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const connection = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    connection.pragma("journal_mode = WAL");
  } finally {
    connection.close();
  }
}

/**
 * The better-sqlite3 adapter opens transactions with a plain (deferred) BEGIN. When several
 * server processes share the file, a transaction that reads and then writes can then fail at
 * once with SQLITE_BUSY (SQLite cannot wait for a lock a reader wants to upgrade). BEGIN IMMEDIATE
 * takes the write lock up front, so the busy timeout applies and transactions queue instead.
 */
class ImmediateTransactionsSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: Database.Database }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof client.prepare;
    return adapter;
  }
}

/** SQLite for `file:` URLs, PostgreSQL for `postgresql://` ones (see docs/database.md). */
export function createPrismaClient(databaseUrl: string = env().DATABASE_URL): PrismaClient {
  if (databaseProvider(databaseUrl) === "postgresql") {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    return client as unknown as PrismaClient;
  }
  const file = databaseFile(databaseUrl);
  prepareSqliteFile(file);
  const adapter = new ImmediateTransactionsSQLite({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { tcpCourseDb?: PrismaClient };

/** One client per process; in development it survives hot reloads instead of leaking connections. */
export const db: PrismaClient = globalForDb.tcpCourseDb ?? createPrismaClient();
if (process.env.NODE_ENV === "development") globalForDb.tcpCourseDb = db;
