import "server-only";
import type { LaunchOutcome } from "./launch.server";
import { launchedPage, pendingIdentityPage, storageCheckPage } from "./pages";
import { pageResponse, problemResponse } from "./responses.server";
import { toolUrls } from "./urls";

/** The page a launch step answers with (shared by the launch and the identity endpoints). */
export function launchOutcomeResponse(outcome: LaunchOutcome, toolOrigin: string, options: { notLinkedYet?: boolean } = {}): Response {
  switch (outcome.kind) {
    case "problem":
      return problemResponse(outcome.problem, outcome.locale, outcome.frameAncestors, outcome.setCookies);
    case "storage-check":
      return pageResponse(storageCheckPage({ ...outcome, launchUrl: toolUrls(toolOrigin).launch }, outcome.locale, outcome.frameAncestors));
    case "pending-identity":
      return pageResponse(
        pendingIdentityPage(
          {
            token: outcome.token,
            email: outcome.email,
            platformName: outcome.platformName,
            linkUrl: `${toolOrigin}/lti/link/${outcome.token}`,
            identityUrl: `${toolOrigin}/api/lti/identity`,
            notLinkedYet: options.notLinkedYet,
          },
          outcome.locale,
          outcome.frameAncestors,
        ),
        { cookies: outcome.setCookies },
      );
    case "launched":
      return pageResponse(
        launchedPage({ userId: outcome.provisioned.user.id, target: outcome.provisioned.target, handoffUrl: outcome.handoffUrl }, outcome.locale, outcome.frameAncestors),
        { cookies: outcome.setCookies },
      );
  }
}
