/**
 * What a sign-in, sign-up or password form shows after it was posted before the page's script
 * ran (a Server Action then answers with the page): the error, and what was typed, passwords
 * excepted, so nothing else has to be typed again.
 */
export type AuthFormState = {
  ok?: boolean;
  formError?: string;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Partial<Record<"name" | "email", string>>;
} | null;
