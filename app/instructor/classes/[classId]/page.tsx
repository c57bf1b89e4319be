import type { Metadata } from "next";
import Link from "next/link";
import { ClassForm } from "@/components/instructor/class-form";
import { ActionButton } from "@/components/instructor/form-bits";
import { CoInstructorForm, CopyButton, CopyField, RosterImportForm } from "@/components/instructor/small-forms";
import { UserText } from "@/components/instructor/user-text";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { timeZoneOptions } from "@/domain/gradebook/zoned-time";
import { requireInstructor } from "@/lib/auth/session.server";
import { findCatalogItem, TARGET_LABELS } from "@/lib/catalog.server";
import { getClassOverview } from "@/lib/classes/classes.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { siteOrigin } from "@/lib/classes/site-url.server";
import type { TargetType } from "@/domain/gradebook/semantics";
import {
  addCoInstructorAction,
  importRosterAction,
  regenerateInviteLinkAction,
  regenerateJoinCodeAction,
  removeCoInstructorAction,
  removeStudentAction,
  revokeInvitationAction,
  setArchivedAction,
  updateClassAction,
} from "@/lib/classes/instructor-actions";

export const metadata: Metadata = { title: "Class" };

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-fg-muted";
const td = "px-3 py-2 align-top";

export default async function ClassPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}`);
  const c = await orNotFound(getClassOverview(user, classId));
  const archived = Boolean(c.archivedAt);
  const origin = await siteOrigin();
  const tz = c.timeZone;

  return (
    <div className="grid grid-cols-1 gap-6">
      {archived ? (
        <p className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-warning">
          This class is archived: students no longer see it and nothing can be changed.{" "}
          {c.isOwner ? "Restore it under Settings to make changes." : "Its owner can restore it."}
        </p>
      ) : null}

      {!archived ? (
        <Card>
          <h2 className="text-lg font-semibold">Invite students</h2>
          <div className="mt-4 grid grid-cols-1 gap-6 md:grid-cols-2">
            <div>
              <p className="text-sm font-medium">Join code</p>
              <p className="mt-1 font-mono text-3xl font-semibold tracking-[0.2em]" data-testid="join-code">
                {c.joinCode}
              </p>
              <p className="mt-1 text-sm text-fg-muted">
                Students enter it at <span className="font-mono">{origin.replace(/^https?:\/\//, "")}/join</span>.
              </p>
              <ActionButton
                action={regenerateJoinCodeAction.bind(null, c.id)}
                label="New join code"
                confirm="Create a new join code? The current code stops working."
                className="mt-3"
              />
            </div>
            <div>
              <CopyField id="invite-link" label="Invite link" value={`${origin}/join/${c.inviteToken}`} />
              <ActionButton
                action={regenerateInviteLinkAction.bind(null, c.id)}
                label="New invite link"
                confirm="Create a new invite link? The current link stops working."
              />
            </div>
          </div>
        </Card>
      ) : null}

      <Card id="assignments">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">Assignments</h2>
          {!archived ? (
            <ButtonLink href={`/instructor/classes/${c.id}/assignments/new`} size="sm">
              New assignment
            </ButtonLink>
          ) : null}
        </div>
        <p className="mt-1 text-sm text-fg-muted">Times in {tz.replaceAll("_", " ")}.</p>
        {c.assignments.length === 0 ? (
          <p className="mt-3 text-sm text-fg-muted">No assignments yet.</p>
        ) : (
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full min-w-[40rem] text-sm">
              <thead className="border-b border-border">
                <tr>
                  <th scope="col" className={th}>Title</th>
                  <th scope="col" className={th}>Item</th>
                  <th scope="col" className={th}>Opens</th>
                  <th scope="col" className={th}>Due</th>
                  <th scope="col" className={th}>Points</th>
                  <th scope="col" className={th}>Late work</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {c.assignments.map((a) => {
                  const item = findCatalogItem(a.targetType as TargetType, a.targetId);
                  return (
                    <tr key={a.id}>
                      <td className={td}>
                        <Link href={`/instructor/classes/${c.id}/assignments/${a.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                          <UserText>{a.title}</UserText>
                        </Link>
                        {a.acceptEarlierWork ? <span className="block text-xs text-fg-muted">accepts work done before it opened</span> : null}
                      </td>
                      <td className={td}>
                        <span className="text-fg-muted">{TARGET_LABELS[a.targetType as TargetType]}:</span> {item?.title ?? a.targetId}
                      </td>
                      <td className={td}>
                        <LocalTime iso={a.opensAt.toISOString()} timeZone={tz} />
                      </td>
                      <td className={td}>
                        <LocalTime iso={a.dueAt.toISOString()} timeZone={tz} />
                      </td>
                      <td className={td}>{a.ungraded ? "Ungraded practice" : a.points}</td>
                      <td className={td}>{a.latePolicy === "CLOSE" ? "Not accepted" : `−${a.latePenaltyPercent}%`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card id="roster">
        <h2 className="text-lg font-semibold">Students ({c.students.length})</h2>
        {c.students.length === 0 ? (
          <p className="mt-2 text-sm text-fg-muted">No students yet. Share the join code or invite link, or import a roster.</p>
        ) : (
          <div className="relative mt-3 overflow-x-auto">
            <table className="w-full min-w-[36rem] text-sm">
              <thead className="border-b border-border">
                <tr>
                  <th scope="col" className={th}>Name</th>
                  <th scope="col" className={th}>Email</th>
                  <th scope="col" className={th}>Joined</th>
                  {!archived ? <th scope="col" className={th}><span className="sr-only">Actions</span></th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {c.students.map((s) => (
                  <tr key={s.id}>
                    <td className={td}>
                      <Link href={`/instructor/classes/${c.id}/students/${s.id}`} className="text-accent underline-offset-2 hover:underline">
                        <UserText>{s.name ?? s.email}</UserText>
                      </Link>
                    </td>
                    <td className={td}>
                      <UserText>{s.email}</UserText>
                    </td>
                    <td className={td}>
                      <LocalTime iso={s.joinedAt.toISOString()} timeZone={tz} />
                    </td>
                    {!archived ? (
                      <td className={`${td} text-right`}>
                        <ActionButton
                          action={removeStudentAction.bind(null, c.id, s.id)}
                          label="Remove"
                          accessibleName={`Remove ${s.name ?? s.email}`}
                          variant="ghost"
                          confirm={`Remove ${s.name ?? s.email} from the class? Their own progress is kept.`}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {c.invitations.length > 0 ? (
          <>
            <h3 className="mt-6 font-medium">Invited ({c.invitations.length})</h3>
            <p className="text-sm text-fg-muted">
              Everyone on an imported roster is invited, with or without an account, and joins only by accepting (on their dashboard, or through the invitation&apos;s link).
            </p>
            <ul className="mt-2 divide-y divide-border text-sm">
              {c.invitations.map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center gap-3 py-2">
                  <UserText className="min-w-0 flex-1 [overflow-wrap:anywhere]">{inv.email}</UserText>
                  <span className="text-fg-muted">
                    {inv.declinedAt ? (
                      <>
                        declined <LocalTime iso={inv.declinedAt.toISOString()} timeZone={tz} />
                      </>
                    ) : (
                      <>
                        {inv.emailedAt ? "emailed" : "invited"} <LocalTime iso={(inv.emailedAt ?? inv.createdAt).toISOString()} timeZone={tz} />
                      </>
                    )}
                  </span>
                  <CopyButton value={`${origin}/invite/${inv.token}`} label={`Copy invitation link for ${inv.email}`} />
                  {!archived ? (
                    <ActionButton action={revokeInvitationAction.bind(null, c.id, inv.id)} label="Withdraw" accessibleName={`Withdraw invitation for ${inv.email}`} variant="ghost" />
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {!archived ? (
          <div className="mt-6 border-t border-border pt-5">
            <h3 className="font-medium">Invite a roster</h3>
            <div className="mt-3">
              <RosterImportForm action={importRosterAction.bind(null, c.id)} />
            </div>
          </div>
        ) : null}
      </Card>

      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <Card id="instructors">
          <h2 className="text-lg font-semibold">Instructors</h2>
          <ul className="mt-3 divide-y divide-border text-sm">
            {c.instructors.map(({ user: i, isOwner }) => (
              <li key={i.id} className="flex flex-wrap items-center gap-2 py-2">
                <span className="min-w-0 flex-1">
                  <UserText>{i.name ?? i.email}</UserText>{" "}
                  <span className="text-fg-muted">
                    · <UserText>{i.email}</UserText>
                  </span>
                </span>
                <Badge tone={isOwner ? "accent" : "neutral"}>{isOwner ? "Owner" : "Co-instructor"}</Badge>
                {c.isOwner && !isOwner && !archived ? (
                  <ActionButton action={removeCoInstructorAction.bind(null, c.id, i.id)} label="Remove" accessibleName={`Remove co-instructor ${i.name ?? i.email}`} variant="ghost" />
                ) : null}
              </li>
            ))}
          </ul>
          {c.isOwner && !archived ? (
            <div className="mt-4">
              <CoInstructorForm action={addCoInstructorAction.bind(null, c.id)} />
            </div>
          ) : (
            <p className="mt-3 text-sm text-fg-muted">Only the class owner adds or removes co-instructors.</p>
          )}
        </Card>

        <Card id="settings">
          <h2 className="text-lg font-semibold">Settings</h2>
          {!archived ? (
            <div className="mt-4">
              <ClassForm
                action={updateClassAction.bind(null, c.id)}
                timeZones={timeZoneOptions()}
                initial={{ name: c.name, timeZone: c.timeZone }}
                submitLabel="Save"
                idPrefix="settings"
                stacked
              />
            </div>
          ) : null}
          {c.isOwner ? (
            <div className="mt-5 border-t border-border pt-4">
              <p className="text-sm text-fg-muted">
                {archived ? "Restoring makes the class visible to its students again." : "Archiving hides the class from students and makes it read-only. You can restore it."}
              </p>
              <ActionButton
                action={setArchivedAction.bind(null, c.id, !archived)}
                label={archived ? "Restore class" : "Archive class"}
                variant={archived ? "primary" : "danger"}
                confirm={archived ? undefined : "Archive this class? Students will no longer see it."}
                className="mt-3"
              />
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
