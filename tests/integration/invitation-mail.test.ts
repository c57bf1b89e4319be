/**
 * Roster invitations by email, sent through a real SMTP server (npm's smtp-server, on a free port)
 * that keeps what it receives. Everyone on the roster gets the same email, account or not:
 * nothing in it tells who has one.
 */
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";

type Mail = { from: string; to: string[]; raw: string };
const inbox: Mail[] = [];
/** Recipients the server answers "550 mailbox unavailable". */
const refusedRecipients = new Set<string>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onRcptTo(address, _session, callback) {
    if (refusedRecipients.has(address.address)) callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
    else callback();
  },
  onData(stream, session, callback) {
    let raw = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (raw += chunk));
    stream.on("end", () => {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      inbox.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve, reject) => {
  smtp.once("error", reject);
  smtp.listen(0, "127.0.0.1", () => resolve());
});
// The environment is read once, on first use: set it before the app's modules load.
process.env.EMAIL_SERVER = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
process.env.EMAIL_FROM = "SYN to FIN <classes@example.test>";
process.env.NEXTAUTH_URL = "https://course.example.test";
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");
const { createClass } = await import("@/lib/classes/classes.server");
const { importRoster } = await import("@/lib/classes/membership.server");

/** A mail's body as text: headers dropped, quoted-printable soft breaks and escapes decoded. */
function bodyText(mail: Mail): string {
  const raw = mail.raw.replace(/\r\n/g, "\n");
  const body = raw.slice(raw.indexOf("\n\n") + 2);
  if (!/^Content-Transfer-Encoding: quoted-printable$/im.test(raw)) return body;
  const bytes = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

const mailsTo = (emails: string[]) => inbox.filter((m) => emails.includes(m.to[0] ?? ""));

describe("invitation emails", () => {
  it("go to everyone on the roster, once, with the invitation's link and nothing about accounts", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR", name: "Iris Teacher" });
    const existing = await createUser();
    const created = await createClass(teacher, { name: "Networks 101", timeZone: "UTC" });
    if (!created.ok) throw new Error("no class");
    const newcomer = `newcomer-${created.id}@example.test`;
    const result = await importRoster(teacher, created.id, `${existing.email}\n${newcomer}`);
    expect(result).toMatchObject({ ok: true, invited: 2, emailed: 2 });
    const sent = mailsTo([existing.email, newcomer]);
    expect(sent).toHaveLength(2);
    for (const mail of sent) {
      expect(mail.from).toBe("classes@example.test");
      const invitation = await db.invitation.findFirstOrThrow({ where: { classId: created.id, email: mail.to[0] } });
      expect(invitation.emailedAt).toBeInstanceOf(Date);
      expect(mail.raw).toMatch(/^Subject: Invitation to join Networks 101\r?$/m);
      const text = bodyText(mail);
      expect(text).toContain(`https://course.example.test/invite/${invitation.token}`);
      expect(text).toContain('Iris Teacher invites you to join the class "Networks 101"');
    }
    // The two emails differ only in their links: an account changes nothing in them.
    const [a, b] = sent.map((m) => bodyText(m).replace(/\/invite\/\S+/, "/invite/…"));
    expect(a).toBe(b);
    // Nobody joined by being emailed.
    expect(await db.enrollment.count({ where: { classId: created.id } })).toBe(0);
    // Importing again sends nothing more.
    expect(await importRoster(teacher, created.id, `${existing.email}\n${newcomer}`)).toMatchObject({ invited: 0, alreadyInvited: 2, emailed: 0 });
    expect(mailsTo([existing.email, newcomer])).toHaveLength(2);
  });

  it("a send the server refuses leaves the invitation un-emailed, its link still valid", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const created = await createClass(teacher, { name: "Networks 102", timeZone: "UTC" });
    if (!created.ok) throw new Error("no class");
    const refused = `refused-${created.id}@example.test`;
    refusedRecipients.add(refused);
    expect(await importRoster(teacher, created.id, refused)).toMatchObject({ ok: true, invited: 1, emailed: 0 });
    const invitation = await db.invitation.findFirstOrThrow({ where: { classId: created.id, email: refused } });
    expect(invitation.emailedAt).toBeNull();
    expect(mailsTo([refused])).toHaveLength(0);
  });
});
