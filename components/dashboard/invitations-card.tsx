"use client";

import { useActionState } from "react";
import { answerInvitationAction } from "@/lib/classes/join-actions";
import type { LearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { FormMessage } from "../instructor/form-bits";
import { UserText } from "../instructor/user-text";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import type { Locale } from "@/domain/locale";

/**
 * Invitations from roster imports, waiting for the learner's answer: nobody is enrolled without
 * accepting. The outcome is kept by the card, which stays while the answered invitation leaves
 * the list (the dashboard refreshes with the class's assignments).
 */
export function InvitationsCard({ invitations, locale = "en" }: { invitations: LearnerDashboard["invitations"]; locale?: Locale }) {
  const [state, answer, pending] = useActionState(answerInvitationAction, null);
  if (invitations.length === 0 && !state) return null;
  const words = dashboardWords(locale).invitations;
  return (
    <Card aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="font-semibold">
        {words.heading}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">{words.intro}</p>
      <FormMessage state={state} className="mt-3" />
      {invitations.length > 0 ? (
        <ul className="mt-3 divide-y divide-border">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="py-3 text-sm first:pt-0 last:pb-0" data-testid="class-invitation">
              <p>
                {words.invitedTo}{" "}
                <strong>
                  <UserText>{invitation.className}</UserText>
                </strong>
              </p>
              <form action={answer} className="mt-2 flex flex-wrap gap-2">
                <input type="hidden" name="invitationId" value={invitation.id} />
                <input type="hidden" name="locale" value={locale} />
                <Button type="submit" name="answer" value="accept" size="sm" disabled={pending} aria-label={words.accept(invitation.className).name}>
                  {words.accept(invitation.className).label}
                </Button>
                <Button type="submit" name="answer" value="decline" size="sm" variant="secondary" disabled={pending} aria-label={words.decline(invitation.className).name}>
                  {words.decline(invitation.className).label}
                </Button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
