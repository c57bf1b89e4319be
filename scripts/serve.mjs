// Serves the production build with one Node.js process per CPU core (up to 4, or WEB_CONCURRENCY)
// sharing PORT through node:cluster. Next.js runs on one thread per process; the app keeps no
// state in memory between requests, so workers are interchangeable (docs/deployment.md).
// Prerendered pages, their RSC payloads and static files are answered from memory, compressed at
// build time; every response gets its Content Security Policy here (ADR 0900). The learner's hot
// calls are answered here too, before Next.js, by their bundled door (ADR 1550).
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { root } from "./lib.mjs";
import { guardRequest, trustedProxyHops } from "./request-guard.mjs";

const port = Number(process.env.PORT || 3000);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || Math.min(os.availableParallelism(), 4));

const distDir = path.resolve(root, process.env.NEXT_DIST_DIR || ".next");

if (cluster.isPrimary) {
  // A build made by `next build` alone has no precompressed copies yet (or stale ones): make them.
  const { precompressedBuildIsCurrent } = await import("./static-responses.mjs");
  if (!precompressedBuildIsCurrent(distDir)) {
    const result = spawnSync(process.execPath, [path.join(root, "scripts", "precompress.mjs")], { stdio: "inherit", env: process.env });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i++) fork();
  const listening = new Set();
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    // A worker that dies before it ever served (bad build, port taken, bad env) would die again.
    if (!listening.has(worker.id)) {
      console.error(`worker ${worker.process.pid} ended (${signal ?? code}) before serving; stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 10_000).unref();
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    console.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
  console.log(`Serving on http://localhost:${port} with ${workers} worker process${workers === 1 ? "" : "es"}`);
} else {
  process.env.NODE_ENV = "production";
  const { configuredHeaderLookup, createStaticResponder, dynamicContentSecurityPolicy } = await import("./static-responses.mjs");
  const { hotCallResponder, loadHotCallDoor } = await import("./hot-call-bundle.mjs");
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Read after Next.js has loaded .env; an invalid value stops the worker before it serves.
  const proxyHops = trustedProxyHops();
  const precompressed = createStaticResponder(distDir);
  const dynamicScriptHashes = precompressed?.dynamicScriptHashes ?? [];
  // Loaded and warmed before the worker listens: the first learners of a class do not wait on it.
  const hotCallDoor = await loadHotCallDoor(distDir);
  const hotCalls = hotCallDoor && hotCallResponder(hotCallDoor, configuredHeaderLookup(distDir), () => dynamicContentSecurityPolicy(dynamicScriptHashes));
  const server = http.createServer(async (original, response) => {
    // Requests Next.js would fail on with a 500 get a 400 here, and the client's address comes
    // from the socket (or TRUST_PROXY hops): scripts/request-guard.mjs, ADR 0011.
    const request = await guardRequest(original, response, proxyHops);
    if (!request) return;
    if (hotCalls?.(request, response)) return;
    if (precompressed?.handle(request, response)) return;
    // A hot call's JSON (ADR 1490) is small; gzipping it per request cost more CPU than the bytes saved.
    if (request.url?.startsWith("/api/calls/")) delete request.headers["accept-encoding"];
    // Next reads the nonce from the request's policy and puts it on every script it renders.
    const policy = dynamicContentSecurityPolicy(dynamicScriptHashes);
    request.headers["content-security-policy"] = policy;
    // The LTI endpoints send their own policy, whose frame-ancestors name the LMS (ADR 0803).
    if (!/^\/api\/lti(\/|\?|$)/.test(request.url ?? "")) response.setHeader("Content-Security-Policy", policy);
    handle(request, response);
  });
  server.on("error", (error) => {
    console.error(`cannot serve on port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port);
}
