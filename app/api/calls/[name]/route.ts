import { hotCallRoute } from "@/lib/http/hot-call-route.server";
import { hotCalls } from "@/lib/http/hot-calls.server";

/** Next.js's door to the hot calls (ADR 1490, ADR 1550); the production server answers them before Next.js when its bundle is current. */
export const POST = hotCallRoute(hotCalls);
