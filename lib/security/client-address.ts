/**
 * The client's address as the nearest proxy reports it: the first entry of X-Forwarded-For
 * (Next.js sets the header from the socket when no proxy did). Without a proxy in front that
 * overwrites the header, clients can choose this value, so limits keyed on it are a best effort;
 * limits keyed on the account (email) are the ones that hold.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const first = value?.split(",")[0]?.trim();
  return first && first.length <= 64 ? first : "unknown";
}
