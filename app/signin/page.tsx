import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { configuredProviders } from "@/lib/auth/options.server";
import { getCurrentUser } from "@/lib/auth/session.server";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

// next-auth reports OAuth and email failures with these codes; none of them says whether an account exists.
const ERRORS: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect.",
  OAuthAccountNotLinked: "Sign in the way you signed up the first time.",
  EmailSignin: "We could not send the sign-in email. Try again later.",
  Verification: "That sign-in link has expired or was already used.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await getCurrentUser()) redirect(callbackUrl);
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const providers = configuredProviders()
    .filter((provider) => provider.id !== "credentials")
    .map((provider) => ({ id: provider.id, name: provider.name }));

  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="mb-2 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-fg-muted">Pick up where you left off and keep your progress in your class.</p>
      <Card>
        <SignInForm
          callbackUrl={callbackUrl}
          providers={providers}
          initialError={errorCode ? (ERRORS[errorCode] ?? "Sign-in failed. Try again.") : undefined}
        />
      </Card>
    </div>
  );
}
