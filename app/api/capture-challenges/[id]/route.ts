import { getCurrentUser } from "@/lib/auth/session.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { readCaptureBody, sameOriginUpload } from "@/lib/capture-challenges/request.server";
import { checkCaptureUpload, checkVisitorCaptureUpload, uploadError } from "@/lib/capture-challenges/upload.server";
import { captureUploadWords } from "@/lib/i18n/words/capture-upload";
import { currentVisitor } from "@/lib/progress/visitor.server";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Checks an uploaded capture (the raw file as the request body) against a capture challenge:
 * `?locale=zh` for the explanation's language, `?keep=1` to keep the examined connection's
 * packets with a success. Answers JSON, never 500: a verdict (200) or an error with a message.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const url = new URL(request.url);
  const locale = url.searchParams.get("locale") === "zh" ? "zh" : "en";
  try {
    const forbidden = sameOriginUpload(request);
    if (forbidden) return Response.json({ ok: false, error: "forbidden", message: forbidden }, { status: 403, headers: NO_STORE });
    const { id } = await params;
    const body = await readCaptureBody(request);
    if (body === "too-large") return Response.json(uploadError("too-large", locale), { status: 413, headers: NO_STORE });
    const user = await getCurrentUser();
    const visitorId = await currentVisitor();
    const result = user
      ? await checkCaptureUpload(user, id, body, { locale, keep: url.searchParams.get("keep") === "1", visitorId })
      : await checkVisitorCaptureUpload(visitorId, id, body, { locale });
    if (result.ok && (result.stored === "new" || result.stored === "existing") && user) await afterEvidenceWrite(user.id);
    const status = result.ok ? 200 : result.error === "unknown-challenge" ? 404 : result.error === "rate-limited" ? 429 : result.error === "busy" ? 503 : 422;
    return Response.json(result, { status, headers: NO_STORE });
  } catch (error) {
    console.error("capture upload failed", error);
    return Response.json({ ok: false, error: "failed", message: captureUploadWords(locale).checkFailed }, { status: 503, headers: NO_STORE });
  }
}
