import { z } from "zod";

/** Shared by the forms (for early feedback) and the server (which is the one that decides). */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address"));

export const passwordField = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(200, "Use at most 200 characters");

export const signInInput = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password").max(200),
});

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(80, "Use at most 80 characters"),
  email: emailField,
  password: passwordField,
});

export type SignUpInput = z.infer<typeof signUpInput>;
