"use client";

import { useActionState, useState, type FormEvent } from "react";
import { changePasswordAction, changePasswordFormAction } from "@/lib/auth/account-actions";
import type { ActionResult } from "@/lib/http/action-result";
import { authWords } from "@/lib/i18n/words/auth";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { PasswordField } from "./password-field";
import type { Locale } from "@/domain/locale";

type Errors = Extract<ActionResult, { ok: false }>;

export function ChangePasswordForm({ locale }: { locale: Locale }) {
  const words = authWords(locale);
  // Before the page's script runs, the form posts to changePasswordFormAction and the page comes
  // back with the outcome; once the script runs, onSubmit takes over.
  const [posted, postAction] = useActionState(changePasswordFormAction, null);
  const [errors, setErrors] = useState<Errors | undefined>(
    posted && !posted.ok ? posted : undefined,
  );
  const [changed, setChanged] = useState(posted?.ok === true);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setErrors(undefined);
    setChanged(false);
    try {
      const result = await changePasswordAction(
        { currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") },
        locale,
      );
      if (result.ok) {
        form.reset();
        setChanged(true);
      } else {
        setErrors(result);
      }
    } catch {
      setErrors({ ok: false, message: words.errors.serverFailed });
    } finally {
      setPending(false);
    }
  }

  return (
    <form action={postAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {changed ? <Alert tone="success">{words.account.passwordChanged}</Alert> : null}
      {errors?.message ? <Alert tone="danger">{errors.message}</Alert> : null}
      <PasswordField kind="current" label={words.account.currentPassword} name="currentPassword" error={errors?.fieldErrors?.currentPassword} locale={locale} />
      <PasswordField kind="new" label={words.account.newPassword} name="newPassword" error={errors?.fieldErrors?.newPassword} locale={locale} />
      <Button type="submit" disabled={pending}>
        {pending ? words.account.changingPassword : words.account.changePassword}
      </Button>
    </form>
  );
}
