/**
 * Changes an account's role: `npm run user:role -- EMAIL ROLE` with ROLE one of STUDENT,
 * INSTRUCTOR, ADMIN. Sign-up always creates students; whoever runs the server decides who
 * teaches. Every session of the account ends (ADR 0010): the person signs in again and gets the
 * new role's view, and nobody keeps a role they lost in a session started before the change.
 */
import { ROLES, isRole } from "../domain/auth/roles";
import { createPrismaClient } from "../lib/db.server";

async function main() {
  const [emailArg, roleArg] = process.argv.slice(2);
  const role = roleArg?.toUpperCase();
  if (!emailArg || !isRole(role)) {
    console.error(`Usage: npm run user:role -- EMAIL ${ROLES.join("|")}`);
    process.exitCode = 2;
    return;
  }
  const email = emailArg.trim().toLowerCase();
  const db = createPrismaClient(process.env.DATABASE_URL);
  try {
    const user = await db.user.findUnique({ where: { email }, select: { role: true } });
    if (!user) {
      console.error(`No account has the email ${email}. They need to sign up first.`);
      process.exitCode = 1;
      return;
    }
    if (user.role === role) {
      console.log(`${email} is already ${role}.`);
      return;
    }
    await db.user.update({ where: { email }, data: { role, sessionVersion: { increment: 1 } } });
    console.log(`${email}: ${user.role} → ${role}. Their sessions have ended; they sign in again.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
