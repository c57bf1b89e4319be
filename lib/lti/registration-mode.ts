/**
 * Who may register the tool by LTI Dynamic Registration (ADR 0810), and how long a one-time
 * registration link lives. Pure: no I/O.
 */
import { z } from "zod";

export const REGISTRATION_MODES = ["open", "invite", "off"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

/**
 * The mode named by LTI_DYNAMIC_REGISTRATION: `open` when unset (any LMS that opens the
 * registration URL), `invite` (only with a one-time link), `off`. An unknown value closes
 * registration rather than guessing: `valid` is false and the refusal page names the variable.
 */
export function registrationMode(value: string | undefined): { mode: RegistrationMode; valid: boolean } {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return { mode: "open", valid: true };
  const parsed = z.enum(REGISTRATION_MODES).safeParse(text);
  return parsed.success ? { mode: parsed.data, valid: true } : { mode: "off", valid: false };
}

export const DEFAULT_INVITE_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const MAX_INVITE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
export const MIN_INVITE_LIFETIME_MS = 5 * 60 * 1000;

const UNIT_MS = { m: 60_000, h: 60 * 60_000, d: 24 * 60 * 60_000 } as const;

/**
 * `--expires-in`: a whole number of minutes, hours or days (`90m`, `24h`, `7d`), from five
 * minutes to thirty days.
 */
export function parseInviteLifetime(text: string): { ok: true; ms: number } | { ok: false; message: string } {
  const match = /^\s*(\d{1,6})\s*([mhd])\s*$/i.exec(text);
  if (!match) return { ok: false, message: `--expires-in must be a number of minutes, hours or days, such as 90m, 24h or 7d (got "${text}")` };
  const ms = Number(match[1]) * UNIT_MS[match[2]!.toLowerCase() as keyof typeof UNIT_MS];
  if (ms < MIN_INVITE_LIFETIME_MS || ms > MAX_INVITE_LIFETIME_MS) return { ok: false, message: "--expires-in must be between 5m and 30d" };
  return { ok: true, ms };
}

/** The invitation token as it appears in `?invite=`: 32 random bytes, base64url. */
export const inviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The one-time link: the registration URL with the invitation. */
export function invitationUrl(registrationUrl: string, token: string): string {
  const url = new URL(registrationUrl);
  url.searchParams.set("invite", token);
  return url.toString();
}

/** Why a link cannot be used now. */
export type InviteRefusal = "invite-unknown" | "invite-expired" | "invite-used" | "invite-busy";
/** Refusals by the registration policy, each with its own localized page (lib/lti/pages.ts). */
export type RegistrationRefusal = "off" | "mode-invalid" | "invite-missing" | InviteRefusal;

/**
 * Why a registration failed other than by policy: the LMS's request, its configuration or its
 * answer. Pages word each in the LMS's language (lib/i18n/words/lti-admin.ts); `detail` quotes
 * what the LMS or the network said, as it said it.
 */
export type RegistrationProblem =
  | { kind: "config-url" | "token-too-long" | "no-private-key-jwt" | "no-rs256" | "no-client-id" | "unexpected" }
  | { kind: "rate-limited"; minutes: number }
  | { kind: "config-status"; status: number }
  | { kind: "config-unreachable" | "config-incomplete" | "endpoint-unreachable" | "not-stored"; detail: string }
  | { kind: "issuer-host"; issuer: string; configUrl: string }
  | { kind: "lms-refused"; status: number; detail: string };
