// Where the production server's own door to the hot calls is built and found (ADR 1550): a
// bundle inside the Next.js dist dir, stamped with the BUILD_ID of the build it was made with.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const HOT_CALL_DIR = "hot-calls";
export const HOT_CALL_ENTRY = "door.mjs";
export const HOT_CALL_STAMP = "BUILD_ID";

/**
 * The bundle's path when it was made for the build in `distDir`; null when it is missing or was
 * made for another build (`next build` run alone since), so the server never runs code older
 * than the pages it serves.
 */
export function currentHotCallBundle(distDir) {
  const entry = path.join(distDir, HOT_CALL_DIR, HOT_CALL_ENTRY);
  const stamp = path.join(distDir, HOT_CALL_DIR, HOT_CALL_STAMP);
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(entry) || !existsSync(stamp) || !existsSync(buildId)) return null;
  return readFileSync(stamp, "utf8") === readFileSync(buildId, "utf8") ? entry : null;
}

/**
 * Loads the bundle made for this build and readies it (database connection, parsed quizzes), or
 * null, in which case Next.js's route handler answers the hot calls as under `next dev`: no
 * current bundle, or HOT_CALLS_THROUGH_NEXT=1 (which the tests comparing both doors set).
 */
export async function loadHotCallDoor(distDir) {
  if (process.env.HOT_CALLS_THROUGH_NEXT === "1") return null;
  const entry = currentHotCallBundle(distDir);
  if (!entry) {
    console.warn(`No hot call bundle for this build in ${distDir} (npm run build makes one): Next.js answers the hot calls.`);
    return null;
  }
  let door;
  try {
    door = await import(pathToFileURL(entry).href);
  } catch (error) {
    console.error("The hot call bundle did not load: Next.js answers the hot calls.", error);
    return null;
  }
  // A database that is not up yet fails the first calls, not the server.
  await door.warmHotCalls().catch((error) => console.error("The hot calls could not be warmed up", error));
  return door;
}

/**
 * A responder for POST /api/calls/<name> of a hot call's name, answered by `door` with the headers
 * the route handler's answer gets through Next.js: next.config.js's for the path, the policy every
 * dynamic response gets, no-store JSON, never compressed. False when the request is not one.
 */
export function hotCallResponder(door, configuredHeaders, policy) {
  const names = new Set(door.hotCallNames);
  return (request, response) => {
    if (request.method !== "POST" || !request.url?.startsWith("/api/calls/")) return false;
    const [pathname, search = ""] = request.url.split("?", 2);
    const name = pathname.slice("/api/calls/".length);
    if (!names.has(name)) return false;
    const configured = configuredHeaders(pathname);
    if (!configured) return false;
    door.answerNodeHotCall(name, search, request).then(
      ({ status, json, setCookies }) => {
        const body = JSON.stringify(json);
        for (const { key, value } of configured) response.setHeader(key, value);
        response.setHeader("Content-Security-Policy", policy());
        for (const [key, value] of Object.entries(door.HOT_CALL_HEADERS)) response.setHeader(key, value);
        if (setCookies.length) response.setHeader("Set-Cookie", setCookies);
        response.setHeader("Content-Length", Buffer.byteLength(body));
        response.writeHead(status).end(body);
        // The rest of a body over the limit is read and dropped, as request-guard.mjs drops one over
        // its own: closing on a client still sending would reset the connection before it read the answer.
        if (status === 413) request.resume();
      },
      // The body could not be read: the client went away, and nobody is left to answer.
      (error) => {
        if (!request.destroyed) console.error(`hot call ${name} could not be answered`, error);
        response.destroy();
      },
    );
    return true;
  };
}
