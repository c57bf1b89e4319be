/**
 * A reverse proxy that does what nginx does with the usual `proxy_set_header` lines
 * (`X-Forwarded-For $proxy_add_x_forwarded_for`, `X-Forwarded-Host $host`,
 * `X-Forwarded-Proto $scheme`, standing in for TLS it does not terminate): it appends the address it received the request from to
 * X-Forwarded-For, keeping what the client wrote before it, and passes the Host it was asked for
 * on as X-Forwarded-Host. Tests put it in front of the production server to check what the app
 * believes of those headers with TRUST_PROXY set.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReverseProxy = {
  port: number;
  url: string;
  /** Where requests go (the proxy listens first, so the app behind it can be told its public URL). */
  forwardTo: (target: string) => void;
  close: () => Promise<void>;
};

/** `scheme` is what the proxy tells the app it was reached with (X-Forwarded-Proto): "https" for one that terminates TLS. */
export async function startReverseProxy(scheme: "http" | "https" = "http"): Promise<ReverseProxy> {
  let upstream: URL | null = null;
  const server = http.createServer((request, response) => {
    if (!upstream) {
      response.writeHead(502).end();
      return;
    }
    const peer = (request.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    const written = request.headers["x-forwarded-for"];
    const headers = {
      ...request.headers,
      host: upstream.host,
      "x-forwarded-for": written ? `${written}, ${peer}` : peer,
      "x-forwarded-host": request.headers.host ?? "",
      "x-forwarded-proto": scheme,
    };
    const forwarded = http.request({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    forwardTo: (target) => {
      upstream = new URL(target);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type PlainResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One HTTP request from a chosen local address (any of 127.0.0.0/8 reaches the loopback
 * interface), so a test can be several clients on one machine.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<PlainResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? "GET", headers: options.headers, localAddress },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}
