import type { Metadata } from "next";
import { AssignmentForm } from "@/components/instructor/assignment-form";
import { Card } from "@/components/ui/card";
import { instantToWallTime } from "@/domain/gradebook/zoned-time";
import { requireInstructor } from "@/lib/auth/session.server";
import { catalogGroups, conceptChoices } from "@/lib/catalog.server";
import { requireTeaching } from "@/lib/classes/access.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { createAssignmentAction } from "@/lib/classes/instructor-actions";

export const metadata: Metadata = { title: "New assignment" };

const DAY = 24 * 60 * 60 * 1000;

export default async function NewAssignmentPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/assignments/new`);
  const { classroom } = await orNotFound(requireTeaching(user, classId, { write: true }));
  const now = new Date();
  // Opens now (to the minute), due in a week at 23:59 of that day.
  const opensAt = instantToWallTime(now, classroom.timeZone);
  const dueAt = `${instantToWallTime(new Date(now.getTime() + 7 * DAY), classroom.timeZone).slice(0, 10)}T23:59`;
  return (
    <Card>
      <h2 className="text-lg font-semibold">New assignment</h2>
      <div className="mt-4">
        <AssignmentForm
          action={createAssignmentAction.bind(null, classroom.id)}
          catalog={catalogGroups()}
          concepts={conceptChoices()}
          timeZone={classroom.timeZone}
          submitLabel="Create assignment"
          formId="new-assignment"
          defaults={{
            title: "",
            instructions: "",
            target: "",
            points: "10",
            ungraded: false,
            opensAt,
            dueAt,
            latePolicy: "ACCEPT_WITH_PENALTY",
            latePenaltyPercent: "10",
            acceptEarlierWork: false,
            concepts: [],
          }}
        />
      </div>
    </Card>
  );
}
