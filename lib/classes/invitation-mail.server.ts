import "server-only";
import nodemailer from "nodemailer";
import { db } from "../db.server";
import { env } from "../env.server";
import { siteOrigin } from "./site-url.server";

/** Whether invitation emails can go out (the same settings as email sign-in). */
export function invitationEmailConfigured(): boolean {
  const e = env();
  return Boolean(e.EMAIL_SERVER && e.EMAIL_FROM);
}

/** The invitation as an email: plain text, the class and the link; nothing about accounts. */
export function invitationEmail({ className, inviter, link }: { className: string; inviter: string; link: string }) {
  return {
    subject: `Invitation to join ${className}`,
    text: [
      `${inviter} invites you to join the class "${className}" on SYN to FIN.`,
      "",
      `Open this link to accept or decline: ${link}`,
      "",
      "You join only if you accept. If you did not expect this, ignore this email.",
    ].join("\n"),
  };
}

/**
 * Emails new invitations when email is configured (EMAIL_SERVER, EMAIL_FROM) and records when
 * each went out; otherwise nothing is sent and instructors copy the links from the class page.
 * A failed send is logged and leaves `emailedAt` empty (the link can still be copied). Returns how
 * many were sent.
 */
export async function sendInvitationEmails(
  invitations: ReadonlyArray<{ id: string; email: string; token: string }>,
  { className, inviter }: { className: string; inviter: string },
): Promise<number> {
  if (invitations.length === 0 || !invitationEmailConfigured()) return 0;
  const { EMAIL_SERVER, EMAIL_FROM } = env();
  const transport = nodemailer.createTransport(EMAIL_SERVER as string);
  const origin = await siteOrigin();
  let sent = 0;
  try {
    for (const invitation of invitations) {
      const message = invitationEmail({ className, inviter, link: `${origin}/invite/${invitation.token}` });
      try {
        await transport.sendMail({ from: EMAIL_FROM, to: invitation.email, ...message });
        await db.invitation.update({ where: { id: invitation.id }, data: { emailedAt: new Date() } });
        sent += 1;
      } catch (error) {
        console.error("Could not send a class invitation email", error);
      }
    }
  } finally {
    transport.close();
  }
  return sent;
}
