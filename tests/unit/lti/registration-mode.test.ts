import { describe, expect, it } from "vitest";
import { invitationUrl, inviteToken, parseInviteLifetime, registrationMode } from "@/lib/lti/registration-mode";

describe("LTI_DYNAMIC_REGISTRATION", () => {
  it("is open when unset or empty, and names each mode", () => {
    expect(registrationMode(undefined)).toEqual({ mode: "open", valid: true });
    expect(registrationMode("")).toEqual({ mode: "open", valid: true });
    expect(registrationMode(" Invite ")).toEqual({ mode: "invite", valid: true });
    expect(registrationMode("off")).toEqual({ mode: "off", valid: true });
    expect(registrationMode("open")).toEqual({ mode: "open", valid: true });
  });

  it("closes registration on a value it does not know, rather than guessing open", () => {
    expect(registrationMode("invited")).toEqual({ mode: "off", valid: false });
    expect(registrationMode("true")).toEqual({ mode: "off", valid: false });
  });
});

describe("--expires-in", () => {
  it("takes minutes, hours or days from 5 minutes to 30 days", () => {
    expect(parseInviteLifetime("90m")).toEqual({ ok: true, ms: 90 * 60_000 });
    expect(parseInviteLifetime("24h")).toEqual({ ok: true, ms: 24 * 3_600_000 });
    expect(parseInviteLifetime("7D")).toEqual({ ok: true, ms: 7 * 86_400_000 });
    expect(parseInviteLifetime("5m")).toEqual({ ok: true, ms: 5 * 60_000 });
    expect(parseInviteLifetime("30d")).toEqual({ ok: true, ms: 30 * 86_400_000 });
  });

  it("refuses other units, fractions, nothing, and lifetimes out of range", () => {
    for (const bad of ["24", "1.5h", "2w", "", "h", "-1h", "4m", "31d", "721h"]) expect(parseInviteLifetime(bad), bad).toMatchObject({ ok: false });
  });
});

describe("the one-time link", () => {
  it("is the registration URL with the token as `invite`, and only a 43-character base64url token is one", () => {
    const token = "A".repeat(42) + "_";
    expect(invitationUrl("https://site.example/api/lti/register", token)).toBe(`https://site.example/api/lti/register?invite=${token}`);
    expect(inviteToken.safeParse(token).success).toBe(true);
    expect(inviteToken.safeParse(`${token}x`).success).toBe(false);
    expect(inviteToken.safeParse("A".repeat(42) + "=").success).toBe(false);
  });
});
