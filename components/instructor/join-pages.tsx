import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import type { Locale } from "@/domain/locale";
import { getCurrentUser, requireUser } from "@/lib/auth/session.server";
import { acceptInvitationAction, joinByCodeAction, joinByLinkAction } from "@/lib/classes/join-actions";
import { previewInvite } from "@/lib/classes/membership.server";
import { accountPagePath, localePath, pageAlternates } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import type { FormAction } from "./form-bits";
import { JoinButton, JoinCodeForm } from "./join-form";
import { UserText } from "./user-text";

export function joinMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).join.title, alternates: pageAlternates("/join", locale) };
}

export function joinLinkMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).join.title };
}

export function invitationMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).invitation.title };
}

function JoinFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}

/** A class's name in a sentence, in bold, isolated from the words around it. */
function ClassName({ words, name }: { words: { before: string; after: string }; name: string }) {
  return (
    <p>
      {words.before}
      <strong>
        <UserText>{name}</UserText>
      </strong>
      {words.after}
    </p>
  );
}

/** A student enters a class code (also given as ?code=, kept through signing in). */
export async function JoinPage({ locale, code }: { locale: Locale; code: string | undefined }) {
  const here = localePath(locale, "/join");
  await requireUser(code ? `${here}?code=${encodeURIComponent(code)}` : here);
  const words = instructorWords(locale).join;
  return (
    <JoinFrame title={words.title}>
      <p className="mt-2 text-fg-muted">{words.intro}</p>
      <Card className="mt-8">
        <JoinCodeForm action={joinByCodeAction} initialCode={typeof code === "string" ? code.slice(0, 32) : ""} locale={locale} />
      </Card>
    </JoinFrame>
  );
}

type ClassWords = { before: string; after: string };

/**
 * Where an invite leads (the class's link or a personal roster invitation): the class, then a
 * button to join, a POST, so link previews and prefetching never enroll anyone; signed out, the
 * way to sign up or in and come back here.
 */
async function InviteLanding({
  locale,
  kind,
  token,
  words,
  join,
}: {
  locale: Locale;
  kind: "link" | "invitation";
  token: string;
  words: { title: string; gone: string; archived: ClassWords; invited: ClassWords; signUp: string; signIn: string; signInFirst?: string };
  join: (className: string) => { action: FormAction; label: string };
}) {
  const [user, invite] = await Promise.all([getCurrentUser(), previewInvite(kind, token)]);
  const here = localePath(locale, `${kind === "link" ? "/join" : "/invite"}/${encodeURIComponent(token)}`);
  return (
    <JoinFrame title={words.title}>
      <Card className="mt-8 grid gap-4">
        {!invite ? (
          <p>{words.gone}</p>
        ) : invite.archived ? (
          <ClassName words={words.archived} name={invite.className} />
        ) : (
          <>
            <ClassName words={words.invited} name={invite.className} />
            {user ? (
              <JoinButton {...join(invite.className)} locale={locale} />
            ) : (
              <>
                {words.signInFirst ? <p className="text-sm text-fg-muted">{words.signInFirst}</p> : null}
                <div className="flex flex-wrap gap-3">
                  <ButtonLink href={accountPagePath(locale, "/signup", here)}>{words.signUp}</ButtonLink>
                  <ButtonLink href={accountPagePath(locale, "/signin", here)} variant="secondary">
                    {words.signIn}
                  </ButtonLink>
                </div>
              </>
            )}
          </>
        )}
      </Card>
    </JoinFrame>
  );
}

/** The class invite link. */
export function JoinLinkPage({ locale, token }: { locale: Locale; token: string }) {
  const words = instructorWords(locale).join;
  return (
    <InviteLanding
      locale={locale}
      kind="link"
      token={token}
      words={{ ...words, gone: words.linkGone }}
      join={(className) => ({ action: joinByLinkAction.bind(null, token), label: words.joinClass(className) })}
    />
  );
}

/** A personal invitation from a roster import. */
export function InvitationPage({ locale, token }: { locale: Locale; token: string }) {
  const words = instructorWords(locale).invitation;
  return (
    <InviteLanding
      locale={locale}
      kind="invitation"
      token={token}
      words={words}
      join={() => ({ action: acceptInvitationAction.bind(null, token), label: words.accept })}
    />
  );
}
