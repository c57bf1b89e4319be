// What the production server (scripts/serve.mjs) does to every request before Next.js sees it:
// it refuses requests Next.js would answer with a 500 although the fault is the client's, and it
// decides who the client is. Plain JavaScript: it runs in the server's entry process, outside
// the Next.js bundle. See docs/security.md.
import { IncomingMessage } from "node:http";
import { decodesAsActionReply } from "./server-action-reply.mjs";

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

/**
 * The request target as a path. Browsers send a path (origin form); a proxy may send the whole
 * URL (absolute form, which a server must accept: RFC 9112, section 3.2.2), whose scheme and host
 * are dropped here, the app never taking its origin from a request (Next.js would answer it with a
 * redirect to that host). Anything else (`*`, which Next.js answers with a 500, or garbage) is null.
 */
export function originFormTarget(url) {
  if (url.startsWith("/")) return url;
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return null;
  }
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
 * Whether a Server Action request body is one Next.js can decode: a form that parses, and the
 * action's arguments (a fetch call's body, or the arguments a form posted before the page's script
 * ran carries in its `$ACTION_<n>:` fields) decoded by React's own decoder, every part they refer
 * to present. Next.js answers anything else with a 500; the client sent it, so it gets a 400.
 */
export async function isDecodableActionBody(contentType, body, isFetchAction) {
  if (/^multipart\/form-data/i.test(contentType ?? "")) {
    let form;
    try {
      form = await new Request("http://localhost/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
    } catch {
      return false;
    }
    if (isFetchAction) return typeof form.get("0") === "string" && (await decodesAsActionReply(form, true));
    // `$ACTION_REF_<n>` names the action whose id and bound arguments are in the `$ACTION_<n>:` fields.
    for (const key of new Set(form.keys())) {
      if (!key.startsWith("$ACTION_REF_")) continue;
      const prefix = `$ACTION_${key.slice("$ACTION_REF_".length)}:`;
      const fields = new FormData();
      for (const [name, value] of form.entries()) if (name.startsWith(prefix)) fields.append(name.slice(prefix.length), value);
      if (typeof fields.get("0") !== "string" || !(await decodesAsActionReply(fields, false))) return false;
    }
    return true;
  }
  if (!isFetchAction) return true;
  const text = body.toString("utf8");
  // Next.js decodes the text as the argument list.
  try {
    if (!Array.isArray(JSON.parse(text))) return false;
  } catch {
    return false;
  }
  return decodesAsActionReply(text, true);
}

/**
 * Next.js refuses a Server Action whose Origin names another host than the request's (CSRF), or
 * that it cannot parse, by throwing: a 500. It is the sender's doing, so it gets a 403 here. The
 * comparison is Next.js's own (the first X-Forwarded-Host, else Host); a request without Origin is
 * left to Next.js, which lets it through as browsers always send Origin on cross-site POSTs.
 */
export function hasForeignOrigin(headers) {
  const origin = headers.origin;
  if (origin === undefined) return false;
  const forwarded = Array.isArray(headers["x-forwarded-host"]) ? headers["x-forwarded-host"][0] : headers["x-forwarded-host"]?.split(",")[0]?.trim();
  const host = forwarded || headers.host;
  let originHost;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  return !host || originHost !== host;
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

/** Routes that stream their body under a limit of their own (capture uploads: 5 MB, lib/capture-challenges). */
const READS_ITS_OWN_BODY = /^\/api\/capture-challenges\//;

/** Whether the request carries a body (a length, or chunks). */
function hasBody(request) {
  return request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? "0") > 0;
}

/**
 * Any other body (route handlers: next-auth, LTI) is held to the same limit: route handlers read
 * a whole body into memory whatever its size, so a chunked body without a length could fill it.
 */
async function limitBody(request, response) {
  if (Number(request.headers["content-length"] ?? "0") > ACTION_BODY_LIMIT) {
    refuse(response, 413, "Request too large.");
    request.resume();
    return null;
  }
  const body = await readBody(request, ACTION_BODY_LIMIT).catch(() => undefined);
  if (body === undefined) return null; // the client went away
  if (body === null) return refuse(response, 413, "Request too large.");
  return replay(request, body);
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
  const target = originFormTarget(request.url ?? "/");
  if (target === null) return refuse(response, 400, "Bad request: the request target must be a path.");
  request.url = target;
  if (!hasWellFormedPath(request.url)) return refuse(response, 400, "Bad request: the address is not valid percent-encoded UTF-8.");
  const client = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], hops);
  if (hops === 0) for (const name of FORWARDING_HEADERS) delete request.headers[name];
  request.headers["x-forwarded-for"] = client;

  // Server Action requests (and forms posted before the page's script ran) are POSTs to pages.
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  const contentType = request.headers["content-type"] ?? "";
  const isFetchAction = typeof request.headers["next-action"] === "string";
  const isPageAction = request.method === "POST" && !path.startsWith("/api/") && !path.startsWith("/_next/") && (isFetchAction || /^multipart\/form-data/i.test(contentType));
  if (!isPageAction) return hasBody(request) && !READS_ITS_OWN_BODY.test(path) ? limitBody(request, response) : request;
  if (hasForeignOrigin(request.headers)) return refuse(response, 403, "Forbidden: this form was sent from another site.");
  const body = await readBody(request, ACTION_BODY_LIMIT).catch(() => undefined);
  if (body === undefined) return null; // the client went away
  if (body === null) return refuse(response, 413, "Request too large.");
  if (!(await isDecodableActionBody(contentType, body, isFetchAction))) return refuse(response, 400, "Bad request: the form data could not be read.");
  return replay(request, body);
}
