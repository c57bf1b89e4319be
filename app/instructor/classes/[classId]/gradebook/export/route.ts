import { getCurrentUser } from "@/lib/auth/session.server";
import { NotAllowedError } from "@/lib/classes/errors";
import { exportGradebookCsv } from "@/lib/gradebook/gradebook.server";

export const dynamic = "force-dynamic";

/** The gradebook as a CSV download; the same authorization as the page (404 for anyone else). */
export async function GET(_request: Request, { params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first", { status: 401 });
  try {
    const { csv, filename } = await exportGradebookCsv(user, classId);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotAllowedError) return new Response("Not found", { status: 404 });
    throw error;
  }
}
