import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg, { type Pool } from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { databaseFile, databaseProvider } from "./database-url";
import { DirectUniqueViolation } from "./db/unique-retry";
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
  /**
   * The rows of a query, or of a write with `RETURNING` (a unique-key violation then throws as in `run`). Dates come back as
   * Date or ISO text and booleans as boolean or 0/1: read them with `dateOf`, `Boolean`.
   */
  rows<T>(sql: string, args: ReadonlyArray<SqlArg>): Promise<T[]>;
  /** Runs a write; returns how many rows it changed. A unique-key violation throws what `isUniqueViolation` recognizes. */
  run(sql: string, args: ReadonlyArray<SqlArg>): Promise<number>;
};

/** Dates and booleans are written as Prisma writes them on each database. */
type SqlArg = string | number | boolean | Date | null;

/** Prisma's SQLite text for a DateTime: ISO 8601 with milliseconds and "+00:00" (text order is time order only in one format). */
function sqliteDate(date: Date): string {
  return `${date.toISOString().slice(0, -1)}+00:00`;
}

const sqliteArg = (arg: SqlArg) => (arg instanceof Date ? sqliteDate(arg) : typeof arg === "boolean" ? (arg ? 1 : 0) : arg);
// A `timestamp(3)` column ignores the zone of the text it is given: the UTC time is stored, as Prisma does.
const postgresArg = (arg: SqlArg) => (arg instanceof Date ? arg.toISOString() : arg);

let rowIdCounter = randomBytes(2).readUInt16BE(0);
const rowIdFingerprint = (process.pid % 36 ** 4).toString(36).padStart(4, "0");

/**
 * A new primary key for a row inserted by a direct statement, in the shape of Prisma's cuid()
 * (25 characters: "c", time, a counter, this process, randomness), so keys still sort roughly by
 * creation as the rows Prisma creates do.
 */
export function newRowId(): string {
  rowIdCounter = (rowIdCounter + 1) % 36 ** 4;
  const random = randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, "0").slice(-8);
  return `c${Date.now().toString(36).padStart(8, "0")}${rowIdCounter.toString(36).padStart(4, "0")}${rowIdFingerprint}${random}`;
}

function isDriverUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** A DateTime column as a direct statement returns it (SQLite keeps ISO text, PostgreSQL a Date). */
export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** A nullable DateTime column as a direct statement returns it. */
export const dateOrNullOf = (value: unknown): Date | null => (value === null ? null : dateOf(value));

/** Prisma's PostgreSQL columns are `timestamp(3)` without a zone, holding UTC; pg would read them as local time. */
const pgTypes = pg.types;
const utcTimestampTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 1114) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pgTypes.getTypeParser(oid, format as "text");
  },
};

function isDriverBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** The async pause before the n-th retry of a statement that found the write lock taken: a turn of the event loop, then 1, 2, 4, 8, 10, 10… ms. */
function lockPause(retry: number): Promise<void> {
  if (retry === 0) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, Math.min(2 ** (retry - 1), 10)));
}

/**
 * SQLite: one prepared statement per SQL text, reused (better-sqlite3 runs it synchronously).
 * A statement that finds the write lock held by another process must not wait inside the call,
 * where SQLite's busy handler sleeps and freezes this process's event loop (every request it
 * holds would wait too): it runs without a busy timeout and, on SQLITE_BUSY, is tried again after
 * an async pause, up to the same deadline as the connection's busy timeout (ADR 1540).
 */
function sqliteDirect(connection: () => Promise<Database.Database>, lockWaitMs: number): DirectSql {
  let statements = new Map<string, Database.Statement>();
  let preparedOn: Database.Database | null = null;
  return {
    async rows<T>(sql: string, args: ReadonlyArray<SqlArg>) {
      const statement = await prepared(sql);
      return driverCall(statement, () => statement.all(...args.map(sqliteArg)) as T[]);
    },
    async run(sql: string, args: ReadonlyArray<SqlArg>) {
      const statement = await prepared(sql);
      return driverCall(statement, () => statement.run(...args.map(sqliteArg)).changes);
    },
  };
  async function driverCall<T>(statement: Database.Statement, call: () => T): Promise<T> {
    const deadline = performance.now() + lockWaitMs;
    for (let retry = 0; ; retry++) {
      try {
        return withoutBusyWait(statement.database, call);
      } catch (error) {
        // An autocommit statement that found the lock taken changed nothing: it can simply run again.
        if (isDriverBusy(error) && performance.now() < deadline) {
          await lockPause(retry);
          continue;
        }
        throw isDriverUniqueViolation(error) ? new DirectUniqueViolation(error) : error;
      }
    }
  }
  /**
   * Runs `call` with the shared connection's busy timeout off, restored before Prisma's next
   * statement (its transactions keep waiting in SQLite). The pragma acts when it is compiled, so
   * it is executed anew each time (a few microseconds), not kept as a prepared statement.
   */
  function withoutBusyWait<T>(connection: Database.Database, call: () => T): T {
    connection.exec("PRAGMA busy_timeout = 0");
    try {
      return call();
    } finally {
      connection.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    }
  }
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
    try {
      return await (await pool()).query({ text, values: args.map(postgresArg), types: utcTimestampTypes });
    } catch (error) {
      throw isDriverUniqueViolation(error) ? new DirectUniqueViolation(error) : error;
    }
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

/**
 * SQLite for `file:` URLs, PostgreSQL for `postgresql://` ones (see docs/database.md).
 * `sqliteLockWaitMs`: how long a direct statement waits for SQLite's write lock before failing
 * with SQLITE_BUSY (the busy timeout's 10 s unless a test says otherwise).
 */
export function createPrismaClient(databaseUrl: string = env().DATABASE_URL, options: { sqliteLockWaitMs?: number } = {}): PrismaClient {
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
    }, options.sqliteLockWaitMs ?? SQLITE_BUSY_TIMEOUT_MS),
  );
  return client;
}

const globalForDb = globalThis as unknown as { tcpCourseDb?: PrismaClient };

/** One client per process; in development it survives hot reloads instead of leaking connections. */
export const db: PrismaClient = globalForDb.tcpCourseDb ?? createPrismaClient();
if (process.env.NODE_ENV === "development") globalForDb.tcpCourseDb = db;
