import "server-only";
import { z } from "zod";
import { fieldErrorsOf } from "../http/form-result";
import type { CurrentUser } from "../auth/session.server";
import { NotAllowedError } from "../classes/errors";
import { db } from "../db.server";
import { isServiceUrl, originOf } from "./urls";

/**
 * The registry of LMS platforms this tool trusts: one row per registration (issuer + client id)
 * with its deployments. Written by the CLI (scripts/lti.ts), the admin page and Dynamic
 * Registration; read by every launch.
 */

const serviceUrl = (label: string) => z.string().trim().refine(isServiceUrl, `${label} must be an https:// URL (http:// only on localhost)`);
const idText = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}`)
    .max(255, `The ${label} is at most 255 characters`)
    .refine((v) => !/\s/.test(v), `The ${label} has no spaces`);

export const platformInput = z.object({
  name: z.string().trim().max(120, "Use at most 120 characters").optional(),
  issuer: idText("issuer"),
  clientId: idText("client id"),
  deploymentIds: z.array(idText("deployment id")).min(1, "Enter at least one deployment id").max(50),
  authUrl: serviceUrl("The authorization URL"),
  tokenUrl: serviceUrl("The token URL"),
  jwksUrl: serviceUrl("The key set URL"),
  tokenAudience: z.string().trim().max(2048).optional(),
  frameOrigins: z
    .array(z.string().trim().refine((v) => isServiceUrl(v) && originOf(v) !== null, "Each frame origin must be an https:// origin"))
    .max(20)
    .optional(),
});

export type PlatformInput = z.input<typeof platformInput>;
export const PLATFORM_FIELDS = ["name", "issuer", "clientId", "deploymentIds", "authUrl", "tokenUrl", "jwksUrl", "tokenAudience", "frameOrigins"] as const;

export type RegisteredPlatform = {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  tokenAudience: string | null;
  frameOrigins: string[];
  deploymentIds: string[];
  registeredVia: string;
  createdAt: Date;
};

const SELECT = {
  id: true,
  name: true,
  issuer: true,
  clientId: true,
  authUrl: true,
  tokenUrl: true,
  jwksUrl: true,
  tokenAudience: true,
  frameOrigins: true,
  registeredVia: true,
  createdAt: true,
  deployments: { select: { deploymentId: true }, orderBy: { createdAt: "asc" } },
} as const;

function parseOrigins(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

type Row = Omit<RegisteredPlatform, "frameOrigins" | "deploymentIds"> & { frameOrigins: string; deployments: Array<{ deploymentId: string }> };

function toPlatform(row: Row): RegisteredPlatform {
  const { deployments, frameOrigins, ...rest } = row;
  return { ...rest, frameOrigins: parseOrigins(frameOrigins), deploymentIds: deployments.map((d) => d.deploymentId) };
}

function defaultName(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

export type RegistrationVia = "cli" | "admin" | "dynamic";

/**
 * Registers a platform, or updates the registration with the same issuer and client id (its
 * endpoints change; deployments are added, never dropped).
 */
export async function registerPlatform(raw: unknown, via: RegistrationVia): Promise<{ ok: true; platform: RegisteredPlatform; created: boolean } | { ok: false; errors: Partial<Record<(typeof PLATFORM_FIELDS)[number], string>> }> {
  // An LMS may register the tool dynamically before any deployment exists; people must name one.
  const schema = via === "dynamic" ? platformInput.extend({ deploymentIds: z.array(idText("deployment id")).max(50) }) : platformInput;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: fieldErrorsOf(parsed.error, PLATFORM_FIELDS) };
  }
  const input = parsed.data;
  const origins = [...new Set((input.frameOrigins ?? []).map((o) => originOf(o) as string))];
  const data = {
    name: input.name || defaultName(input.issuer),
    authUrl: input.authUrl,
    tokenUrl: input.tokenUrl,
    jwksUrl: input.jwksUrl,
    tokenAudience: input.tokenAudience || null,
    ...(input.frameOrigins ? { frameOrigins: JSON.stringify(origins) } : {}),
  };
  const existing = await db.ltiPlatform.findUnique({ where: { issuer_clientId: { issuer: input.issuer, clientId: input.clientId } }, select: { id: true } });
  const platform = existing
    ? await db.ltiPlatform.update({ where: { id: existing.id }, data, select: { id: true } })
    : await db.ltiPlatform.create({ data: { ...data, issuer: input.issuer, clientId: input.clientId, registeredVia: via }, select: { id: true } });
  for (const deploymentId of new Set(input.deploymentIds)) {
    await db.ltiDeployment.upsert({
      where: { platformId_deploymentId: { platformId: platform.id, deploymentId } },
      create: { platformId: platform.id, deploymentId },
      update: {},
    });
  }
  invalidateFrameOrigins();
  const row = await db.ltiPlatform.findUniqueOrThrow({ where: { id: platform.id }, select: SELECT });
  return { ok: true, platform: toPlatform(row), created: !existing };
}

export async function listPlatforms(): Promise<RegisteredPlatform[]> {
  const rows = await db.ltiPlatform.findMany({ orderBy: { createdAt: "asc" }, select: SELECT });
  return rows.map(toPlatform);
}

export async function getPlatform(id: string): Promise<RegisteredPlatform | null> {
  const row = await db.ltiPlatform.findUnique({ where: { id }, select: SELECT });
  return row ? toPlatform(row) : null;
}

/**
 * Removes a registration: launches from it stop at once. The classes its courses became stay,
 * with their students and work, as ordinary classes.
 */
export async function removePlatform(where: { id: string } | { issuer: string; clientId: string }): Promise<boolean> {
  const result = "id" in where ? await db.ltiPlatform.deleteMany({ where: { id: where.id } }) : await db.ltiPlatform.deleteMany({ where: { issuer: where.issuer, clientId: where.clientId } });
  invalidateFrameOrigins();
  return result.count > 0;
}

export async function removeDeployment(platformId: string, deploymentId: string): Promise<boolean> {
  const result = await db.ltiDeployment.deleteMany({ where: { platformId, deploymentId } });
  return result.count > 0;
}

/**
 * The registration a login initiation names. Without client_id, the issuer must have exactly
 * one registration (LTI Core 1.3 §5.1.1: client_id is optional in the initiation).
 */
export async function findPlatformForLogin(issuer: string, clientId: string | null): Promise<{ platform: RegisteredPlatform | null; ambiguous: boolean }> {
  const rows = await db.ltiPlatform.findMany({ where: clientId ? { issuer, clientId } : { issuer }, select: SELECT, take: 2 });
  if (rows.length > 1) return { platform: null, ambiguous: true };
  return { platform: rows[0] ? toPlatform(rows[0]) : null, ambiguous: false };
}

/** Origins that may frame LTI pages for one platform: its issuer, its authorization URL and the extra ones registered. */
export function platformFrameOrigins(platform: Pick<RegisteredPlatform, "issuer" | "authUrl" | "frameOrigins">): string[] {
  const origins = [originOf(platform.issuer), originOf(platform.authUrl), ...platform.frameOrigins].filter((o): o is string => o !== null && isServiceUrl(o));
  return [...new Set(origins)];
}

/**
 * Adds an origin the LMS revealed in a signed launch (its launch_presentation return URL or its
 * deep-linking return URL: the site the LMS's pages are served from, e.g. a school's own domain
 * in front of a hosted LMS) to the platform's frame origins.
 */
export async function learnFrameOrigin(platformId: string, url: string | null): Promise<void> {
  const origin = url ? originOf(url) : null;
  if (!origin || !isServiceUrl(origin)) return;
  const platform = await db.ltiPlatform.findUnique({ where: { id: platformId }, select: { issuer: true, authUrl: true, frameOrigins: true } });
  if (!platform) return;
  const known = platformFrameOrigins({ ...platform, frameOrigins: parseOrigins(platform.frameOrigins) });
  if (known.includes(origin)) return;
  const extra = parseOrigins(platform.frameOrigins);
  if (extra.length >= 20) return;
  await db.ltiPlatform.update({ where: { id: platformId }, data: { frameOrigins: JSON.stringify([...extra, origin]) } });
  invalidateFrameOrigins();
}

const FRAME_ORIGINS_TTL_MS = 10_000;
let frameOriginsCache: { at: number; origins: Promise<string[]> } | undefined;

function invalidateFrameOrigins() {
  frameOriginsCache = undefined;
}

/**
 * Every registered platform's frame origins, for the frame-ancestors of LTI pages. Cached for
 * ten seconds per process: a new registration can frame the tool within that time everywhere.
 */
export function allFrameOrigins(now = Date.now()): Promise<string[]> {
  if (!frameOriginsCache || now - frameOriginsCache.at > FRAME_ORIGINS_TTL_MS) {
    const origins = db.ltiPlatform
      .findMany({ select: { issuer: true, authUrl: true, frameOrigins: true } })
      .then((rows) => [...new Set(rows.flatMap((row) => platformFrameOrigins({ ...row, frameOrigins: parseOrigins(row.frameOrigins) })))].sort());
    frameOriginsCache = { at: now, origins };
    origins.catch(() => invalidateFrameOrigins());
  }
  return frameOriginsCache.origins;
}

/** Administrators only: the admin page's guard. */
export function requireAdmin(user: CurrentUser | null): CurrentUser {
  if (!user || user.role !== "ADMIN") throw new NotAllowedError();
  return user;
}
