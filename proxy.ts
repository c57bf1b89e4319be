import { NextResponse } from "next/server";
import { allFrameOrigins } from "./lib/lti/platforms.server";
// @ts-expect-error plain JavaScript module shared with next.config.js
import { framedContentSecurityPolicy } from "./security-headers.js";

/**
 * Pages shown inside an LMS (/lti, /zh/lti) may be framed by the registered LMS origins only:
 * their Content-Security-Policy names them in frame-ancestors (and form-action, for the
 * deep-linking answer). Every other page keeps `frame-ancestors 'none'` (next.config.js).
 */
export async function proxy() {
  let origins: string[] = [];
  try {
    origins = await allFrameOrigins();
  } catch (error) {
    console.error("LTI frame origins could not be read; LTI pages are not framable meanwhile", error);
  }
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", framedContentSecurityPolicy(origins));
  return response;
}

export const config = { matcher: ["/lti", "/lti/:path*", "/zh/lti", "/zh/lti/:path*"] };
