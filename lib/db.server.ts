import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg, { type Pool } from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { databaseFile, databaseProvider } from "./database-url";
import { env } from "./env.server";

/** Both generated clients come from the same schema, so they share one API; this is its type. */
export type Db = PrismaClient;

/** How hard each commit is pushed to disk (ADR 1350). */
export const SQLITE_SYNCHRONOUS = "NORMAL";

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
 * A statement run straight on the database driver, without Prisma's query compiler: for the few
 * queries every request makes (the session check, ADR 1350), where compiling the query on each
 * call costs more than running it. Placeholders are `?`; the SQL must read the same on SQLite and
 * PostgreSQL (quoted identifiers, no dialect functions).
 */
export type DirectSql = {
  /** The rows of a query. Dates come back as Date or ISO text and booleans as boolean or 0/1: read them with `dateOf`, `Boolean`. */
  rows<T>(sql: string, args: ReadonlyArray<SqlArg>): Promise<T[]>;
  /** Runs a write; returns how many rows it changed. Only for values the same in both dialects (text, numbers). */
  run(sql: string, args: ReadonlyArray<SqlArg>): Promise<number>;
};

type SqlArg = string | number | null;

/** A DateTime column as a direct statement returns it (SQLite keeps ISO text, PostgreSQL a Date). */
export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** Prisma's PostgreSQL columns are `timestamp(3)` without a zone, holding UTC; pg would read them as local time. */
const pgTypes = pg.types;
const utcTimestampTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 1114) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pgTypes.getTypeParser(oid, format as "text");
  },
};

/** SQLite: one prepared statement per SQL text, reused (better-sqlite3 runs it synchronously). */
function sqliteDirect(connection: () => Promise<Database.Database>): DirectSql {
  let statements = new Map<string, Database.Statement>();
  let preparedOn: Database.Database | null = null;
  return {
    async rows<T>(sql: string, args: ReadonlyArray<SqlArg>) {
      return (await prepared(sql)).all(...args) as T[];
    },
    async run(sql: string, args: ReadonlyArray<SqlArg>) {
      return (await prepared(sql)).run(...args).changes;
    },
  };
  async function prepared(sql: string): Promise<Database.Statement> {
    const client = await connection();
    // Statements belong to one connection: Prisma opens a new one after a disconnect.
    if (client !== preparedOn) {
      statements = new Map();
      preparedOn = client;
    }
    let statement = statements.get(sql);
    if (!statement) {
      statement = client.prepare(sql);
      if (statement.reader) statement.safeIntegers(false);
      statements.set(sql, statement);
    }
    return statement;
  }
}

/** PostgreSQL: the pool the Prisma adapter opened, with `?` turned into `$1, $2, …`. */
function postgresDirect(pool: () => Promise<Pool>): DirectSql {
  const texts = new Map<string, string>();
  const query = async (sql: string, args: ReadonlyArray<SqlArg>) => {
    let text = texts.get(sql);
    if (text === undefined) {
      let index = 0;
      text = sql.replace(/\?/g, () => `$${++index}`);
      texts.set(sql, text);
    }
    return (await pool()).query({ text, values: [...args], types: utcTimestampTypes });
  };
  return {
    async rows<T>(sql: string, args: ReadonlyArray<SqlArg>) {
      return (await query(sql, args)).rows as T[];
    },
    async run(sql: string, args: ReadonlyArray<SqlArg>) {
      return (await query(sql, args)).rowCount ?? 0;
    },
  };
}

/**
 * The better-sqlite3 adapter opens transactions with a plain (deferred) BEGIN. When several
 * server processes share the file, a transaction that reads and then writes can then fail at
 * once with SQLITE_BUSY (SQLite cannot wait for a lock a reader wants to upgrade). BEGIN IMMEDIATE
 * takes the write lock up front, so the busy timeout applies and transactions queue instead.
 * The connection is kept for the direct statements, which share it.
 */
class ImmediateTransactionsSQLite extends PrismaBetterSQLite3 {
  connection: Database.Database | null = null;
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: Database.Database }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof client.prepare;
    // Said explicitly rather than left to how SQLite was compiled (ADR 1350): in WAL mode NORMAL
    // keeps every commit through a crash of the server process, not through a power loss.
    client.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
    this.connection = client;
    return adapter;
  }
}

/** PrismaPg that keeps the pool it opens, for the direct statements. */
class PoolSharingPg extends PrismaPg {
  pool: Pool | null = null;
  override async connect() {
    const adapter = await super.connect();
    this.pool = adapter.underlyingDriver() as Pool;
    return adapter;
  }
}

const directSqlOf = new WeakMap<object, DirectSql>();

/** The direct statements of a client made by createPrismaClient (they share its connection). */
export function directSql(client: Db): DirectSql {
  const direct = directSqlOf.get(client);
  if (!direct) throw new Error("directSql needs a client made by createPrismaClient");
  return direct;
}

/** SQLite for `file:` URLs, PostgreSQL for `postgresql://` ones (see docs/database.md). */
export function createPrismaClient(databaseUrl: string = env().DATABASE_URL): PrismaClient {
  if (databaseProvider(databaseUrl) === "postgresql") {
    const adapter = new PoolSharingPg({ connectionString: databaseUrl });
    const client = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
    directSqlOf.set(
      client,
      postgresDirect(async () => {
        if (!adapter.pool || (adapter.pool as Pool & { ending?: boolean }).ending) await client.$connect();
        return adapter.pool!;
      }),
    );
    return client;
  }
  const file = databaseFile(databaseUrl);
  prepareSqliteFile(file);
  const adapter = new ImmediateTransactionsSQLite({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const client = new PrismaClient({ adapter });
  directSqlOf.set(
    client,
    sqliteDirect(async () => {
      if (!adapter.connection?.open) await client.$connect();
      return adapter.connection!;
    }),
  );
  return client;
}

const globalForDb = globalThis as unknown as { tcpCourseDb?: PrismaClient };

/** One client per process; in development it survives hot reloads instead of leaking connections. */
export const db: PrismaClient = globalForDb.tcpCourseDb ?? createPrismaClient();
if (process.env.NODE_ENV === "development") globalForDb.tcpCourseDb = db;
