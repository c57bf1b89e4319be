"use server";

import { z } from "zod";
import { localeSchema } from "@/domain/locale-schema";
import { siteOrigin } from "@/lib/classes/site-url.server";
import { idArgument as id, parseArguments } from "@/lib/http/action-arguments";
import { invalidRequest, languageOf, refused, type ActionResult } from "@/lib/http/action-result";
import { asAdministrator } from "@/lib/http/signed-in-call.server";
import { ltiAdminWords } from "@/lib/i18n/words/lti-admin";
import { adminAddPlatform, adminRemovePlatform } from "@/lib/lti/admin.server";
import { adminIssueRegistrationInvite } from "@/lib/lti/registration-invites.server";
import { parseInviteLifetime } from "@/lib/lti/registration-mode";

/** The LMS administration page's actions (ADR 1310); lib/lti checks that the user is an administrator. */

const localeArgument = localeSchema.optional();
const fields = z.record(z.string(), z.string().max(4096)).refine((value) => Object.keys(value).length <= 20);
/** The lifetimes the admin page offers for a one-time registration link. */
const linkLifetime = z.enum(["1h", "24h", "7d"]);

/** Registers (or updates) a platform by hand; its field errors come back as `fieldErrors`. */
export async function addPlatformAction(input: Record<string, string>, locale?: unknown): Promise<ActionResult<{ name: string; created: boolean }, "not-allowed">> {
  const language = languageOf(locale);
  if (!parseArguments([input, locale], fields, localeArgument)) return invalidRequest(language);
  const words = ltiAdminWords(language).byHand;
  return asAdministrator(language, words.notAllowed, async (user) => {
    const added = await adminAddPlatform(user, input);
    if (!added.ok) return { ok: false, message: words.fieldsNeedAttention, fieldErrors: added.errors, values: input, at: Date.now() };
    return { ok: true, name: added.name, created: added.created, message: added.created ? words.registered(added.name) : words.updated(added.name), at: Date.now() };
  });
}

export async function removePlatformAction(platformId: string, locale?: unknown): Promise<ActionResult<object, "not-allowed" | "not-found">> {
  const language = languageOf(locale);
  if (!parseArguments([platformId, locale], id, localeArgument)) return invalidRequest(language);
  const words = ltiAdminWords(language).platforms;
  return asAdministrator(language, words.notAllowed, async (user) => {
    const removed = await adminRemovePlatform(user, platformId);
    return removed.ok ? { ok: true, message: words.removed, at: Date.now() } : refused("not-found", words.notRemoved);
  });
}

/** A one-time Dynamic Registration link, shown once (the server keeps only its hash). */
export async function issueRegistrationLinkAction(expiresIn: string, locale?: unknown): Promise<ActionResult<{ url: string; expiresAt: string }, "not-allowed">> {
  const language = languageOf(locale);
  const parsed = parseArguments([expiresIn, locale], linkLifetime, localeArgument);
  const lifetime = parsed ? parseInviteLifetime(parsed[0]) : null;
  if (!lifetime?.ok) return invalidRequest(language);
  return asAdministrator(language, ltiAdminWords(language).link.notAllowed, async (user) => {
    const issued = await adminIssueRegistrationInvite(user, await siteOrigin(), lifetime.ms);
    return { ok: true, url: issued.url, expiresAt: issued.expiresAt.toISOString(), at: Date.now() };
  });
}
