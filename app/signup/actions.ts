"use server";

import { headers } from "next/headers";
import { RateLimitedError, limitSignUp } from "@/lib/auth/limits.server";
import { createAccount, type SignUpResult } from "@/lib/auth/signup.server";
import { clientAddress } from "@/lib/security/client-address";

/** Validation and the decision live in createAccount; this only crosses the network boundary. */
export async function signUpAction(input: { name: string; email: string; password: string }): Promise<SignUpResult> {
  try {
    await limitSignUp(clientAddress(await headers()));
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return { ok: false, fieldErrors: {}, formError: "Too many sign-ups from your network. Wait a while and try again." };
    }
    throw error;
  }
  return createAccount(input);
}
