import type { Metadata } from "next";
import { JoinButton } from "@/components/instructor/join-form";
import { UserText } from "@/components/instructor/user-text";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session.server";
import { previewInvite } from "@/lib/classes/membership.server";
import { accountPagePath } from "@/lib/i18n/paths";
import { acceptInvitationAction } from "@/lib/classes/join-actions";

export const metadata: Metadata = { title: "Class invitation" };

/** A personal invitation from a roster import. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [user, invite] = await Promise.all([getCurrentUser(), previewInvite("invitation", token)]);
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Class invitation</h1>
      <Card className="mt-8 grid gap-4">
        {!invite ? (
          <p>This invitation does not exist or was withdrawn. Ask your instructor for the class code.</p>
        ) : invite.archived ? (
          <p>
            <strong>
              <UserText>{invite.className}</UserText>
            </strong> has been archived.
          </p>
        ) : (
          <>
            <p>
              Your instructor invited you to <strong>
              <UserText>{invite.className}</UserText>
            </strong>.
            </p>
            {user ? (
              <JoinButton action={acceptInvitationAction.bind(null, token)} label="Accept invitation" />
            ) : (
              <>
                <p className="text-sm text-fg-muted">Sign up or sign in with the email the invitation was sent to, then accept it.</p>
                <div className="flex flex-wrap gap-3">
                  <ButtonLink href={accountPagePath("en", "/signup", here)}>Sign up</ButtonLink>
                  <ButtonLink href={accountPagePath("en", "/signin", here)} variant="secondary">
                    Sign in
                  </ButtonLink>
                </div>
              </>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
