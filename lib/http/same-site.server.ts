import "server-only";
import type { IncomingHttpHeaders } from "node:http";
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
  return sentFromThisSite(request.headers, new URL(request.url).origin);
}

/** A request's headers, whoever parsed them (a web `Headers`, or Node's through `nodeHeaders`). */
export type HeaderReader = { get(name: string): string | null };

/** Node.js's parsed headers read like a web `Headers` (repeated values joined as fetch joins them). */
export const nodeHeaders = (headers: IncomingHttpHeaders): HeaderReader => ({
  get: (name) => {
    const value = headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

/** `fromThisSite` for a request known by its headers and the origin it was addressed to. */
export function sentFromThisSite(headers: HeaderReader, requestOrigin: string): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = headers.get("origin");
  if (origin === null) return true;
  if (origin === (configuredOrigin() ?? requestOrigin) || origin === requestOrigin) return true;
  const host = headers.get("host");
  return host !== null && URL.canParse(origin) && new URL(origin).host === host;
}

/** The request's media type, without parameters, lowercased ("" when none). */
export const mediaType = (request: { headers: HeaderReader }): string => (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * The request body, read up to `maxBytes`: a longer body (whatever its Content-Length says)
 * stops being read at the limit and gives "too-large".
 */
export const readLimitedBody = (request: Request, maxBytes: number): Promise<Uint8Array | "too-large"> =>
  readLimitedBytes(request.headers.get("content-length"), streamChunks(request.body), maxBytes);

/** A web stream's chunks; leaving early cancels the stream. */
export async function* streamChunks(stream: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * A body given as its declared length and its chunks (a web stream's through `streamChunks`, or a
 * Node.js request's), read up to `maxBytes`. Reading stops at the limit, whether or not a length was
 * declared (a chunked body declares none).
 */
export async function readLimitedBytes(declaredLength: string | null, chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array | "too-large"> {
  const declared = Number(declaredLength ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return "too-large";
  const read: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) return "too-large";
    read.push(chunk);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of read) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}
