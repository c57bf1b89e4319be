"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import { NotAllowedError } from "@/lib/classes/errors";
import { adminAddPlatform, adminRemovePlatform, type AddPlatformResult } from "@/lib/lti/admin.server";

const fields = z.record(z.string(), z.string().max(4096)).refine((value) => Object.keys(value).length <= 20);

async function refusing<T>(run: () => Promise<T>): Promise<T | { ok: false; error: "not-allowed" }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NotAllowedError) return { ok: false, error: "not-allowed" };
    throw error;
  }
}

export async function addPlatformAction(raw: unknown): Promise<AddPlatformResult | { ok: false; error: "not-allowed" | "invalid-input" }> {
  const parsed = fields.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const user = await getCurrentUser();
  return refusing(() => adminAddPlatform(user, parsed.data));
}

export async function removePlatformAction(id: unknown): Promise<{ ok: boolean } | { ok: false; error: "not-allowed" | "invalid-input" }> {
  const parsed = z.string().min(1).max(64).safeParse(id);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const user = await getCurrentUser();
  return refusing(() => adminRemovePlatform(user, parsed.data));
}
