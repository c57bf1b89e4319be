import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import { verifyEmail } from "@/lib/auth/email-verification.server";
import { localePath, pageAlternates } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import type { AuthPageProps } from "./auth-pages";
import type { Locale } from "@/domain/locale";

export function verifyEmailMetadata(locale: Locale): Metadata {
  return { title: authWords(locale).verification.title, alternates: pageAlternates("/verify-email", locale), robots: { index: false } };
}

/** Where the confirmation link in the sign-up email leads: it confirms the address once. */
export async function VerifyEmailPage({ locale, searchParams }: { locale: Locale; searchParams: AuthPageProps["searchParams"] }) {
  const { token } = await searchParams;
  const outcome = await verifyEmail(typeof token === "string" ? token : undefined);
  const words = authWords(locale).verification;
  return (
    <div className="mx-auto max-w-md px-4 py-16">
      <h1 className="mb-6 text-2xl font-semibold">{words.title}</h1>
      <Card className="space-y-4">
        <p role="status">{outcome === "verified" ? words.verified : words.invalid}</p>
        <ButtonLink href={localePath(locale, "/account")} variant="secondary">
          {words.goToAccount}
        </ButtonLink>
      </Card>
    </div>
  );
}
