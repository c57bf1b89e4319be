import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { TableHead } from "@/components/ui/table";
import type { TargetType } from "@/domain/gradebook/semantics";
import { timeZoneOptions } from "@/domain/gradebook/zoned-time";
import { LOCALE_LANG, type Locale } from "@/domain/locale";
import { requireInstructor } from "@/lib/auth/session.server";
import { findCatalogItem } from "@/lib/catalog.server";
import { getClassOverview } from "@/lib/classes/classes.server";
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
import { orNotFound } from "@/lib/classes/page-guard.server";
import { siteOrigin } from "@/lib/classes/site-url.server";
import { localePath } from "@/lib/i18n/paths";
import { targetTypeWords } from "@/lib/i18n/words/gradebook";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { ClassForm } from "./class-form";
import { ActionButton } from "./form-bits";
import { CoInstructorForm, CopyButton, CopyField, RosterImportForm } from "./small-forms";
import { UserText } from "./user-text";

export function classMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).classPage.title };
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-fg-muted";
const td = "px-3 py-2 align-top";

type Overview = Awaited<ReturnType<typeof getClassOverview>>;

/**
 * A class's own page: inviting students, its assignments, roster, instructors and settings. The
 * links students follow (join, invite) lead to the pages in this page's language.
 */
export async function ClassPage({ locale, classId }: { locale: Locale; classId: string }) {
  const user = await requireInstructor(localePath(locale, `/instructor/classes/${classId}`));
  const c = await orNotFound(getClassOverview(user, classId));
  const origin = await siteOrigin();
  return (
    <div className="grid grid-cols-1 gap-6">
      <ArchivedNote c={c} locale={locale} />
      {c.archivedAt ? null : <InviteCard c={c} origin={origin} locale={locale} />}
      <AssignmentsCard c={c} locale={locale} />
      <RosterCard c={c} origin={origin} locale={locale} />
      <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
        <InstructorsCard c={c} locale={locale} />
        <SettingsCard c={c} locale={locale} />
      </div>
    </div>
  );
}

type Part = { c: Overview; locale: Locale };

function ArchivedNote({ c, locale }: Part) {
  if (!c.archivedAt) return null;
  const words = instructorWords(locale).classPage;
  return (
    <p className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-warning">
      {words.archivedNote} {c.isOwner ? words.restoreOwner : words.restoreOther}
    </p>
  );
}

