import "server-only";
/** The site's origin for links people copy: see lib/http/site-origin.server.ts (never the request's Host in production). */
export { siteOrigin } from "../http/site-origin.server";
