"use server";

import { createAccount, type SignUpResult } from "@/lib/auth/signup.server";

/** Validation and the decision live in createAccount; this only crosses the network boundary. */
export async function signUpAction(input: { name: string; email: string; password: string }): Promise<SignUpResult> {
  return createAccount(input);
}
