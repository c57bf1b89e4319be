import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { Locale } from "@/domain/locale";
import { getCurrentUser, requireInstructor } from "@/lib/auth/session.server";
import { requireTeaching } from "@/lib/classes/access.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { localePath } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { isLtiClass } from "@/lib/lti/views.server";
import { ClassNav } from "./class-nav";
import { UserText } from "./user-text";

/** What every page of a class shares (the layout of /instructor/classes/<id>/… and its /zh twin): the way back, the class's name, its sections. */
export async function ClassShell({ locale, classId, children }: { locale: Locale; classId: string; children: ReactNode }) {
  // A layout does not know which of the class's pages it wraps. Signed out, each page's own guard
  // sends the reader to sign in and back to that very page, so the shell leaves it to the page.
  if (!(await getCurrentUser())) return children;
  const user = await requireInstructor(localePath(locale, `/instructor/classes/${classId}`));
  const { classroom } = await orNotFound(requireTeaching(user, classId));
  const words = instructorWords(locale).shell;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link href={localePath(locale, "/instructor")} className="text-fg-muted hover:text-fg">
          {words.back}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">
          <UserText>{classroom.name}</UserText>
        </h1>
        {classroom.archivedAt ? <Badge tone="warning">{words.archived}</Badge> : null}
      </div>
      <ClassNav classId={classId} lms={await isLtiClass(classId)} locale={locale} />
      <div className="mt-8">{children}</div>
    </div>
  );
}
