// Serves the production build with one Node.js process per CPU core (up to 4, or WEB_CONCURRENCY)
// sharing PORT through node:cluster. Next.js runs on one thread per process; the app keeps no
// state in memory between requests, so workers are interchangeable (docs/deployment.md).
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import { root } from "./lib.mjs";
import { guardRequest, trustedProxyHops } from "./request-guard.mjs";

const port = Number(process.env.PORT || 3000);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || Math.min(os.availableParallelism(), 4));

if (cluster.isPrimary) {
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
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Read after Next.js has loaded .env; an invalid value stops the worker before it serves.
  const proxyHops = trustedProxyHops();
  // Requests Next.js would fail on with a 500 get a 400 here, and the client's address comes from the socket (or TRUST_PROXY hops).
  const server = http.createServer(async (request, response) => {
    const accepted = await guardRequest(request, response, proxyHops);
    if (accepted) await handle(accepted, response);
  });
  server.on("error", (error) => {
    console.error(`cannot serve on port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port);
}
