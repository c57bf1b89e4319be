import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { configuredProviders } from "@/lib/auth/options.server";
import { getSession } from "@/lib/auth/session.server";
import { Alert } from "@/components/ui/alert";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { localePath, pageAlternates } from "@/lib/i18n/paths";
import { authWords, type AuthWords } from "@/lib/i18n/words/auth";
import { SignInForm } from "./sign-in-form";
import { EndStaleSession } from "./session-ended";
import { SignUpForm } from "./sign-up-form";
import type { Locale } from "@/domain/locale";

/** What the sign-in and sign-up routes receive. */
export type AuthPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type SearchParams = AuthPageProps["searchParams"];

// next-auth reports OAuth and email failures with these codes; none of them says whether an account exists.
const ERROR_CODES: Record<string, keyof AuthWords["errors"]> = {
  CredentialsSignin: "credentials",
  OAuthAccountNotLinked: "oauthNotLinked",
  EmailSignin: "emailSignin",
  Verification: "verification",
};

export function signInMetadata(locale: Locale): Metadata {
  return { title: authWords(locale).signIn.title, alternates: pageAlternates("/signin", locale) };
}

export function signUpMetadata(locale: Locale): Metadata {
  return { title: authWords(locale).signUp.metaTitle, alternates: pageAlternates("/signup", locale) };
}

/** Where to go after signing in (only a path on this site; the dashboard by default), unless already signed in. */
async function destination(searchParams: SearchParams, locale: Locale) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null, localePath(locale, "/dashboard"));
  const session = await getSession();
  if (session.user) redirect(callbackUrl);
  return { params, callbackUrl, sessionEnded: session.ended };
}

export async function SignInPage({ locale, searchParams }: { locale: Locale; searchParams: SearchParams }) {
  const { params, callbackUrl, sessionEnded } = await destination(searchParams, locale);
  const words = authWords(locale);
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const providers = configuredProviders()
    .filter((provider) => provider.id !== "credentials")
    .map((provider) => ({ id: provider.id, name: provider.name }));

  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="mb-2 text-2xl font-semibold">{words.signIn.title}</h1>
      <p className="mb-6 text-fg-muted">{words.signIn.intro}</p>
      <EndStaleSession ended={sessionEnded} />
      {sessionEnded ? <Alert className="mb-6">{words.signIn.sessionEnded}</Alert> : null}
      <Card>
        <SignInForm
          locale={locale}
          callbackUrl={callbackUrl}
          providers={providers}
          initialError={errorCode ? words.errors[Object.hasOwn(ERROR_CODES, errorCode) ? ERROR_CODES[errorCode]! : "signInFailed"] : undefined}
        />
      </Card>
    </div>
  );
}

export async function SignUpPage({ locale, searchParams }: { locale: Locale; searchParams: SearchParams }) {
  const { callbackUrl, sessionEnded } = await destination(searchParams, locale);
  const words = authWords(locale).signUp;
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="mb-2 text-2xl font-semibold">{words.title}</h1>
      <p className="mb-6 text-fg-muted">{words.intro}</p>
      <EndStaleSession ended={sessionEnded} />
      <Card>
        <SignUpForm locale={locale} callbackUrl={callbackUrl} />
      </Card>
    </div>
  );
}
