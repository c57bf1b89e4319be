import "server-only";
import { fromThisSite, mediaType, readLimitedBody } from "../http/same-site.server";
import { UPLOAD_LIMITS } from "./upload.server";

/**
 * Refuses uploads a browser sends from another site (the session cookie would ride along,
 * `fromThisSite`). The raw body must be typed as binary, which no cross-site form can send
 * without a preflight. Returns why it is refused, or null.
 */
export function sameOriginUpload(request: Request): string | null {
  if (!fromThisSite(request)) return "Uploads are accepted from this site's pages only.";
  if (!["application/octet-stream", "application/vnd.tcpdump.pcap", "application/x-pcapng"].includes(mediaType(request))) {
    return "Send the capture file itself as the request body (Content-Type: application/octet-stream).";
  }
  return null;
}

/**
 * The request body, read up to the upload limit: a longer body (whatever its Content-Length
 * says) stops being read at the limit and gives "too-large". Nothing is written to disk.
 */
export const readCaptureBody = (request: Request): Promise<Uint8Array | "too-large"> => readLimitedBody(request, UPLOAD_LIMITS.maxBytes);
