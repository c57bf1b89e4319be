/**
 * The client's address for per-address limits. The production server (scripts/serve.mjs, through
 * scripts/request-guard.mjs) replaces X-Forwarded-For on every request with exactly one address:
 * the TCP peer's, or with TRUST_PROXY=N the one the outermost of N trusted proxies reports, so
 * nothing a client writes in the header is read here. Under `next dev` the header is whatever
 * the client sent (or the peer's address when it sent none): development only.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const first = value?.split(",")[0]?.trim();
  return first && first.length <= 64 ? first : "unknown";
}
