import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

export type TestDatabase =
  | { provider: "sqlite"; dir: string }
  | { provider: "postgresql"; serverUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabase;
  }
}

function deploy(databaseUrl: string) {
  execFileSync("node", ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export function postgresUrl(serverUrl: string, database: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Migrates one base database per run; each test file then works on its own copy. SQLite (the
 * default): a file in a folder of this run's own. PostgreSQL (TEST_POSTGRES_URL points at a
 * server, as `npm test` does): a template database that each file clones.
 */
export default async function setup(project: TestProject) {
  const run = `run_${process.pid}_${randomUUID().slice(0, 8)}`;
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${run}"`);
    await admin.end();
    deploy(postgresUrl(serverUrl, run));
    project.provide("testDatabase", { provider: "postgresql", serverUrl, template: run });
    return async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      const { rows } = await cleanup.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${run}%`]);
      for (const { datname } of rows) await cleanup.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await cleanup.end();
    };
  }
  const dir = path.join(process.cwd(), "data", "test", run);
  mkdirSync(dir, { recursive: true });
  deploy(`file:${path.join(dir, "base.db")}`);
  project.provide("testDatabase", { provider: "sqlite", dir });
  return () => rmSync(dir, { recursive: true, force: true });
}
