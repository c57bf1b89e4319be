import { getCurrentUser } from "@/lib/auth/session.server";

export const dynamic = "force-dynamic";

/** Who this browser is signed in as here: the launch page checks that the LMS frame kept its session. */
export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  return Response.json({ userId: user?.id ?? null }, { headers: { "cache-control": "no-store" } });
}
