import "server-only";
import { db } from "./db.server";

export type Health = {
  status: "ok" | "degraded";
  app: { version: string; uptimeSeconds: number };
  database: { status: "ok" | "error"; latencyMs?: number; migrationsApplied?: number; error?: string };
};

export async function checkHealth(version: string): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  try {
    const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
      'SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
    );
    database = {
      status: "ok",
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      migrationsApplied: Number(rows[0]?.n ?? 0),
    };
  } catch (error) {
    // The message helps an operator; it never carries credentials (SQLite paths only).
    database = { status: "error", error: error instanceof Error ? error.message.split("\n")[0] : "unknown error" };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    app: { version, uptimeSeconds: Math.round(process.uptime()) },
    database,
  };
}
