import { getCurrentUser } from "@/lib/auth/session.server";
import { keptCaptureOf } from "@/lib/capture-challenges/evidence.server";

export const dynamic = "force-dynamic";

/** The packets a learner kept with a capture challenge success: theirs only, as a pcap file. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  const { id } = await params;
  const kept = user && id.length <= 64 ? await keptCaptureOf(user, id) : null;
  if (!kept) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(kept.bytes), {
    headers: {
      "Content-Type": "application/vnd.tcpdump.pcap",
      // A name the server chooses: the challenge id is lowercase letters, digits and hyphens.
      "Content-Disposition": `attachment; filename="${kept.challengeId}.pcap"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
