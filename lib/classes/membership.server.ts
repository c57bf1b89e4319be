import "server-only";
import { emailVerificationRequired, hasProvenEmail } from "../auth/email-verification.server";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import type { FormResult } from "../http/form-result";
import { classActionWords } from "../i18n/words/class-actions";
import type { Locale } from "@/domain/locale";
import { requireTeaching } from "./access.server";
import { newToken, normalizeJoinCode } from "./codes";
import { refusal, type Refusal } from "../http/refusal";
import { sendInvitationEmails } from "./invitation-mail.server";
import { parseRosterCsv } from "./roster-csv";

/** Why joining a class was refused: an expected outcome (a mistyped code), answered, not thrown. */
export type JoinRefusal = "not-found" | "archived" | "teaches-class" | "email-unverified";
export type Joined = { ok: true; classId: string; className: string; alreadyEnrolled: boolean };

/** Enrolls a student in a class found by code or link; idempotent (upsert on the unique pair). */
async function enroll(user: CurrentUser, classroom: { id: string; name: string; archivedAt: Date | null } | null): Promise<Joined | Refusal<JoinRefusal>> {
  if (!classroom) return refusal("not-found");
  if (classroom.archivedAt) return refusal("archived");
  const teaches = await db.classInstructor.findUnique({ where: { classId_userId: { classId: classroom.id, userId: user.id } } });
  if (teaches) return refusal("teaches-class");
  const existing = await db.enrollment.findUnique({ where: { classId_userId: { classId: classroom.id, userId: user.id } } });
  await db.enrollment.upsert({
    where: { classId_userId: { classId: classroom.id, userId: user.id } },
    create: { classId: classroom.id, userId: user.id },
    update: {},
  });
  // Anyone who joins is no longer "invited" (once they have shown the invitation's address is theirs).
  if (await hasProvenEmail(user.id)) {
    await db.invitation.updateMany({ where: { classId: classroom.id, email: user.email, acceptedAt: null }, data: { acceptedAt: new Date() } });
  }
  return { ok: true, classId: classroom.id, className: classroom.name, alreadyEnrolled: Boolean(existing) };
}

const CLASS_SUMMARY = { id: true, name: true, archivedAt: true } as const;

/** Any signed-in user may join with a class's code (instructors of that class excepted). */
export async function joinByCode(user: CurrentUser, code: string): Promise<Joined | Refusal<JoinRefusal>> {
  const joinCode = normalizeJoinCode(code);
  if (!/^[A-Z0-9]{4,16}$/.test(joinCode)) return refusal("not-found");
  return enroll(user, await db.classroom.findUnique({ where: { joinCode }, select: CLASS_SUMMARY }));
}

/** The class invite link (/join/<token>): the same as the code, for whoever has the link. */
export async function joinByInviteLink(user: CurrentUser, token: string): Promise<Joined | Refusal<JoinRefusal>> {
  if (typeof token !== "string" || token.length > 64) return refusal("not-found");
  return enroll(user, await db.classroom.findUnique({ where: { inviteToken: token }, select: CLASS_SUMMARY }));
}

/**
 * A personal invitation's link (/invite/<token>): the token was sent to one email address, so
 * whoever opens it signed in accepts it, whatever their account's email.
 */
export async function acceptInvitationLink(user: CurrentUser, token: string): Promise<Joined | Refusal<JoinRefusal>> {
  if (typeof token !== "string" || token.length > 64) return refusal("not-found");
  const invitation = await db.invitation.findUnique({ where: { token }, select: { id: true, classroom: { select: CLASS_SUMMARY } } });
  if (!invitation) return refusal("not-found");
  // With email confirmation on, an invitation is accepted by an account that proved its address.
  if (!(await hasProvenEmail(user.id))) return refusal("email-unverified");
  const result = await enroll(user, invitation.classroom);
  if (result.ok) await db.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
  return result;
}

/** What an invitation or invite link page shows before joining: the class name, nothing else. */
export async function previewInvite(kind: "link" | "invitation", token: string): Promise<{ className: string; archived: boolean } | null> {
  if (typeof token !== "string" || token.length > 64) return null;
  const classroom =
    kind === "link"
      ? await db.classroom.findUnique({ where: { inviteToken: token }, select: { name: true, archivedAt: true } })
      : (await db.invitation.findUnique({ where: { token }, select: { classroom: { select: { name: true, archivedAt: true } } } }))?.classroom;
  return classroom ? { className: classroom.name, archived: Boolean(classroom.archivedAt) } : null;
}

/**
 * Invitations waiting for this person's answer (their account's email), newest first; archived
 * classes wait. With email confirmation on, an address means nothing until the account proved it.
 */
