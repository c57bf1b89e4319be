import { authWords } from "@/lib/i18n/words/auth";
import { Field } from "../ui/field";
import type { Locale } from "@/domain/locale";

/**
 * A password field of the account forms: the one typed now ("current", filled in by a password
 * manager) or a new one ("new", with the password rules as its hint), its error from the server.
 */
export function PasswordField({ kind, label, name, error, locale }: { kind: "current" | "new"; label: string; name: string; error?: string; locale: Locale }) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete={kind === "new" ? "new-password" : "current-password"}
      required
      hint={kind === "new" ? authWords(locale).signUp.passwordHint : undefined}
      error={error}
    />
  );
}
