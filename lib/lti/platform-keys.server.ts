import "server-only";
import { importJWK, type JWK, type KeyLike } from "jose";
import { fetchLms, jsonOf, LmsUnreachableError } from "./http.server";
import { LtiProblem } from "./problems";

/**
 * LMS key sets (JWKS), cached per URL by kid. A kid that is not in the cache makes one refetch
 * (a platform that rotated its key), at most once per REFETCH_COOLDOWN_MS per URL so tokens with
 * made-up kids cannot turn the tool into a request amplifier. A key set that is down or answers
 * junk fails the launch with a clear problem, while keys already known keep working.
 */

export const KEY_SET_TTL_MS = 10 * 60 * 1000;
export const REFETCH_COOLDOWN_MS = 2_000;
const FETCH_TIMEOUT_MS = 5_000;
const MAX_KEY_SET_BYTES = 256 * 1024;

type KeySet = { keys: Map<string, KeyLike | Uint8Array>; fetchedAt: number };

const cache = new Map<string, KeySet>();
const inFlight = new Map<string, Promise<KeySet>>();

async function download(url: string): Promise<KeySet> {
  let response;
  try {
    response = await fetchLms(url, { headers: { accept: "application/json" } }, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_KEY_SET_BYTES });
  } catch (error) {
    if (error instanceof LmsUnreachableError) {
      throw new LtiProblem(error.reason === "too-large" ? "jwks-invalid" : "jwks-unavailable", error.message);
    }
    throw error;
  }
  if (response.status !== 200) throw new LtiProblem("jwks-unavailable", `${url} answered HTTP ${response.status}`);
  const body = jsonOf(response) as { keys?: unknown } | null;
  if (!body || !Array.isArray(body.keys)) throw new LtiProblem("jwks-invalid", `${url} did not answer with a JSON object holding a "keys" array`);
  const keys = new Map<string, KeyLike | Uint8Array>();
  for (const jwk of body.keys.slice(0, 50) as JWK[]) {
    if (!jwk || typeof jwk !== "object" || jwk.kty !== "RSA" || typeof jwk.kid !== "string") continue;
    if (jwk.use && jwk.use !== "sig") continue;
    if (jwk.alg && jwk.alg !== "RS256") continue;
    try {
      keys.set(jwk.kid, await importJWK({ ...jwk, alg: "RS256" }, "RS256"));
    } catch {
      // A malformed key does not spoil the others.
    }
  }
  if (keys.size === 0) throw new LtiProblem("jwks-invalid", `${url} holds no usable RSA signing key with a kid`);
  return { keys, fetchedAt: Date.now() };
}

function refresh(url: string): Promise<KeySet> {
  let pending = inFlight.get(url);
  if (!pending) {
    pending = download(url)
      .then((set) => {
        cache.set(url, set);
        return set;
      })
      .finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
  }
  return pending;
}

/** The platform key named `kid` from the key set at `url`. Throws LtiProblem. */
export async function platformKey(url: string, kid: string, now = Date.now()): Promise<KeyLike | Uint8Array> {
  const cached = cache.get(url);
  if (cached) {
    const key = cached.keys.get(kid);
    const fresh = now - cached.fetchedAt < KEY_SET_TTL_MS;
    if (key && fresh) return key;
    if (key) {
      // Stale: try to refresh, but a key set that is down does not break a key we already trust.
      try {
        const set = await refresh(url);
        const refreshed = set.keys.get(kid);
        if (refreshed) return refreshed;
        throw new LtiProblem("unknown-kid", `kid ${JSON.stringify(kid)} is no longer in ${url}`);
      } catch (error) {
        if (error instanceof LtiProblem && error.code !== "unknown-kid") return key;
        throw error;
      }
    }
    if (now - cached.fetchedAt < REFETCH_COOLDOWN_MS) {
      throw new LtiProblem("unknown-kid", `kid ${JSON.stringify(kid)} is not in ${url} (fetched ${Math.round((now - cached.fetchedAt) / 1000)} s ago)`);
    }
  }
  const set = await refresh(url);
  const key = set.keys.get(kid);
  if (!key) throw new LtiProblem("unknown-kid", `kid ${JSON.stringify(kid)} is not in ${url} (it holds ${[...set.keys.keys()].map((k) => JSON.stringify(k)).join(", ")})`);
  return key;
}
