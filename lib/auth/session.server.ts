import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { db } from "../db.server";
import { authOptions } from "./options.server";
import { canTeach, type Role } from "./roles";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in user as the database knows them now (a deleted account or a changed role
 * takes effect immediately, whatever the session token says). Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
});

/** For pages: send visitors to sign in and come back. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For instructor pages: visitors sign in; signed-in students get a 403 page. */
export async function requireInstructor(returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!canTeach(user.role)) forbidden();
  return user;
}
