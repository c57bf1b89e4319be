// What the production server (scripts/serve.mjs) does to every request before Next.js sees it:
// it refuses requests Next.js would answer with a 500 although the fault is the client's, and it
// decides who the client is. Plain JavaScript: it runs in the server's entry process, outside
// the Next.js bundle. See docs/security.md.
import { IncomingMessage } from "node:http";

/**
 * How many reverse proxies in front of the server to believe (TRUST_PROXY): 0 (the default)
 * means the client is whoever opened the TCP connection, and every X-Forwarded-* header is
 * dropped, because anyone can send them.
 */
export function trustedProxyHops(value = process.env.TRUST_PROXY) {
  if (value === undefined || value === "") return 0;
  if (!/^\d{1,2}$/.test(value)) {
    throw new Error(`TRUST_PROXY must be the number of reverse proxies in front of the server (0 when none), not "${value}"`);
  }
  return Number(value);
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is 10.0.0.1. */
function normalizeAddress(address) {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  return trimmed.toLowerCase().startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address: the socket's peer, or with `hops` trusted proxies the address the
 * outermost trusted proxy saw. Each proxy appends the address it received the request from to
 * X-Forwarded-For, so with N trusted proxies the client is the N-th entry from the right, the
 * socket's peer being the last proxy. Entries further left were written by the client and are
 * never read.
 */
export function resolveClientAddress(socketAddress, forwardedFor, hops) {
  const peer = normalizeAddress(socketAddress ?? "") || "unknown";
  if (hops === 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map(normalizeAddress).filter(Boolean), peer];
  const client = chain[Math.max(0, chain.length - 1 - hops)];
  return client && client.length <= 64 && /^[0-9a-fA-F:.]+$/.test(client) ? client : peer;
}

/** True when every percent-escape in the path decodes to UTF-8 (Next.js answers 500 otherwise). */
export function hasWellFormedPath(url) {
  const path = (url ?? "/").split("?")[0] ?? "/";
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** next.config.js `serverActions.bodySizeLimit` ("1mb"); Next.js answers a larger action body with a 500. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * Tags of React's Server Action argument encoding that stand for a value on their own
 * (`$$` an escaped dollar, `$u` undefined, `$D` a date, `$n` a bigint, `$K` form data, ...).
 * Every other `$` tag points at another part of a multipart body (a map, a set, a promise, a
 * blob, a typed array, a stream or an outlined object), so it cannot appear in a plain-text body.
 */
const INLINE_TAGS = new Set(["$", "H", "T", "I", "-", "N", "u", "D", "n", "K"]);

/** The part ids (hexadecimal in the encoding) that `$`-strings in `value` refer to; null when one is malformed. */
function referencedParts(value, found = []) {
  if (typeof value === "string") {
    if (value[0] !== "$" || value.length < 2 || INLINE_TAGS.has(value[1])) return found;
    // `$1:path` (a default reference, optionally into a path of the part) or `$Q1`, `$@1`, `$B1`...
    const id = (/^[0-9a-f]$/i.test(value[1]) ? value.slice(1) : value.slice(2)).split(":")[0];
    if (!/^[0-9a-f]{1,8}$/i.test(id ?? "")) return null;
    found.push(parseInt(id, 16));
    return found;
  }
  if (value && typeof value === "object") {
    for (const item of Object.values(value)) if (referencedParts(item, found) === null) return null;
  }
  return found;
}

/**
 * Whether a Server Action request body is well-formed enough for Next.js to decode: a form that
 * parses, and for a fetch action a JSON argument list whose references all point at parts the
 * body contains. Next.js throws (a 500) on anything else; the client sent it, so it gets a 400.
 */
export async function isDecodableActionBody(contentType, body, isFetchAction) {
  if (/^multipart\/form-data/i.test(contentType ?? "")) {
    let form;
    try {
      form = await new Request("http://localhost/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
    } catch {
      return false;
    }
    if (!isFetchAction) return true;
    const root = form.get("0");
    if (typeof root !== "string") return false;
    const parts = new Set([...form.keys()].filter((key) => /^\d+$/.test(key)).map(Number));
    for (const key of parts) {
      const field = form.get(String(key));
      if (typeof field !== "string") continue;
      let parsed;
      try {
        parsed = JSON.parse(field);
      } catch {
        return false;
      }
      const references = referencedParts(parsed);
      if (references === null || references.some((id) => !parts.has(id))) return false;
    }
    return true;
  }
  if (!isFetchAction) return true;
  let parsed;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return false;
  }
  // A plain-text body has no other parts, so it can refer to none.
  return Array.isArray(parsed) && referencedParts(parsed)?.length === 0;
}

/** Reads the body, up to `limit` bytes; null when it is larger. */
function readBody(request, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** A request identical to `original` whose body is `body` (already read from the socket). */
function replay(original, body) {
  const copy = new IncomingMessage(original.socket);
  copy.method = original.method;
  copy.url = original.url;
  copy.httpVersion = original.httpVersion;
  copy.httpVersionMajor = original.httpVersionMajor;
  copy.httpVersionMinor = original.httpVersionMinor;
  copy.headers = original.headers;
  copy.rawHeaders = original.rawHeaders;
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  original.on("close", () => copy.emit("close"));
  return copy;
}

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

function refuse(response, status, message) {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  response.end(`${message}\n`);
  return null;
}

/**
 * Applies the rules to a Node.js request. Resolves to the request Next.js should handle (the
 * same one, or a replay of it when its body had to be read), or null when it was answered here.
 * X-Forwarded-For then holds exactly the client's address, which the app reads
 * (lib/security/client-address.ts).
 */
export async function guardRequest(request, response, hops) {
  if (!hasWellFormedPath(request.url)) return refuse(response, 400, "Bad request: the address is not valid percent-encoded UTF-8.");
  const client = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], hops);
  if (hops === 0) for (const name of FORWARDING_HEADERS) delete request.headers[name];
  request.headers["x-forwarded-for"] = client;

  // Server Action requests (and forms posted before the page's script ran) are POSTs to pages.
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  const contentType = request.headers["content-type"] ?? "";
  const isFetchAction = typeof request.headers["next-action"] === "string";
  const isPageAction = request.method === "POST" && !path.startsWith("/api/") && !path.startsWith("/_next/") && (isFetchAction || /^multipart\/form-data/i.test(contentType));
  if (!isPageAction) return request;
  const body = await readBody(request, ACTION_BODY_LIMIT).catch(() => undefined);
  if (body === undefined) return null; // the client went away
  if (body === null) return refuse(response, 413, "Request too large.");
  if (!(await isDecodableActionBody(contentType, body, isFetchAction))) return refuse(response, 400, "Bad request: the form data could not be read.");
  return replay(request, body);
}