export async function listPendingInvitations(user: CurrentUser) {
  if (!(await hasProvenEmail(user.id))) return [];
  const invitations = await db.invitation.findMany({
    where: { email: user.email.toLowerCase(), acceptedAt: null, declinedAt: null, classroom: { archivedAt: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, classroom: { select: { id: true, name: true } } },
  });
  // Someone already in the class (joined with the code meanwhile) has nothing to answer.
  const enrolled = new Set(
    (await db.enrollment.findMany({ where: { userId: user.id, classId: { in: invitations.map((i) => i.classroom.id) } }, select: { classId: true } })).map((e) => e.classId),
  );
  return invitations.filter((i) => !enrolled.has(i.classroom.id)).map((i) => ({ id: i.id, className: i.classroom.name, invitedAt: i.createdAt }));
}

/**
 * The invitee accepts an invitation addressed to their account's email, from their dashboard: a
 * roster import never enrolls anyone by itself. Idempotent.
 */
export async function acceptInvitation(user: CurrentUser, invitationId: string): Promise<Joined | Refusal<JoinRefusal>> {
  if (typeof invitationId !== "string" || invitationId.length > 64) return refusal("not-found");
  const invitation = await db.invitation.findUnique({ where: { id: invitationId }, select: { id: true, email: true, declinedAt: true, classroom: { select: CLASS_SUMMARY } } });
  // Someone else's invitation is refused exactly like one that does not exist.
  if (!invitation || invitation.email !== user.email.toLowerCase()) return refusal("not-found");
  if (!(await hasProvenEmail(user.id))) return refusal("email-unverified");
  const result = await enroll(user, invitation.classroom);
  if (result.ok) await db.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date(), declinedAt: null } });
  return result;
}

/** The invitee declines; the invitation stays declined (a later import does not send it again). */
export async function declineInvitation(user: CurrentUser, invitationId: string): Promise<{ ok: boolean }> {
  if (typeof invitationId !== "string" || invitationId.length > 64) return { ok: false };
  const { count } = await db.invitation.updateMany({
    where: { id: invitationId, email: user.email.toLowerCase(), acceptedAt: null, declinedAt: null },
    data: { declinedAt: new Date() },
  });
  return { ok: count > 0 };
}

export type RosterImportResult = FormResult<"file" | "text", { invited: number; alreadyInvited: number; alreadyInClass: number; emailed: number; invalid: string[] }>;

/**
 * Roster import: everyone on the roster gets an invitation, whether or not they have an account,
 * and joins only by accepting it (from their dashboard, or its link). The result is counts only,
 * so an import never tells the instructor who has an account. People already in the class (the
 * instructor sees the roster anyway) and the class's instructors are counted as already in the
 * class. Safe to run twice with the same file: existing invitations (pending, accepted or
 * declined) are left as they are. With email configured, each new invitation is emailed.
 */
export async function importRoster(user: CurrentUser, classId: string, csvText: string, locale: Locale = "en"): Promise<RosterImportResult> {
  const { classroom } = await requireTeaching(user, classId, { write: true });
  const parsed = parseRosterCsv(csvText, locale);
  const words = classActionWords(locale).classes;
  if (parsed.unreadable) return { ok: false, fieldErrors: {}, formError: parsed.unreadable };
  if (parsed.tooLarge) return { ok: false, fieldErrors: {}, formError: words.rosterTooLarge };
  if (parsed.emails.length === 0) return { ok: false, fieldErrors: {}, formError: parsed.invalid.length ? words.rosterUnreadable(parsed.invalid.length) : words.rosterEmpty };
  const inviter = user;
  const [members, invited] = await Promise.all([
    db.user.findMany({
      // An account that has not proven its address does not stand for it: the address is invited.
      where: {
        email: { in: parsed.emails },
        OR: [{ enrollments: { some: { classId } } }, { teaching: { some: { classId } } }],
        ...(emailVerificationRequired() ? { emailVerified: { not: null } } : {}),
      },
      select: { email: true },
    }),
    db.invitation.findMany({ where: { classId, email: { in: parsed.emails } }, select: { email: true } }),
  ]);
  const inClass = new Set(members.map((m) => m.email));
  const alreadyInvited = new Set(invited.map((i) => i.email));
  const result = { ok: true as const, invited: 0, alreadyInvited: 0, alreadyInClass: 0, emailed: 0, invalid: parsed.invalid };
  const created: Array<{ id: string; email: string; token: string }> = [];
  for (const email of parsed.emails) {
    if (inClass.has(email)) result.alreadyInClass += 1;
    else if (alreadyInvited.has(email)) result.alreadyInvited += 1;
    else {
      const invitation = await db.invitation.upsert({
        where: { classId_email: { classId, email } },
        create: { classId, email, token: newToken(), invitedById: inviter.id },
        update: {},
        select: { id: true, email: true, token: true },
      });
      created.push(invitation);
      result.invited += 1;
    }
  }
  result.emailed = await sendInvitationEmails(created, { className: classroom.name, inviter: inviter.name ?? inviter.email });
  return result;
}
