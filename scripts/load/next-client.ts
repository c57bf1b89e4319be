/**
 * Talks to the running app the way the browser does: next-auth's credentials sign-in and
 * Server Actions (found by name in the build's server reference manifest).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export type ActionRef = { id: string; page: string };

/** Finds a Server Action's id and a page that serves it, from the production build. */
export function findAction(filename: string, exportedName: string): ActionRef {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === filename && entry.exportedName === exportedName) {
      const worker = Object.keys(entry.workers).find((w) => w.startsWith("app/") && w.endsWith("/page"));
      if (!worker) continue;
      return { id, page: worker.slice("app".length, -"/page".length) || "/" };
    }
  }
  throw new Error(`Server Action ${exportedName} from ${filename} is not in the build`);
}

/** Fills dynamic segments of a page path, e.g. /course/[slug] → /course/tcp-header-and-flags. */
export function pagePath(page: string, params: Record<string, string>): string {
  return page.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no value for [${name}] in ${page}`);
    return value;
  });
}

function cookieHeader(setCookies: string[], jar: Map<string, string>) {
  for (const line of setCookies) {
    const [pair] = line.split(";");
    const index = pair?.indexOf("=") ?? -1;
    if (pair && index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** Signs in with email and password; returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  let cookie = cookieHeader(csrfResponse.headers.getSetCookie(), jar);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  cookie = cookieHeader(response.headers.getSetCookie(), jar);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(`sign-in failed for ${email} (HTTP ${response.status})`);
  }
  return cookie;
}

/**
 * Calls a Server Action with its JSON arguments and returns its decoded result. The reply is
 * React's flight format; the action's return value is the row whose id the first row points to.
 */
export async function callAction<T>(baseUrl: string, action: ActionRef, page: string, args: unknown[], cookie: string): Promise<T> {
  const response = await fetch(baseUrl + page, {
    method: "POST",
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseUrl,
      cookie,
    },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const head = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
  const ref = head?.a?.startsWith("$@") ? head.a.slice(2) : "1";
  const body = rows.get(ref);
  if (body === undefined) throw new Error("no action result in the response");
  return JSON.parse(body) as T;
}

/** Calls one of the learner's hot calls (app/api/calls/[name], ADR 1490) as the browser does: the arguments as a JSON array. */
export async function callRoute<T>(baseUrl: string, name: string, args: unknown[], cookie: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/calls/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, "sec-fetch-site": "same-origin", cookie },
    body: JSON.stringify(args),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}
