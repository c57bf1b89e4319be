/**
 * Email confirmation against a real SMTP server (npm's smtp-server, started here on port 4331):
 * with EMAIL_SERVER set, a new account proves its address before invitations addressed to it
 * are accepted or a roster matches it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SMTPServer } from "smtp-server";

const SMTP_PORT = 4331;
vi.hoisted(() => {
  process.env.EMAIL_SERVER = "smtp://127.0.0.1:4331";
  process.env.EMAIL_FROM = "SYN to FIN <course@example.test>";
  // Roster imports email invitations; their links are built on the configured origin.
  process.env.NEXTAUTH_URL = "http://localhost:3000";
});

const { createAccount } = await import("@/lib/auth/signup.server");
const { sendVerificationEmail, sendVerificationEmailOf, verifyEmail, hasProvenEmail } = await import("@/lib/auth/email-verification.server");
const { acceptInvitation, acceptInvitationLink, listPendingInvitations, importRoster } = await import("@/lib/classes/membership.server");
const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");

type Mail = { to: string[]; body: string };
const inbox: Mail[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (body += chunk));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(SMTP_PORT, "127.0.0.1", () => resolve());
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The confirmation token in the last mail sent to `email` (quoted-printable soft breaks undone). */
function tokenSentTo(email: string): string {
  const mail = inbox.filter((m) => m.to.includes(email)).at(-1);
  expect(mail, `a mail to ${email}`).toBeDefined();
  const text = mail!.body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const link = /https?:\/\/\S+\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(text);
  expect(link, "a confirmation link").not.toBeNull();
  return link![1]!;
}

async function classWithInvitation(email: string) {
  const owner = await createUser({ role: "INSTRUCTOR" });
  const tag = randomUUID().slice(0, 8);
  const classroom = await db.classroom.create({
    data: { name: `Class ${tag}`, joinCode: `E${tag.toUpperCase().replace(/[^A-Z0-9]/g, "7")}`.slice(0, 9), inviteToken: `link-${tag}`, instructors: { create: { userId: owner.id, isOwner: true } } },
  });
  const invitation = await db.invitation.create({ data: { classId: classroom.id, email, token: `inv-${tag}`, invitedById: owner.id } });
  return { owner, classroom, invitation };
}

async function signUp(email: string) {
  expect(await createAccount({ name: "Newcomer", email, password: "a-long-password" })).toEqual({ ok: true });
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
  // As sign-up sends it: the new account has no session yet.
  expect(await sendVerificationEmailOf(user.id, "http://localhost:3000")).toBe(true);
  return user;
}

describe("email confirmation", () => {
  it("an invitation addressed to an email waits until the account proves the address, then can be accepted", async () => {
    const email = `invited-${randomUUID()}@example.test`;
    const { classroom, invitation } = await classWithInvitation(email);
    const user = await signUp(email);

    expect(await hasProvenEmail(user.id)).toBe(false);
    expect(await listPendingInvitations(user)).toEqual([]);
    expect(await acceptInvitation(user, invitation.id)).toEqual({ ok: false, refusal: "email-unverified" });
    expect(await acceptInvitationLink(user, invitation.token)).toEqual({ ok: false, refusal: "email-unverified" });
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: user.id } })).toBe(0);

    expect(await verifyEmail(tokenSentTo(email))).toBe("verified");
    expect(await hasProvenEmail(user.id)).toBe(true);
    expect(await listPendingInvitations(user)).toEqual([expect.objectContaining({ id: invitation.id, className: classroom.name })]);
    // Proving the address does not enroll anyone by itself: the student accepts.
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: user.id } })).toBe(0);
    expect(await acceptInvitation(user, invitation.id)).toMatchObject({ ok: true, classId: classroom.id });
    expect(await db.enrollment.count({ where: { classId: classroom.id, userId: user.id } })).toBe(1);
  });

  it("a roster counts an account that has not proven its address as not in the class: the address is invited", async () => {
    const email = `roster-${randomUUID()}@example.test`;
    const user = await signUp(email);
    const confirmation = tokenSentTo(email);
    const { owner, classroom } = await classWithInvitation(`someone-else-${randomUUID()}@example.test`);
    // The unproven account joined with the class code meanwhile; the address is still invited.
    await db.enrollment.create({ data: { classId: classroom.id, userId: user.id } });
    const result = await importRoster(owner, classroom.id, `email\n${email}\n`);
    expect(result).toMatchObject({ ok: true, invited: 1, alreadyInClass: 0 });

    expect(await verifyEmail(confirmation)).toBe("verified");
    // Proven, the account stands for its address: it is counted as in the class.
    expect(await importRoster(owner, classroom.id, `email\n${email}\n`)).toMatchObject({ ok: true, invited: 0, alreadyInClass: 1 });
  });

  it("a link works once, not after a newer one was sent, not after it expired, and not for a changed address", async () => {
    const email = `links-${randomUUID()}@example.test`;
    const user = await signUp(email);
    const first = tokenSentTo(email);
    expect(await sendVerificationEmail(user, "http://localhost:3000")).toBe(true);
    const second = tokenSentTo(email);
    expect(second).not.toBe(first);
    expect(await verifyEmail(first)).toBe("invalid");

    await db.emailVerification.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verifyEmail(second)).toBe("invalid");

    expect(await sendVerificationEmail(user, "http://localhost:3000")).toBe(true);
    const third = tokenSentTo(email);
    await db.user.update({ where: { id: user.id }, data: { email: `changed-${email}` } });
    expect(await verifyEmail(third)).toBe("invalid");
    expect(await hasProvenEmail(user.id)).toBe(false);

    expect(await verifyEmail("not-a-real-token-but-long-enough")).toBe("invalid");
    expect(await verifyEmail(undefined)).toBe("invalid");
  });

  it("the mail goes through the SMTP server to the account's address, from EMAIL_FROM", async () => {
    const email = `mail-${randomUUID()}@example.test`;
    await signUp(email);
    const mail = inbox.filter((m) => m.to.includes(email)).at(-1)!;
    expect(mail.body).toMatch(/^From: SYN to FIN <course@example\.test>/m);
    expect(mail.body).toMatch(/^Subject: Confirm your email for SYN to FIN/m);
  });
});