function InviteCard({ c, origin, locale }: Part & { origin: string }) {
  const words = instructorWords(locale).classPage;
  return (
    <Card>
      <h2 className="text-lg font-semibold">{words.invite}</h2>
      <div className="mt-4 grid grid-cols-1 gap-6 md:grid-cols-2">
        <div>
          <p className="text-sm font-medium">{words.joinCode}</p>
          <p className="mt-1 font-mono text-3xl font-semibold tracking-[0.2em]" data-testid="join-code">
            {c.joinCode}
          </p>
          <p className="mt-1 text-sm text-fg-muted">
            {words.enterAt.before} <span className="font-mono">{origin.replace(/^https?:\/\//, "")}{localePath(locale, "/join")}</span>
            {words.enterAt.after}
          </p>
          <ActionButton action={regenerateJoinCodeAction.bind(null, c.id)} label={words.newJoinCode} confirm={words.newJoinCodeConfirm} className="mt-3" locale={locale} />
        </div>
        <div>
          <CopyField id="invite-link" label={words.inviteLink} value={`${origin}${localePath(locale, `/join/${c.inviteToken}`)}`} locale={locale} />
          <ActionButton action={regenerateInviteLinkAction.bind(null, c.id)} label={words.newInviteLink} confirm={words.newInviteLinkConfirm} locale={locale} />
        </div>
      </div>
    </Card>
  );
}

function AssignmentsCard({ c, locale }: Part) {
  const words = instructorWords(locale).classPage;
  const targets = targetTypeWords(locale);
  const lang = LOCALE_LANG[locale];
  const tz = c.timeZone;
  return (
    <Card id="assignments">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">{words.assignments}</h2>
        {c.archivedAt ? null : (
          <ButtonLink href={localePath(locale, `/instructor/classes/${c.id}/assignments/new`)} size="sm">
            {words.newAssignment}
          </ButtonLink>
        )}
      </div>
      <p className="mt-1 text-sm text-fg-muted">{words.timesIn(tz.replaceAll("_", " "))}</p>
      {c.assignments.length === 0 ? (
        <p className="mt-3 text-sm text-fg-muted">{words.noAssignments}</p>
      ) : (
        <div className="relative mt-3 overflow-x-auto">
          <table className="w-full min-w-[40rem] text-sm">
            <TableHead
              className="border-b border-border"
              headings={[words.columns.title, words.columns.item, words.columns.opens, words.columns.due, words.columns.points, words.columns.late]}
              cellClassName={th}
            />
            <tbody className="divide-y divide-border">
              {c.assignments.map((a) => {
                const type = a.targetType as TargetType;
                const item = findCatalogItem(type, a.targetId, locale);
                return (
                  <tr key={a.id}>
                    <td className={td}>
                      <Link href={localePath(locale, `/instructor/classes/${c.id}/assignments/${a.id}`)} className="font-medium text-accent underline-offset-2 hover:underline">
                        <UserText>{a.title}</UserText>
                      </Link>
                      {a.acceptEarlierWork ? <span className="block text-xs text-fg-muted">{words.acceptsEarlier}</span> : null}
                    </td>
                    <td className={td}>
                      <span className="text-fg-muted">{words.targetLabel(targets[type])}</span> {item?.title ?? a.targetId}
                    </td>
                    <td className={td}>
                      <LocalTime iso={a.opensAt.toISOString()} timeZone={tz} lang={lang} />
                    </td>
                    <td className={td}>
                      <LocalTime iso={a.dueAt.toISOString()} timeZone={tz} lang={lang} />
                    </td>
                    <td className={td}>{a.ungraded ? words.ungraded : a.points}</td>
                    <td className={td}>{a.latePolicy === "CLOSE" ? words.lateClosed : words.latePenalty(a.latePenaltyPercent)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function RosterCard({ c, origin, locale }: Part & { origin: string }) {
  const words = instructorWords(locale).classPage;
  const lang = LOCALE_LANG[locale];
  const tz = c.timeZone;
  const archived = Boolean(c.archivedAt);
  return (
    <Card id="roster">
      <h2 className="text-lg font-semibold">{words.students(c.students.length)}</h2>
      {c.students.length === 0 ? (
        <p className="mt-2 text-sm text-fg-muted">{words.noStudents}</p>
      ) : (
        <div className="relative mt-3 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm">
            <TableHead
              className="border-b border-border"
              headings={[
                words.studentColumns.name,
                words.studentColumns.email,
                words.studentColumns.joined,
                ...(archived ? [] : [<span key="actions" className="sr-only">{words.studentColumns.actions}</span>]),
              ]}
              cellClassName={th}
            />
            <tbody className="divide-y divide-border">
              {c.students.map((s) => (
                <tr key={s.id}>
                  <td className={td}>
                    <Link href={localePath(locale, `/instructor/classes/${c.id}/students/${s.id}`)} className="text-accent underline-offset-2 hover:underline">
                      <UserText>{s.name ?? s.email}</UserText>
                    </Link>
                  </td>
                  <td className={td}>
                    <UserText>{s.email}</UserText>
                  </td>
                  <td className={td}>
                    <LocalTime iso={s.joinedAt.toISOString()} timeZone={tz} lang={lang} />
                  </td>
                  {!archived ? (
                    <td className={`${td} text-right`}>
                      <ActionButton
                        action={removeStudentAction.bind(null, c.id, s.id)}
                        label={words.remove}
                        accessibleName={words.removeStudent(s.name ?? s.email)}
                        variant="ghost"
                        confirm={words.removeStudentConfirm(s.name ?? s.email)}
                        locale={locale}
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
          <h3 className="mt-6 font-medium">{words.invited(c.invitations.length)}</h3>
          <p className="text-sm text-fg-muted">{words.invitedIntro}</p>
          <ul className="mt-2 divide-y divide-border text-sm">
            {c.invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center gap-3 py-2">
                <UserText className="min-w-0 flex-1 [overflow-wrap:anywhere]">{inv.email}</UserText>
                <span className="text-fg-muted">
                  {inv.declinedAt ? words.declined : inv.emailedAt ? words.emailed : words.invitedAt}{" "}
                  <LocalTime iso={(inv.declinedAt ?? inv.emailedAt ?? inv.createdAt).toISOString()} timeZone={tz} lang={lang} />
                </span>
                <CopyButton value={`${origin}${localePath(locale, `/invite/${inv.token}`)}`} label={words.copyInvitation(inv.email)} locale={locale} />
                {!archived ? (
                  <ActionButton
                    action={revokeInvitationAction.bind(null, c.id, inv.id)}
                    label={words.withdraw}
                    accessibleName={words.withdrawInvitation(inv.email)}
                    variant="ghost"
                    locale={locale}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!archived ? (
        <div className="mt-6 border-t border-border pt-5">
          <h3 className="font-medium">{words.inviteRoster}</h3>
          <div className="mt-3">
            <RosterImportForm action={importRosterAction.bind(null, c.id)} locale={locale} />
          </div>
        </div>
      ) : null}
    </Card>
  );
}

function InstructorsCard({ c, locale }: Part) {
  const words = instructorWords(locale).classPage;
  const archived = Boolean(c.archivedAt);
  return (
    <Card id="instructors">
      <h2 className="text-lg font-semibold">{words.instructors}</h2>
      <ul className="mt-3 divide-y divide-border text-sm">
        {c.instructors.map(({ user: i, isOwner }) => (
          <li key={i.id} className="flex flex-wrap items-center gap-2 py-2">
            <span className="min-w-0 flex-1">
              <UserText>{i.name ?? i.email}</UserText>{" "}
              <span className="text-fg-muted">
                · <UserText>{i.email}</UserText>
              </span>
            </span>
            <Badge tone={isOwner ? "accent" : "neutral"}>{isOwner ? words.owner : words.coInstructor}</Badge>
            {c.isOwner && !isOwner && !archived ? (
              <ActionButton
                action={removeCoInstructorAction.bind(null, c.id, i.id)}
                label={words.remove}
                accessibleName={words.removeCoInstructor(i.name ?? i.email)}
                variant="ghost"
                locale={locale}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {c.isOwner && !archived ? (
        <div className="mt-4">
          <CoInstructorForm action={addCoInstructorAction.bind(null, c.id)} locale={locale} />
        </div>
      ) : (
        <p className="mt-3 text-sm text-fg-muted">{words.onlyOwner}</p>
      )}
    </Card>
  );
}

function SettingsCard({ c, locale }: Part) {
  const words = instructorWords(locale).classPage;
  const archived = Boolean(c.archivedAt);
  return (
    <Card id="settings">
      <h2 className="text-lg font-semibold">{words.settings}</h2>
      {!archived ? (
        <div className="mt-4">
          <ClassForm
            action={updateClassAction.bind(null, c.id)}
            timeZones={timeZoneOptions()}
            initial={{ name: c.name, timeZone: c.timeZone }}
            submitLabel={words.save}
            idPrefix="settings"
            stacked
            locale={locale}
          />
        </div>
      ) : null}
      {c.isOwner ? (
        <div className="mt-5 border-t border-border pt-4">
          <p className="text-sm text-fg-muted">{archived ? words.restoreNote : words.archiveNote}</p>
          <ActionButton
            action={setArchivedAction.bind(null, c.id, !archived)}
            label={archived ? words.restore : words.archive}
            variant={archived ? "primary" : "danger"}
            confirm={archived ? undefined : words.archiveConfirm}
            className="mt-3"
            locale={locale}
          />
        </div>
      ) : null}
    </Card>
  );
}
