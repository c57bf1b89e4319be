"use client";

import { signOut, useSession } from "@/lib/auth/browser-session";
import { useEffect, useRef } from "react";

/**
 * Rendered by pages the server answered as for a visitor although the browser sent a session
 * cookie (the session was ended elsewhere: sign-out, password or role change). The header and
 * other components learnt about the session when the page first loaded; this finishes the
 * sign-out in the browser so none of them keeps showing a signed-in user the server no longer
 * recognises. It looks once, when the page arrives: a sign-in made on this page afterwards is
 * left alone.
 */
export function EndStaleSession({ ended }: { ended: boolean }) {
  const { status } = useSession();
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current || status === "loading") return;
    checked.current = true;
    if (ended && status === "authenticated") void signOut({ redirect: false });
  }, [ended, status]);
  return null;
}

/**
 * Rendered with a "Your session ended" message after the server refused an action because it no
 * longer recognises the session: finishes the sign-out in this browser, so the header stops
 * showing the signed-in user at once.
 */
export function ForgetEndedSession() {
  const { status } = useSession();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || status !== "authenticated") return;
    done.current = true;
    void signOut({ redirect: false });
  }, [status]);
  return null;
}
