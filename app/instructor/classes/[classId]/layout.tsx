import Link from "next/link";
import type { ReactNode } from "react";
import { ClassNav } from "@/components/instructor/class-nav";
import { UserText } from "@/components/instructor/user-text";
import { Badge } from "@/components/ui/badge";
import { requireInstructor } from "@/lib/auth/session.server";
import { requireTeaching } from "@/lib/classes/access.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { isLtiClass } from "@/lib/lti/views.server";

export default async function ClassLayout({ children, params }: { children: ReactNode; params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}`);
  const { classroom } = await orNotFound(requireTeaching(user, classId));
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link href="/instructor" className="text-fg-muted hover:text-fg">
          ← Your classes
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">
          <UserText>{classroom.name}</UserText>
        </h1>
        {classroom.archivedAt ? <Badge tone="warning">Archived · read-only</Badge> : null}
      </div>
      <ClassNav classId={classId} lms={await isLtiClass(classId)} />
      <div className="mt-8">{children}</div>
    </div>
  );
}
