import "server-only";
import { configuredOrigin } from "../http/site-origin.server";
import { UPLOAD_LIMITS } from "./upload.server";

/**
 * Refuses uploads a browser sends from another site (the session cookie would ride along): a
 * browser names the requesting page's origin (`Origin`) and whether it is the same site
 * (`Sec-Fetch-Site`). The raw body must be typed as binary, which no cross-site form can send
 * without a preflight. Returns why it is refused, or null.
 */
export function sameOriginUpload(request: Request): string | null {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") return "Uploads are accepted from this site's pages only.";
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const own = configuredOrigin() ?? new URL(request.url).origin;
    if (origin !== own && origin !== new URL(request.url).origin) return "Uploads are accepted from this site's pages only.";
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!["application/octet-stream", "application/vnd.tcpdump.pcap", "application/x-pcapng"].includes(type)) {
    return "Send the capture file itself as the request body (Content-Type: application/octet-stream).";
  }
  return null;
}

/**
 * The request body, read up to the upload limit: a longer body (whatever its Content-Length
 * says) stops being read at the limit and gives "too-large". Nothing is written to disk.
 */
export async function readCaptureBody(request: Request): Promise<Uint8Array | "too-large"> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > UPLOAD_LIMITS.maxBytes) return "too-large";
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    total += next.value.length;
    if (total > UPLOAD_LIMITS.maxBytes) {
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
