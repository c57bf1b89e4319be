import "server-only";
import { emailVerificationRequired, hasProvenEmail } from "../auth/email-verification.server";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { requireTeaching } from "./access.server";
import { newToken, normalizeJoinCode } from "./codes";
import { NotAllowedError } from "./errors";
import { parseRosterCsv } from "./roster-csv";

export type JoinResult =
  | { ok: true; classId: string; className: string; alreadyEnrolled: boolean }
  | { ok: false; error: "not-found" | "archived" | "teaches-class" | "email-unverified" };

/** Enrolls a student in a class found by code or link; idempotent (upsert on the unique pair). */
async function enroll(user: CurrentUser, classroom: { id: string; name: string; archivedAt: Date | null } | null): Promise<JoinResult> {
  if (!classroom) return { ok: false, error: "not-found" };
  if (classroom.archivedAt) return { ok: false, error: "archived" };
  const teaches = await db.classInstructor.findUnique({ where: { classId_userId: { classId: classroom.id, userId: user.id } } });
  if (teaches) return { ok: false, error: "teaches-class" };
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
export async function joinByCode(user: CurrentUser | null, code: string): Promise<JoinResult> {
  if (!user) throw new NotAllowedError();
  const joinCode = normalizeJoinCode(code);
  if (!/^[A-Z0-9]{4,16}$/.test(joinCode)) return { ok: false, error: "not-found" };
  return enroll(user, await db.classroom.findUnique({ where: { joinCode }, select: CLASS_SUMMARY }));
}

/** The class invite link (/join/<token>): the same as the code, for whoever has the link. */
export async function joinByInviteLink(user: CurrentUser | null, token: string): Promise<JoinResult> {
  if (!user) throw new NotAllowedError();
  if (typeof token !== "string" || token.length > 64) return { ok: false, error: "not-found" };
  return enroll(user, await db.classroom.findUnique({ where: { inviteToken: token }, select: CLASS_SUMMARY }));
}

/**
 * A personal invitation's link (/invite/<token>): the token was sent to one email address, so
 * whoever opens it signed in accepts it, whatever their account's email.
 */
export async function acceptInvitationLink(user: CurrentUser | null, token: string): Promise<JoinResult> {
  if (!user) throw new NotAllowedError();
  if (typeof token !== "string" || token.length > 64) return { ok: false, error: "not-found" };
  const invitation = await db.invitation.findUnique({ where: { token }, select: { id: true, classroom: { select: CLASS_SUMMARY } } });
  if (!invitation) return { ok: false, error: "not-found" };
  // With email confirmation on, an invitation is accepted by an account that proved its address.
  if (!(await hasProvenEmail(user.id))) return { ok: false, error: "email-unverified" };
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
 * Accepts the invitations addressed to the user's email (roster imports made before they had
 * an account). Runs when they land on their dashboard or a join page after signing up or in;
 * idempotent. Invitations to archived classes wait until the class is restored.
 */
export async function acceptPendingInvitations(user: CurrentUser): Promise<number> {
  // Matching by address means nothing until the account has shown the address is its owner's.
  if (!(await hasProvenEmail(user.id))) return 0;
  const pending = await db.invitation.findMany({
    where: { email: user.email.toLowerCase(), acceptedAt: null, classroom: { archivedAt: null } },
    select: { id: true, classId: true },
  });
  let accepted = 0;
  for (const invitation of pending) {
    const teaches = await db.classInstructor.findUnique({ where: { classId_userId: { classId: invitation.classId, userId: user.id } } });
    if (!teaches) {
      await db.enrollment.upsert({
        where: { classId_userId: { classId: invitation.classId, userId: user.id } },
        create: { classId: invitation.classId, userId: user.id },
        update: {},
      });
    }
    accepted += (await db.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date() } })).count;
  }
  return accepted;
}

export type RosterImportResult =
  | { ok: true; enrolled: string[]; alreadyEnrolled: string[]; invited: string[]; alreadyInvited: string[]; skipped: string[]; invalid: string[] }
  | { ok: false; error: "invalid"; message: string };

/**
 * Roster import: people who have an account are enrolled at once; everyone else gets an
 * invitation (accepted when they sign up or sign in with that email, or open its link).
 * Instructors of the class in the list are skipped. Safe to run twice with the same file.
 */
export async function importRoster(user: CurrentUser | null, classId: string, csvText: string): Promise<RosterImportResult> {
  await requireTeaching(user, classId, { write: true });
  const parsed = parseRosterCsv(csvText);
  if (parsed.tooLarge) return { ok: false, error: "invalid", message: "The file is too large: at most 1,000 rows and 256 KB." };
  if (parsed.emails.length === 0) {
    return { ok: false, error: "invalid", message: parsed.invalid.length ? `No valid email addresses found (${parsed.invalid.length} rows could not be read).` : "The file has no email addresses." };
  }
  const inviterId = (user as CurrentUser).id;
  const [accounts, enrolled, teachers, invited] = await Promise.all([
    // An account that has not proven its address is not matched: it gets an invitation, accepted once it has.
    db.user.findMany({
      where: { email: { in: parsed.emails }, ...(emailVerificationRequired() ? { emailVerified: { not: null } } : {}) },
      select: { id: true, email: true, role: true },
    }),
    db.enrollment.findMany({ where: { classId }, select: { user: { select: { email: true } } } }),
    db.classInstructor.findMany({ where: { classId }, select: { user: { select: { email: true } } } }),
    db.invitation.findMany({ where: { classId, email: { in: parsed.emails } }, select: { email: true, acceptedAt: true } }),
  ]);
  const accountByEmail = new Map(accounts.map((a) => [a.email, a]));
  const enrolledEmails = new Set(enrolled.map((e) => e.user.email));
  const teacherEmails = new Set(teachers.map((t) => t.user.email));
  const invitedEmails = new Set(invited.map((i) => i.email));
  const result = { ok: true as const, enrolled: [] as string[], alreadyEnrolled: [] as string[], invited: [] as string[], alreadyInvited: [] as string[], skipped: [] as string[], invalid: parsed.invalid };

  for (const email of parsed.emails) {
    const account = accountByEmail.get(email);
    if (teacherEmails.has(email)) result.skipped.push(email);
    else if (enrolledEmails.has(email)) result.alreadyEnrolled.push(email);
    else if (account) {
      await db.enrollment.upsert({
        where: { classId_userId: { classId, userId: account.id } },
        create: { classId, userId: account.id },
        update: {},
      });
      result.enrolled.push(email);
    } else if (invitedEmails.has(email)) result.alreadyInvited.push(email);
    else {
      await db.invitation.upsert({
        where: { classId_email: { classId, email } },
        create: { classId, email, token: newToken(), invitedById: inviterId },
        update: {},
      });
      result.invited.push(email);
    }
  }
  return result;
}
