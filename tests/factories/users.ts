import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password.server";
import type { Role } from "@/domain/auth/roles";
import { db } from "@/lib/db.server";

let passwordHash: Promise<string> | undefined;
export const FACTORY_PASSWORD = "correct horse battery";

/** A user with a unique email; all share one password hash to keep tests fast. */
export async function createUser(overrides: { role?: Role; email?: string; name?: string } = {}) {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${randomUUID()}@example.test`,
      name: overrides.name ?? "Test User",
      role: overrides.role ?? "STUDENT",
      passwordHash: await passwordHash,
    },
    select: { id: true, email: true, name: true, role: true },
  });
}

/** The signed-in user a lib function takes, for a user created elsewhere (an LTI launch provisions its own). */
export async function currentUserOf(id: string) {
  return db.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true, name: true, role: true } });
}
