"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "@/lib/auth/browser-session";
import { useState, type FormEvent } from "react";
import { accountPagePath, type Locale } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { mergeLocalProgress } from "@/lib/progress/merge-client";
import { signUpAction } from "@/app/signup/actions";
import type { SignUpResult } from "@/lib/auth/signup.server";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

type Errors = Extract<SignUpResult, { ok: false }>;

export function SignUpForm({ locale, callbackUrl }: { locale: Locale; callbackUrl: string }) {
  const words = authWords(locale);
  const router = useRouter();
  const [errors, setErrors] = useState<Errors | undefined>();
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
        setErrors({ ok: false, fieldErrors: {}, formError: words.errors.createdButSignInFailed });
        return;
      }
      // Progress kept in this browser while signed out joins the new account.
      await mergeLocalProgress();
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setErrors({ ok: false, fieldErrors: {}, formError: words.errors.serverFailed });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      {errors?.formError ? <Alert tone="danger">{errors.formError}</Alert> : null}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label={words.fields.name} name="name" autoComplete="name" required error={errors?.fieldErrors.name} />
        <Field label={words.fields.email} name="email" type="email" autoComplete="email" required error={errors?.fieldErrors.email} />
        <Field
          label={words.fields.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={words.signUp.passwordHint}
          error={errors?.fieldErrors.password}
        />
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
