"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useState, type FormEvent } from "react";
import { signInFormAction } from "@/lib/auth/signin-actions";
import { signIn } from "@/lib/auth/browser-session";
import { accountPagePath } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { mergeLocalProgress } from "@/components/progress/merge-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import type { Locale } from "@/domain/locale";

export type OAuthProvider = { id: string; name: string };

export function SignInForm({
  locale,
  callbackUrl,
  providers,
  initialError,
}: {
  locale: Locale;
  callbackUrl: string;
  providers: OAuthProvider[];
  initialError?: string;
}) {
  const words = authWords(locale);
  const router = useRouter();
  // Before the page's script runs, the form posts to signInFormAction; the page then comes back
  // with its error and the email typed. Once the script runs, onSubmit signs in through next-auth.
  const [posted, postAction] = useActionState(signInFormAction, null);
  const [error, setError] = useState<string | undefined>(posted?.message ?? initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      const wait = /^RateLimited(?::(\d+))?$/.exec(result?.error ?? "");
      setError(wait ? words.signIn.wait(Number(wait[1] ?? 60)) : words.errors.credentials);
      return;
    }
    // Progress kept in this browser while signed out joins the account (idempotent).
    await mergeLocalProgress();
    // One navigation, nothing after it: it renders the destination afresh with the new session
    // (dynamic pages are never served from the router's cache). A refresh queued behind it would
    // hold this page on screen until a second render of the destination had finished too.
    router.replace(callbackUrl);
  }

  return (
    <div className="space-y-6">
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <form action={postAction} onSubmit={onSubmit} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <input type="hidden" name="locale" value={locale} />
        <Field label={words.fields.email} name="email" type="email" autoComplete="email" required defaultValue={posted?.values?.email} />
        <Field label={words.fields.password} name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? words.signIn.pending : words.signIn.submit}
        </Button>
      </form>
      {providers.length ? (
        <div className="space-y-2">
          <p className="text-center text-sm text-fg-muted">{words.signIn.or}</p>
          {providers.map((provider) => (
            <Button key={provider.id} variant="secondary" className="w-full" onClick={() => signIn(provider.id, { callbackUrl })}>
              {words.signIn.continueWith(provider.name)}
            </Button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-fg-muted">
        {words.signIn.newHere}{" "}
        <Link href={accountPagePath(locale, "/signup", callbackUrl)} className="text-accent underline underline-offset-2">
          {words.signIn.createAccount}
        </Link>
      </p>
    </div>
  );
}
