"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useState, type FormEvent } from "react";
import { signIn } from "@/lib/auth/browser-session";
import { accountPagePath } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { mergeLocalProgress } from "@/components/progress/merge-client";
import { signUpAction, signUpFormAction } from "@/lib/auth/signup-actions";
import type { ActionResult } from "@/lib/http/action-result";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { PasswordField } from "./password-field";
import type { Locale } from "@/domain/locale";

type Errors = Extract<ActionResult, { ok: false }>;

export function SignUpForm({ locale, callbackUrl }: { locale: Locale; callbackUrl: string }) {
  const words = authWords(locale);
  const router = useRouter();
  // Before the page's script runs, the form posts to signUpFormAction; the page then comes back
  // with its errors and the name and email typed. Once the script runs, onSubmit takes over.
  const [posted, postAction] = useActionState(signUpFormAction, null);
  const [errors, setErrors] = useState<Errors | undefined>(
    posted && !posted.ok ? posted : undefined,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setErrors(undefined);
    try {
      const result = await signUpAction(input, locale);
      if (!result.ok) {
        setErrors(result);
        return;
      }
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (!signedIn || signedIn.error) {
        setErrors({ ok: false, message: words.errors.createdButSignInFailed });
        return;
      }
      // Progress kept in this browser while signed out joins the new account.
      await mergeLocalProgress();
      // One navigation, nothing after it: it renders the destination afresh with the new session
      // (dynamic pages are never served from the router's cache). A refresh queued behind it would
      // hold this page on screen until a second render of the destination had finished too.
      router.replace(callbackUrl);
    } catch {
      setErrors({ ok: false, message: words.errors.serverFailed });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      {errors?.message ? <Alert tone="danger">{errors.message}</Alert> : null}
      <form action={postAction} onSubmit={onSubmit} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <input type="hidden" name="locale" value={locale} />
        <Field label={words.fields.name} name="name" autoComplete="name" required error={errors?.fieldErrors?.name} defaultValue={posted?.values?.name} />
        <Field
          label={words.fields.email}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={errors?.fieldErrors?.email}
          defaultValue={posted?.values?.email}
        />
        <PasswordField kind="new" label={words.fields.password} name="password" error={errors?.fieldErrors?.password} locale={locale} />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? words.signUp.pending : words.signUp.submit}
        </Button>
      </form>
      <p className="text-center text-sm text-fg-muted">
        {words.signUp.haveAccount}{" "}
        <Link href={accountPagePath(locale, "/signin", callbackUrl)} className="text-accent underline underline-offset-2">
          {words.signUp.signIn}
        </Link>
      </p>
    </div>
  );
}
