"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { saveTimeZone } from "@/lib/assignments/student.server";
import { limitClassJoin, RateLimitedError } from "@/lib/auth/limits.server";
import { getCurrentUser } from "@/lib/auth/session.server";
import { clientAddress } from "@/lib/security/client-address";
import { invalidRequest, SESSION_ENDED_MESSAGE, type ActionState } from "@/lib/classes/action-state";
import { formArgument, idArgument, parseArguments, previousStateArgument as state } from "@/lib/http/action-arguments";
import { acceptInvitation, acceptInvitationLink, declineInvitation, joinByCode, joinByInviteLink, type JoinResult } from "@/lib/classes/membership.server";

const MESSAGES: Record<Extract<JoinResult, { ok: false }>["error"], string> = {
  "not-found": "No class has this code or link. Check it with your instructor.",
  archived: "This class has been archived and no longer takes students.",
  "teaches-class": "You teach this class, so you cannot join it as a student.",
  "email-unverified": "Confirm your email address first: open the link we sent you (your account page can send it again).",
};

function report(result: JoinResult): ActionState {
  if (!result.ok) return { ok: false, message: MESSAGES[result.error], fieldErrors: { code: MESSAGES[result.error] }, at: Date.now() };
  revalidatePath("/dashboard");
  return { ok: true, message: result.alreadyEnrolled ? `You are already in ${result.className}.` : `You joined ${result.className}.`, at: Date.now() };
}

/** Codes and links are tried a limited number of times per account and address (ADR 0012), so they cannot be guessed. */
async function tooManyAttempts(userId: string): Promise<ActionState | null> {
  try {
    await limitClassJoin(userId, clientAddress(await headers()));
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const message = `Too many attempts. Try again in ${Math.ceil(error.retryAfterMs / 60_000)} minutes.`;
    return { ok: false, message, fieldErrors: { code: message }, at: Date.now() };
  }
}

const code = z.string().trim().min(1, "Enter the class code").max(32, "Codes are short: check it");

/** No valid session: the form keeps what was typed and offers to sign in again (ADR 0403). */
const sessionEnded = (values?: Record<string, string>): ActionState => ({ ok: false, sessionEnded: true, message: SESSION_ENDED_MESSAGE, values, at: Date.now() });

// Arguments of the wrong shape are refused before the session or the attempt limit is even read.

export async function joinByCodeAction(previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([previous, form], state, formArgument)) return invalidRequest();
  const typed = typeof form.get("code") === "string" ? { code: form.get("code") as string } : undefined;
  const parsed = code.safeParse(form.get("code"));
  if (!parsed.success) return { ok: false, fieldErrors: { code: parsed.error.issues[0]?.message }, message: parsed.error.issues[0]?.message, values: typed, at: Date.now() };
  const user = await getCurrentUser();
  if (!user) return sessionEnded(typed);
  const limited = await tooManyAttempts(user.id);
  if (limited) return { ...limited, values: typed };
  const result = report(await joinByCode(user, parsed.data));
  return result?.ok ? result : { ...result, ok: false, values: typed };
}

export async function joinByLinkAction(inviteToken: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([inviteToken, previous], idArgument, state)) return invalidRequest();
  const user = await getCurrentUser();
  if (!user) return sessionEnded();
  const limited = await tooManyAttempts(user.id);
  if (limited) return limited;
  return report(await joinByInviteLink(user, inviteToken));
}

/** A personal invitation accepted through its link (/invite/<token>). */
export async function acceptInvitationAction(invitationToken: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([invitationToken, previous], idArgument, state)) return invalidRequest();
  const user = await getCurrentUser();
  if (!user) return sessionEnded();
  const limited = await tooManyAttempts(user.id);
  if (limited) return limited;
  return report(await acceptInvitationLink(user, invitationToken));
}

const invitationAnswer = z.object({ invitationId: idArgument, answer: z.enum(["accept", "decline"]) });

/** An invitation to the learner's email, accepted or declined from their dashboard (one form per invitation). */
export async function answerInvitationAction(previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([previous, form], state, formArgument)) return invalidRequest();
  const parsed = invitationAnswer.safeParse({ invitationId: form.get("invitationId"), answer: form.get("answer") });
  if (!parsed.success) return { ok: false, message: MESSAGES["not-found"], at: Date.now() };
  return parsed.data.answer === "accept" ? acceptMyInvitationAction(parsed.data.invitationId, null) : declineMyInvitationAction(parsed.data.invitationId, null);
}

/** An invitation to the learner's email accepted from their dashboard. */
export async function acceptMyInvitationAction(invitationId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([invitationId, previous], idArgument, state)) return invalidRequest();
  const user = await getCurrentUser();
  if (!user) return sessionEnded();
  return report(await acceptInvitation(user, invitationId));
}

export async function declineMyInvitationAction(invitationId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([invitationId, previous], idArgument, state)) return invalidRequest();
  const user = await getCurrentUser();
  if (!user) return sessionEnded();
  const result = await declineInvitation(user, invitationId);
  if (result.ok) revalidatePath("/dashboard");
  return result.ok ? { ok: true, message: "Invitation declined.", at: Date.now() } : { ok: false, message: MESSAGES["not-found"], at: Date.now() };
}

/** The browser reports its time zone; due dates on the dashboard are then shown in it. */
export async function saveTimeZoneAction(timeZone: string): Promise<{ ok: boolean; changed: boolean }> {
  if (!parseArguments([timeZone], z.string().min(1).max(64))) return { ok: false, changed: false };
  const user = await getCurrentUser();
  if (!user) return { ok: false, changed: false };
  return saveTimeZone(user, timeZone);
}
