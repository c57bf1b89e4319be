import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassSyncTable } from "@/components/lti/class-sync";
import { RosterPanel } from "@/components/lti/sync-table";
import { Card } from "@/components/ui/card";
import { requireInstructor } from "@/lib/auth/session.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { classSyncView } from "@/lib/lti/views.server";

export const metadata: Metadata = { title: "LMS grade sync" };

export default async function ClassLmsPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/lti`);
  const view = await orNotFound(classSyncView(user, classId));
  if (!view) notFound();
  return (
    <div className="grid gap-6">
      <p className="text-fg-muted">
        This class is the course {view.contextTitle ? `“${view.contextTitle}” ` : ""}in {view.platformName}. Students&apos; scores on its linked activities go to the
        LMS&apos;s gradebook when they change: {view.totals.DELIVERED} sent, {view.totals.PENDING} waiting, {view.totals.FAILED} failed.
      </p>
      <RosterPanel classId={view.classId} rosterService={view.rosterService} syncedAt={view.rosterSyncedAt} error={view.rosterSyncError} locale="en" />
      <Card>
        <h2 className="text-lg font-semibold">Grades in the LMS</h2>
        <div className="mt-4">
          <ClassSyncTable view={view} />
        </div>
      </Card>
    </div>
  );
}
