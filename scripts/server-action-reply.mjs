// Decodes a Server Action request body with the very decoder Next.js runs on it (React's
// `decodeReply`, from the copy of react-server-dom-webpack that Next.js ships), so the request
// guard (scripts/request-guard.mjs) can tell a body Next.js would choke on (a 500) from one it
// can read, and answer the first with a 400. Plain JavaScript: it runs in the server's entry
// process, outside the Next.js bundle.
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * Loads a CommonJS file as a fresh module whose `require` answers `overrides` first. React's
 * server build refuses to load unless the "react-server" export condition is on, which the server
 * process cannot switch on for one module; handing it React's own react-server build does the
 * same. Fresh instances: nothing here is shared with the copies Next.js loads.
 */
function loadModule(file, overrides) {
  const loaded = new Module(file);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  loaded.require = (id) => overrides[id] ?? require(id);
  loaded._compile(readFileSync(file, "utf8"), file);
  return loaded.exports;
}

let decoder;

/** React's reply decoder, as Next.js's production server uses it. */
function replyDecoder() {
  if (decoder) return decoder;
  const compiled = (name) => require.resolve(`next/dist/compiled/${name}`);
  const react = loadModule(compiled("react/cjs/react.react-server.production.js"), {});
  const reactDom = loadModule(compiled("react-dom/cjs/react-dom.react-server.production.js"), { "next/dist/compiled/react": react });
  const serverDom = loadModule(compiled("react-server-dom-webpack/cjs/react-server-dom-webpack-server.node.production.js"), {
    react,
    "react-dom": reactDom,
    "next/dist/compiled/react": react,
    "next/dist/compiled/react-dom": reactDom,
  });
  decoder = { decodeReply: serverDom.decodeReply, createTemporaryReferenceSet: serverDom.createTemporaryReferenceSet };
  return decoder;
}

/** Waits for every promise inside a decoded value (a missing part rejects only when awaited). */
async function settle(value, seen = new WeakSet()) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return;
  if (seen.has(value)) return;
  seen.add(value);
  if (typeof value.then === "function") return settle(await value, seen);
  const children = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  for (const child of children) await settle(child, seen);
}

/** How long a decode may take: bodies are at most 1 MB and decode in milliseconds; one that waits is waiting for a part that never comes. */
const DECODE_TIMEOUT_MS = 5_000;

/**
 * Whether `body` (the request's text, or its form data) decodes as Next.js would decode it: with
 * `withTemporaryReferences` for a fetch call, without for a form posted before the page's script
 * ran. Server references as arguments are refused (the decoder is given no actions to find):
 * the app never passes an action to an action.
 */
export async function decodesAsActionReply(body, withTemporaryReferences) {
  const { decodeReply, createTemporaryReferenceSet } = replyDecoder();
  let timer;
  try {
    const decoded = decodeReply(body, {}, withTemporaryReferences ? { temporaryReferences: createTemporaryReferenceSet() } : undefined);
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("decoding did not finish")), DECODE_TIMEOUT_MS);
    });
    await Promise.race([settle(decoded), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
