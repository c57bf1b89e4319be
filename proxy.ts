import { NextResponse, type NextRequest } from "next/server";
import { allFrameOrigins } from "./lib/lti/platforms.server";
// @ts-expect-error plain JavaScript module shared with next.config.js and scripts/serve.mjs
import { contentSecurityPolicy, framedContentSecurityPolicy } from "./security-headers.js";

/**
 * Pages shown inside an LMS (/lti, /zh/lti) may be framed by the registered LMS origins only:
 * their Content-Security-Policy names them in frame-ancestors (and form-action, for the
 * deep-linking answer). The policy is the one scripts/serve.mjs gave the request (with its
 * nonce), so scripts keep running; every other page keeps `frame-ancestors 'none'`.
 */
export async function proxy(request: NextRequest) {
  let origins: string[] = [];
  try {
    origins = await allFrameOrigins();
  } catch (error) {
    console.error("LTI frame origins could not be read; LTI pages are not framable meanwhile", error);
  }
  const base = request.headers.get("content-security-policy") ?? (process.env.NODE_ENV === "production" ? contentSecurityPolicy() : contentSecurityPolicy(["'unsafe-inline'", "'unsafe-eval'"]));
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", framedContentSecurityPolicy(origins, base));
  return response;
}

export const config = { matcher: ["/lti", "/lti/:path*", "/zh/lti", "/zh/lti/:path*"] };
