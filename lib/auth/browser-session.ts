"use client";

import type { Session } from "next-auth";
import type { SignInOptions, SignInResponse, SignOutParams, SignOutResponse } from "next-auth/react";
import { useSyncExternalStore } from "react";

/**
 * The session as the browser sees it: who is signed in, for the header's account menu and for
 * components that save a signed-in learner's work. It is a store outside React's tree rather
 * than a context around the whole page, so learning the session after the page has loaded
 * re-renders only the components that asked for it; lessons keep their server-rendered
 * interactive parts untouched until the reader reaches them (ADR 0950). next-auth's client
 * (`next-auth/react`) is loaded only when someone signs in or out.
 */
export type BrowserSession =
  | { status: "loading"; data: null }
  | { status: "authenticated"; data: Session }
  | { status: "unauthenticated"; data: null };

const SESSION_ENDPOINT = "/api/auth/session";
/** The localStorage key next-auth uses to tell other tabs that the session changed. */
const CROSS_TAB_MESSAGE = "nextauth.message";

const LOADING: BrowserSession = { status: "loading", data: null };
const SIGNED_OUT: BrowserSession = { status: "unauthenticated", data: null };

let current: BrowserSession = LOADING;
let requested = false;
/** Only the newest request may publish: a slow answer from before a sign-in must not win. */
let latestRequest = 0;
const listeners = new Set<() => void>();

function publish(next: BrowserSession) {
  current = next;
  for (const listener of listeners) listener();
}

async function load(): Promise<void> {
  const request = ++latestRequest;
  let next: BrowserSession;
  try {
    const response = await fetch(SESSION_ENDPOINT, { headers: { accept: "application/json" }, cache: "no-store" });
    const body: unknown = response.ok ? await response.json() : null;
    // next-auth answers {} for a visitor (and for a session that has ended).
    next = body && typeof body === "object" && Object.keys(body).length > 0 ? { status: "authenticated", data: body as Session } : SIGNED_OUT;
  } catch {
    next = SIGNED_OUT;
  }
  if (request === latestRequest) publish(next);
}

function onStorage(event: StorageEvent) {
  if (event.key === CROSS_TAB_MESSAGE) void load();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!requested) {
    requested = true;
    window.addEventListener("storage", onStorage);
    void load();
  }
  return () => listeners.delete(listener);
}

const snapshot = () => current;
const serverSnapshot = () => LOADING;

/** The session, "loading" in the server's HTML and until the browser has asked for it (once per page load). */
export function useSession(): BrowserSession {
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}

/** Asks the server again, after this page signed in or out. */
export function refreshSession(): Promise<void> {
  requested = true;
  return load();
}

/** next-auth's `signIn`, then the session is asked again so every component follows. */
export async function signIn(provider: string, options?: SignInOptions): Promise<SignInResponse | undefined> {
  const nextAuth = await import("next-auth/react");
  const result = (await nextAuth.signIn(provider, options)) as SignInResponse | undefined;
  if (result?.ok) await refreshSession();
  return result;
}

/** next-auth's `signOut`; without a redirect, the session is asked again so every component follows. */
export async function signOut(options?: SignOutParams<boolean>): Promise<SignOutResponse | undefined> {
  const nextAuth = await import("next-auth/react");
  const result = await nextAuth.signOut(options);
  if (options?.redirect === false) await refreshSession();
  return result;
}
