/** The app's routes, found by walking app/, and working values for their dynamic segments (fuzz and attack-probe specs). */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { DEMO_CLASS } from "../../prisma/demo-data";
import { queryDatabase } from "./support";

type Route = { pattern: string; kind: "page" | "route" };

/** Route patterns from the app directory: `/course/[slug]`, `/zh/[...missing]`, route groups removed. */
export function appRoutes(dir = path.join(process.cwd(), "app"), prefix = ""): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("_") || entry.startsWith("@")) continue;
      const segment = entry.startsWith("(") && entry.endsWith(")") ? "" : `/${entry}`;
      routes.push(...appRoutes(full, prefix + segment));
    } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry)) {
      routes.push({ pattern: prefix || "/", kind: "page" });
    } else if (/^route\.(ts|js)$/.test(entry)) {
      routes.push({ pattern: prefix || "/", kind: "route" });
    }
  }
  return routes;
}

export const ROUTES = appRoutes();

/** A working value for each dynamic segment, so the malformed parts reach the page's own code. */
export function validValues(query: <T>(sql: string, ...params: unknown[]) => T[] = queryDatabase): Record<string, string> {
  const [demoClass] = query<{ id: string; inviteToken: string }>('SELECT id, inviteToken FROM "Classroom" WHERE name = ?', DEMO_CLASS.name);
  const [assignment] = query<{ id: string }>('SELECT id FROM "Assignment" WHERE classId = ?', demoClass!.id);
  const [student] = query<{ id: string }>('SELECT id FROM "User" WHERE email = ?', "ben@example.com");
  const [invitation] = query<{ token: string }>('SELECT token FROM "Invitation" LIMIT 1');
  return {
    slug: "tcp-header-and-flags",
    classId: demoClass!.id,
    assignmentId: assignment!.id,
    studentId: student!.id,
    token: invitation?.token ?? demoClass!.inviteToken,
    file: "en.json",
    missing: "nothing-here",
    nextauth: "session",
  };
}

export function fill(pattern: string, values: Record<string, string>, replace?: { param: string; value: string }): string {
  return pattern.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g, (_, name: string) => (replace?.param === name ? replace.value : (values[name] ?? "x")));
}

export function params(pattern: string): string[] {
  return [...pattern.matchAll(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g)].map((m) => m[1]!);
}

export async function signedInContext(request: APIRequestContext, account: { email: string; password: string }) {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: account.email, password: account.password, json: "true" },
  });
  expect(response.ok()).toBe(true);
  expect(((await (await request.get("/api/auth/session")).json()) as { user?: unknown }).user).toBeTruthy();
}
