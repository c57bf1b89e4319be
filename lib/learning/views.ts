import type { DiagnosticStatus } from "./diagnostics.server";

/** A diagnostic's status as it crosses to the browser (dates as ISO strings). */
export type DiagnosticStatusView = Omit<DiagnosticStatus, "pre" | "post"> & {
  pre: Omit<DiagnosticStatus["pre"], "submittedAt"> & { submittedAt: string | null };
  post: Omit<DiagnosticStatus["post"], "submittedAt"> & { submittedAt: string | null };
};

export function statusView(status: DiagnosticStatus): DiagnosticStatusView {
  return {
    ...status,
    pre: { ...status.pre, submittedAt: status.pre.submittedAt?.toISOString() ?? null },
    post: { ...status.post, submittedAt: status.post.submittedAt?.toISOString() ?? null },
  };
}
