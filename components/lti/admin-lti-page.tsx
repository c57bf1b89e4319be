import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { LOCALE_LANG, type Locale } from "@/domain/locale";
import { requireUser } from "@/lib/auth/session.server";
import { siteOrigin } from "@/lib/classes/site-url.server";
import { localePath } from "@/lib/i18n/paths";
import { ltiAdminWords } from "@/lib/i18n/words/lti-admin";
import { adminPlatforms } from "@/lib/lti/admin.server";
import { currentRegistrationMode } from "@/lib/lti/registration-invites.server";
import { registrationUrl, toolUrls } from "@/lib/lti/urls";
import { AddPlatformForm, RegistrationLinkForm, RemovePlatformButton } from "./admin-platforms";

export function adminLtiMetadata(locale: Locale): Metadata {
  return { title: ltiAdminWords(locale).metaTitle };
}

/** The LMSs registered for LTI 1.3, the tool's addresses, one-time registration links: for administrators. */
export async function AdminLtiPage({ locale }: { locale: Locale }) {
  const user = await requireUser(localePath(locale, "/admin/lti"));
  if (user.role !== "ADMIN") forbidden();
  const [platforms, origin] = await Promise.all([adminPlatforms(user), siteOrigin()]);
  const words = ltiAdminWords(locale);
  const lang = LOCALE_LANG[locale];
  const urls = toolUrls(origin);
  const registration = currentRegistrationMode();
  const registrationHint = !registration.valid ? words.mode.invalid : words.mode[registration.mode];
  const toolRows: Array<[string, string, string]> = [
    [words.addresses.registration, registrationUrl(origin), registrationHint],
    [words.addresses.login, urls.login, ""],
    [words.addresses.launch, urls.launch, ""],
    [words.addresses.jwks, urls.jwks, words.addresses.jwksHint],
    [words.addresses.deepLinking, urls.deepLinking, words.addresses.deepLinkingHint],
  ];
  const p = words.platforms;
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">{words.title}</h1>
      <p className="mt-2 text-fg-muted">
        {words.intro.before}
        <code className="rounded bg-bg-sunken px-1">npm run lti -- platform add|list|remove</code>
        {words.intro.after}
      </p>

      <Card className="mt-8">
        <h2 className="text-lg font-semibold">{words.addresses.heading}</h2>
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
          <h2 className="text-lg font-semibold">{words.link.heading}</h2>
          <p className="mt-1 text-sm text-fg-muted">{registration.mode === "invite" ? words.link.invite : words.link.open}</p>
          <div className="mt-4">
            <RegistrationLinkForm locale={locale} />
          </div>
        </Card>
      ) : null}

      <h2 className="mt-10 text-xl font-semibold">{p.heading}</h2>
      {platforms.length === 0 ? (
        <Card className="mt-4">
          <p>{p.none}</p>
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
                      {p.registeredBy[platform.registeredVia as keyof typeof p.registeredBy] ?? p.registeredBy.admin} <LocalTime iso={platform.createdAt.toISOString()} lang={lang} />
                    </p>
                  </div>
                  <RemovePlatformButton id={platform.id} name={platform.name} locale={locale} />
                </div>
                <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
                  <dt className="font-medium">{p.issuer}</dt>
                  <dd className="break-all font-mono">{platform.issuer}</dd>
                  <dt className="font-medium">{p.clientId}</dt>
                  <dd className="break-all font-mono">{platform.clientId}</dd>
                  <dt className="font-medium">{p.deployments}</dt>
                  <dd className="break-all font-mono">{platform.deploymentIds.length ? platform.deploymentIds.join(p.listSeparator) : p.noDeployments}</dd>
                  <dt className="font-medium">{p.authUrl}</dt>
                  <dd className="break-all font-mono">{platform.authUrl}</dd>
                  <dt className="font-medium">{p.tokenUrl}</dt>
                  <dd className="break-all font-mono">{platform.tokenUrl}</dd>
                  <dt className="font-medium">{p.jwksUrl}</dt>
                  <dd className="break-all font-mono">{platform.jwksUrl}</dd>
                  <dt className="font-medium">{p.frameOrigins}</dt>
                  <dd className="break-all font-mono">{platform.allFrameOrigins.join(p.listSeparator)}</dd>
                </dl>
              </Card>
            </li>
          ))}
        </ul>
      )}

      <Card className="mt-10">
        <h2 className="text-lg font-semibold">{words.byHand.heading}</h2>
        <p className="mt-1 text-sm text-fg-muted">{words.byHand.intro}</p>
        <div className="mt-4">
          <AddPlatformForm locale={locale} />
        </div>
      </Card>
    </div>
  );
}
