"use client";

import { useActionState } from "react";
import { acceptMyInvitationAction, declineMyInvitationAction } from "@/app/join/actions";
import type { LearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";
import type { Locale } from "@/lib/i18n/paths";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { FormMessage } from "../instructor/form-bits";
import { UserText } from "../instructor/user-text";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

function Answer({ invitationId, className, locale }: { invitationId: string; className: string; locale: Locale }) {
  const words = dashboardWords(locale).invitations;
  const [accepted, accept, accepting] = useActionState(acceptMyInvitationAction.bind(null, invitationId), null);
  const [declined, decline, declining] = useActionState(declineMyInvitationAction.bind(null, invitationId), null);
  const answered = Boolean(accepted?.ok || declined?.ok);
  return (
    <div className="mt-2 grid gap-2">
      <div className="flex flex-wrap gap-2">
        <form action={accept}>
          <Button type="submit" size="sm" disabled={answered || accepting} aria-label={words.accept(className).name}>
            {words.accept(className).label}
          </Button>
        </form>
        <form action={decline}>
          <Button type="submit" size="sm" variant="secondary" disabled={answered || declining} aria-label={words.decline(className).name}>
            {words.decline(className).label}
          </Button>
        </form>
      </div>
      <FormMessage state={accepted ?? declined} />
    </div>
  );
}

/** Invitations from roster imports, waiting for the learner's answer: nobody is enrolled without accepting. */
export function InvitationsCard({ invitations, locale = "en" }: { invitations: LearnerDashboard["invitations"]; locale?: Locale }) {
  if (invitations.length === 0) return null;
  const words = dashboardWords(locale).invitations;
  return (
    <Card aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="font-semibold">
        {words.heading}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">{words.intro}</p>
      <ul className="mt-3 divide-y divide-border">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="py-3 text-sm first:pt-0 last:pb-0" data-testid="class-invitation">
            <p>
              {words.invitedTo}{" "}
              <strong>
                <UserText>{invitation.className}</UserText>
              </strong>
            </p>
            <Answer invitationId={invitation.id} className={invitation.className} locale={locale} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
