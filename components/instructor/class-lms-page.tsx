import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassSyncTable } from "@/components/lti/class-sync";
import { RosterPanel } from "@/components/lti/sync-table";
import { Card } from "@/components/ui/card";
import type { Locale } from "@/domain/locale";
import { requireInstructor } from "@/lib/auth/session.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { localePath } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { classSyncView } from "@/lib/lti/views.server";

export function classLmsMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).lms.title };
}

/** The "LMS" tab of a class that comes from an LMS course: roster sync and every score sent to the LMS. */
export async function ClassLmsPage({ locale, classId }: { locale: Locale; classId: string }) {
  const user = await requireInstructor(localePath(locale, `/instructor/classes/${classId}/lti`));
  const view = await orNotFound(classSyncView(user, classId));
  if (!view) notFound();
  const words = instructorWords(locale).lms;
  return (
    <div className="grid gap-6">
      <p className="text-fg-muted">{words.intro(view.contextTitle, view.platformName, view.totals.DELIVERED, view.totals.PENDING, view.totals.FAILED)}</p>
      <RosterPanel classId={view.classId} rosterService={view.rosterService} syncedAt={view.rosterSyncedAt} error={view.rosterSyncError} locale={locale} />
      <Card>
        <h2 className="text-lg font-semibold">{words.grades}</h2>
        <div className="mt-4">
          <ClassSyncTable view={view} locale={locale} />
        </div>
      </Card>
    </div>
  );
}
