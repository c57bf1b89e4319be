import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { AddPlatformForm, RegistrationLinkForm, RemovePlatformButton } from "@/components/lti/admin-platforms";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requireUser } from "@/lib/auth/session.server";
import { siteOrigin } from "@/lib/classes/site-url.server";
import { adminPlatforms } from "@/lib/lti/admin.server";
import { currentRegistrationMode } from "@/lib/lti/registration-invites.server";
import { registrationUrl, toolUrls } from "@/lib/lti/urls";

export const metadata: Metadata = { title: "LMS platforms" };

export default async function AdminLtiPage() {
  const user = await requireUser("/admin/lti");
  if (user.role !== "ADMIN") forbidden();
  const [platforms, origin] = await Promise.all([adminPlatforms(user), siteOrigin()]);
  const urls = toolUrls(origin);
  const registration = currentRegistrationMode();
  const registrationHint = !registration.valid
    ? "Closed: LTI_DYNAMIC_REGISTRATION has an unknown value (use open, invite or off)."
    : registration.mode === "open"
      ? "Paste this one URL into an LMS that supports LTI Dynamic Registration; nothing else is needed. Any LMS that opens it can register (LTI_DYNAMIC_REGISTRATION=open)."
      : registration.mode === "invite"
        ? "This site registers an LMS only with a one-time link (LTI_DYNAMIC_REGISTRATION=invite): create one below and paste it into the LMS instead."
        : "Turned off (LTI_DYNAMIC_REGISTRATION=off): register LMSs by hand below.";
  const toolRows: Array<[string, string, string]> = [
    ["Dynamic registration URL", registrationUrl(origin), registrationHint],
    ["OIDC login (initiate login) URL", urls.login, ""],
    ["Launch (redirect) URL", urls.launch, ""],
    ["Key set (JWKS) URL", urls.jwks, "Public key type: JWK set URL."],
    ["Deep linking URL", urls.deepLinking, "Target link URI of the activity picker placement."],
  ];
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">LMS platforms (LTI 1.3)</h1>
      <p className="mt-2 text-fg-muted">
        Learning management systems that can open SYN to FIN in their courses. docs/lti.md explains each LMS&apos;s steps. The same can be done with{" "}
        <code className="rounded bg-bg-sunken px-1">npm run lti -- platform add|list|remove</code>.
      </p>

      <Card className="mt-8">
        <h2 className="text-lg font-semibold">This tool&apos;s addresses</h2>
        <dl className="mt-4 grid gap-3">
          {toolRows.map(([label, value, hint]) => (
            <div key={label}>
              <dt className="text-sm font-medium">{label}</dt>
              <dd className="break-all font-mono text-sm">{value}</dd>
              {hint ? <dd className="text-sm text-fg-muted">{hint}</dd> : null}
            </div>
          ))}
        </dl>
      </Card>

      {registration.valid && registration.mode !== "off" ? (
        <Card className="mt-8">
          <h2 className="text-lg font-semibold">One-time registration link</h2>
          <p className="mt-1 text-sm text-fg-muted">
            {registration.mode === "invite"
              ? "An LMS registers with a link that works once and expires. The same from the command line: npm run lti -- registration-link."
              : "Optional while any LMS may register: a link works once and expires, and becomes required with LTI_DYNAMIC_REGISTRATION=invite."}
          </p>
          <div className="mt-4">
            <RegistrationLinkForm />
          </div>
        </Card>
      ) : null}

      <h2 className="mt-10 text-xl font-semibold">Registered platforms</h2>
      {platforms.length === 0 ? (
        <Card className="mt-4">
          <p>No LMS is registered yet.</p>
        </Card>
      ) : (
        <ul className="mt-4 grid gap-4">
          {platforms.map((platform) => (
            <li key={platform.id}>
              <Card>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h3 className="text-lg font-semibold">{platform.name}</h3>
                    <p className="text-sm text-fg-muted">
                      Registered by {platform.registeredVia === "dynamic" ? "dynamic registration" : platform.registeredVia === "cli" ? "the command line" : "an administrator"} on{" "}
                      <LocalTime iso={platform.createdAt.toISOString()} />
                    </p>
                  </div>
                  <RemovePlatformButton id={platform.id} name={platform.name} />
                </div>
                <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
                  <dt className="font-medium">Issuer</dt>
                  <dd className="break-all font-mono">{platform.issuer}</dd>
                  <dt className="font-medium">Client id</dt>
                  <dd className="break-all font-mono">{platform.clientId}</dd>
                  <dt className="font-medium">Deployments</dt>
                  <dd className="break-all font-mono">{platform.deploymentIds.length ? platform.deploymentIds.join(", ") : "none yet: add one before launching"}</dd>
                  <dt className="font-medium">Authorization URL</dt>
                  <dd className="break-all font-mono">{platform.authUrl}</dd>
                  <dt className="font-medium">Token URL</dt>
                  <dd className="break-all font-mono">{platform.tokenUrl}</dd>
                  <dt className="font-medium">Key set URL</dt>
                  <dd className="break-all font-mono">{platform.jwksUrl}</dd>
                  <dt className="font-medium">May frame the tool</dt>
                  <dd className="break-all font-mono">{platform.allFrameOrigins.join(", ")}</dd>
                </dl>
              </Card>
            </li>
          ))}
        </ul>
      )}

      <Card className="mt-10">
        <h2 className="text-lg font-semibold">Register a platform by hand</h2>
        <p className="mt-1 text-sm text-fg-muted">For an LMS without dynamic registration: enter what its tool configuration shows.</p>
        <div className="mt-4">
          <AddPlatformForm />
        </div>
      </Card>
    </div>
  );
}
