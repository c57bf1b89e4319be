import type { Metadata } from "next";
import { JoinButton } from "@/components/instructor/join-form";
import { UserText } from "@/components/instructor/user-text";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session.server";
import { previewInvite } from "@/lib/classes/membership.server";
import { accountPagePath } from "@/lib/i18n/paths";
import { joinByLinkAction } from "@/lib/classes/join-actions";

export const metadata: Metadata = { title: "Join a class" };

/** The class invite link. Joining is a button (a POST), so link previews and prefetching never enroll anyone. */
export default async function JoinLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [user, invite] = await Promise.all([getCurrentUser(), previewInvite("link", token)]);
  const here = `/join/${encodeURIComponent(token)}`;
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Join a class</h1>
      <Card className="mt-8 grid gap-4">
        {!invite ? (
          <p>This invite link does not work any more. Ask your instructor for a new link or the class code.</p>
        ) : invite.archived ? (
          <p>
            <strong>
              <UserText>{invite.className}</UserText>
            </strong> has been archived and no longer takes students.
          </p>
        ) : (
          <>
            <p>
              You are invited to <strong>
              <UserText>{invite.className}</UserText>
            </strong>.
            </p>
            {user ? (
              <JoinButton action={joinByLinkAction.bind(null, token)} label={`Join ${invite.className}`} />
            ) : (
              <div className="flex flex-wrap gap-3">
                <ButtonLink href={accountPagePath("en", "/signup", here)}>Sign up to join</ButtonLink>
                <ButtonLink href={accountPagePath("en", "/signin", here)} variant="secondary">
                  Sign in
                </ButtonLink>
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
