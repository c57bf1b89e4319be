/**
 * URL rules shared by the LTI modules (pure; no I/O).
 */

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith(".localhost");
}

/**
 * An LMS endpoint the tool may call or send people to: HTTPS, or plain HTTP on this machine only
 * (a development LMS). No credentials, no fragment.
 */
export function parseServiceUrl(value: unknown): URL | null {
  if (typeof value !== "string" || value.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username || url.password || url.hash) return null;
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return url;
  return null;
}

export function isServiceUrl(value: unknown): value is string {
  return parseServiceUrl(value) !== null;
}

/** The origin of a URL string, or null. */
export function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/** The tool's addresses, as printed by the CLI and shown to administrators. */
export function toolUrls(toolOrigin: string) {
  const base = toolOrigin.replace(/\/+$/, "");
  return {
    login: `${base}/api/lti/login`,
    launch: `${base}/api/lti/launch`,
    jwks: `${base}/api/lti/jwks`,
    deepLinking: `${base}/lti/deep-link`,
  };
}

export function registrationUrl(toolOrigin: string): string {
  return `${toolOrigin.replace(/\/+$/, "")}/api/lti/register`;
}

/**
 * The AGS scores endpoint of a line item: "/scores" appended to the line item URL's path, its
 * query kept (AGS 2.0, "Score publish service").
 */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}

/** rel="next" of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = part.match(/^\s*<([^>]*)>(.*)$/);
    if (!match) continue;
    for (const param of (match[2] ?? "").split(";")) {
      const [name, value] = param.split("=").map((v) => v?.trim());
      if (name?.toLowerCase() === "rel" && value && value.replace(/^"|"$/g, "").split(/\s+/).includes("next")) return match[1] ?? null;
    }
  }
  return null;
}
