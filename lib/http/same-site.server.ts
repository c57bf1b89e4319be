import "server-only";
import { configuredOrigin } from "./site-origin.server";

/**
 * Whether a browser sent this request from one of this site's own pages (the session cookie
 * rides along with a cross-site request too): a browser names the requesting page's origin
 * (`Origin`) and whether it is the same site (`Sec-Fetch-Site`). A page of the site framed by an
 * LMS is still same-origin to the site it came from. Like Next.js's own check of a Server
 * Action, an `Origin` whose host is the request's `Host` counts as this site: a browser sends
 * the target's `Host` and the calling page's `Origin`, so another site's page never matches.
 */
export function fromThisSite(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  if (origin === (configuredOrigin() ?? new URL(request.url).origin) || origin === new URL(request.url).origin) return true;
  const host = request.headers.get("host");
  return host !== null && URL.canParse(origin) && new URL(origin).host === host;
}

/** The request's media type, without parameters, lowercased ("" when none). */
export const mediaType = (request: Request): string => (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * The request body, read up to `maxBytes`: a longer body (whatever its Content-Length says)
 * stops being read at the limit and gives "too-large".
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array | "too-large"> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return "too-large";
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    total += next.value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}
