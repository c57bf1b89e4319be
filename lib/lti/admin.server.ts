import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { listPlatforms, platformFrameOrigins, registerPlatform, removePlatform, requireAdmin, type RegisteredPlatform, PLATFORM_FIELDS } from "./platforms.server";

/** The admin page's data and writes (administrators only; the same rules as the CLI). */

export type PlatformRow = RegisteredPlatform & { allFrameOrigins: string[] };

export async function adminPlatforms(user: CurrentUser | null): Promise<PlatformRow[]> {
  requireAdmin(user);
  return (await listPlatforms()).map((platform) => ({ ...platform, allFrameOrigins: platformFrameOrigins(platform) }));
}

export type PlatformField = (typeof PLATFORM_FIELDS)[number];
export type AddPlatformResult = { ok: true; name: string; created: boolean } | { ok: false; errors: Partial<Record<PlatformField, string>> };

const list = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(/[\s,]+/)
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

export async function adminAddPlatform(user: CurrentUser, raw: Record<string, unknown>): Promise<AddPlatformResult> {
  requireAdmin(user);
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : "");
  const result = await registerPlatform(
    {
      name: text("name") || undefined,
      issuer: text("issuer"),
      clientId: text("clientId"),
      deploymentIds: list(raw.deploymentIds),
      authUrl: text("authUrl"),
      tokenUrl: text("tokenUrl"),
      jwksUrl: text("jwksUrl"),
      tokenAudience: text("tokenAudience") || undefined,
      frameOrigins: list(raw.frameOrigins),
    },
    "admin",
  );
  return result.ok ? { ok: true, name: result.platform.name, created: result.created } : { ok: false, errors: result.errors };
}

export async function adminRemovePlatform(user: CurrentUser, id: string): Promise<{ ok: boolean }> {
  requireAdmin(user);
  return { ok: await removePlatform({ id }) };
}
