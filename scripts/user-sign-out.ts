/**
 * Signs an account out everywhere: `npm run user:sign-out -- EMAIL`. Every session of the
 * account ends at its next request (a stolen cookie included); the person signs in again with
 * their password. For whoever runs the server, like scripts/user-role.ts.
 */
import { endAllSessionsOf } from "../lib/auth/sessions.server";
import { db } from "../lib/db.server";

async function main() {
  const [emailArg] = process.argv.slice(2);
  if (!emailArg) {
    console.error("Usage: npm run user:sign-out -- EMAIL");
    process.exitCode = 2;
    return;
  }
  const email = emailArg.trim().toLowerCase();
  try {
    const user = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) {
      console.error(`No account has the email ${email}.`);
      process.exitCode = 1;
      return;
    }
    await endAllSessionsOf(user.id);
    console.log(`${email}: every session has ended.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
