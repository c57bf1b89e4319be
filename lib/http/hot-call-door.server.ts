import "server-only";
import type { IncomingMessage } from "node:http";
import { sessionAccount } from "../auth/sessions.server";
import { db } from "../db.server";
import { listQuizzes } from "../quiz/registry.server";
import { hotCallNames } from "./hot-call";
import { answerScopedHotCall, HOT_CALL_HEADERS, type HotCallAnswer } from "./hot-call-route.server";
import { hotCalls } from "./hot-calls.server";
import { nodeHeaders } from "./same-site.server";

/**
 * The production server's own door to the hot calls (ADR 1550): scripts/serve.mjs answers
 * POST /api/calls/<name> with this module, bundled by scripts/build-hot-calls.mjs, before Next.js
 * sees the request, so a call skips Next.js's request pipeline. It runs the same core as the
 * route handler (`answerHotCall`), in a request scope of its own for the cookies.
 */

export { hotCallNames, HOT_CALL_HEADERS };

/**
 * Answers one hot call; `name` and `search` come from the request's path and query. The body is
 * read up to the size limit; what is left of a larger one is for the server to drop.
 */
export function answerNodeHotCall(name: string, search: string, request: IncomingMessage): Promise<HotCallAnswer & { setCookies: string[] }> {
  const headers = nodeHeaders(request.headers);
  const scheme = "encrypted" in request.socket && request.socket.encrypted ? "https" : (headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http");
  return answerScopedHotCall(
    hotCalls,
    {
      name,
      locale: new URLSearchParams(search).get("locale"),
      headers,
      requestOrigin: `${scheme}://${headers.get("host") ?? "localhost"}`,
      body: request.iterator({ destroyOnReturn: false }),
    },
    headers.get("cookie") ?? undefined,
  );
}

/**
 * What the first calls would otherwise pay for (the database connection, Prisma's query compiler,
 * the parsed quizzes): done once before the worker listens, so a class that starts a quiz
 * together does not wait on a cold server.
 */
export async function warmHotCalls(): Promise<void> {
  listQuizzes();
  await sessionAccount("");
  await db.user.findFirst({ where: { id: "" }, select: { id: true } });
}
