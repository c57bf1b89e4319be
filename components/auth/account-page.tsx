import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { hasPassword } from "@/lib/auth/account.server";
import { emailVerificationRequired, hasProvenEmail } from "@/lib/auth/email-verification.server";
import { requireUser } from "@/lib/auth/session.server";
import { localePath, pageAlternates } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { ChangePasswordForm } from "./change-password-form";
import { ResendVerification } from "./resend-verification";
import { SignOutEverywhere } from "./sign-out-everywhere";
import type { Locale } from "@/domain/locale";

export function accountMetadata(locale: Locale): Metadata {
  return { title: authWords(locale).account.title, alternates: pageAlternates("/account", locale) };
}

/** The signed-in person's account: who they are, their password, and their sessions. */
export async function AccountPage({ locale }: { locale: Locale }) {
  const user = await requireUser(localePath(locale, "/account"));
  const words = authWords(locale).account;
  const withPassword = await hasPassword(user.id);
  const verification = emailVerificationRequired() ? ((await hasProvenEmail(user.id)) ? "confirmed" : "pending") : null;
  const verificationWords = authWords(locale).verification;
  return (
    <div className="mx-auto max-w-xl space-y-10 px-4 py-12">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">{words.title}</h1>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-fg-muted">{words.name}</dt>
          <dd>{user.name ?? "—"}</dd>
          <dt className="text-fg-muted">{words.email}</dt>
          <dd className="break-all">{user.email}</dd>
          {verification ? (
            <>
              <dt className="text-fg-muted">{verificationWords.status}</dt>
              <dd>{verification === "confirmed" ? verificationWords.confirmed : verificationWords.pending}</dd>
            </>
          ) : null}
        </dl>
        {verification === "pending" ? (
          <div className="mt-4">
            <ResendVerification locale={locale} />
          </div>
        ) : null}
      </div>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-xl font-semibold">
          {words.passwordTitle}
        </h2>
        {withPassword ? (
          <Card>
            <ChangePasswordForm locale={locale} />
          </Card>
        ) : (
          <p className="text-fg-muted">{words.noPassword}</p>
        )}
      </section>
      <section aria-labelledby="sessions-heading" className="space-y-3">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {words.sessionsTitle}
        </h2>
        <p className="text-fg-muted">{words.sessionsIntro}</p>
        <SignOutEverywhere locale={locale} />
      </section>
    </div>
  );
}
