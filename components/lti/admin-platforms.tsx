"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addPlatformAction, issueRegistrationLinkAction, removePlatformAction } from "@/lib/lti/admin-actions";
import { LOCALE_LANG, type Locale } from "@/domain/locale";
import { ltiAdminWords } from "@/lib/i18n/words/lti-admin";
import type { PlatformField } from "@/lib/lti/admin.server";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { CopyField } from "../instructor/small-forms";
import { LocalTime } from "../ui/local-time";

const EMPTY: Record<PlatformField, string> = { name: "", issuer: "", clientId: "", deploymentIds: "", authUrl: "", tokenUrl: "", jwksUrl: "", tokenAudience: "", frameOrigins: "" };

/** Register an LMS by hand: the same rules as `npm run lti -- platform add`. What was typed stays on errors. */
export function AddPlatformForm({ locale }: { locale: Locale }) {
  const words = ltiAdminWords(locale).byHand;
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await addPlatformAction(values, locale).catch(() => null);
          if (!result) return setMessage({ ok: false, text: words.failed });
          setErrors(result.ok ? {} : (result.fieldErrors ?? {}));
          setMessage({ ok: result.ok, text: result.message ?? (result.ok ? "" : words.failed) });
          if (result.ok) {
            setValues(EMPTY);
            router.refresh();
          }
        });
      }}
    >
      {(Object.keys(EMPTY) as PlatformField[]).map((field) => (
        <Field
          key={field}
          id={`platform-${field}`}
          name={field}
          label={words.fields[field].label}
          hint={words.fields[field].hint}
          error={errors[field]}
          value={values[field]}
          onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
          autoComplete="off"
          spellCheck={false}
        />
      ))}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {words.submit}
        </Button>
      </div>
      <div aria-live="polite" className="sm:col-span-2">
        {message ? <Alert tone={message.ok ? "success" : "danger"}>{message.text}</Alert> : null}
      </div>
    </form>
  );
}

export function RemovePlatformButton({ id, name, locale }: { id: string; name: string; locale: Locale }) {
  const words = ltiAdminWords(locale).platforms;
  const router = useRouter();
  const [pending, start] = useTransition();
  const [refusal, setRefusal] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size="sm"
        variant="danger"
        disabled={pending}
        aria-label={words.removeLabel(name)}
        onClick={() => {
          if (!window.confirm(words.confirmRemove(name))) return;
          start(async () => {
            const result = await removePlatformAction(id, locale).catch(() => null);
            setRefusal(result?.ok ? null : (result?.message ?? words.notRemoved));
            router.refresh();
          });
        }}
      >
        {words.remove}
      </Button>
      {refusal ? (
        <span role="alert" className="text-sm text-danger">
          {refusal}
        </span>
      ) : null}
    </span>
  );
}

const LINK_LIFETIMES = ["1h", "24h", "7d"] as const;

/**
 * Issues a one-time Dynamic Registration link (LTI_DYNAMIC_REGISTRATION=invite). The link is
 * shown here once: the server keeps only its hash.
 */
export function RegistrationLinkForm({ locale }: { locale: Locale }) {
  const words = ltiAdminWords(locale).link;
  const [lifetime, setLifetime] = useState<(typeof LINK_LIFETIMES)[number]>("24h");
  const [issued, setIssued] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await issueRegistrationLinkAction(lifetime, locale).catch(() => null);
          if (result?.ok) {
            setIssued({ url: result.url, expiresAt: result.expiresAt });
            setError(null);
            return;
          }
          setError(result?.message ?? words.failed);
        });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="registration-link-lifetime" className="text-sm font-medium">
            {words.validFor}
          </label>
          <select
            id="registration-link-lifetime"
            value={lifetime}
            onChange={(event) => setLifetime(event.target.value as typeof lifetime)}
            className="h-10 rounded-lg border border-border bg-bg-elevated px-3 text-[0.95rem] text-fg"
          >
            {LINK_LIFETIMES.map((option) => (
              <option key={option} value={option}>
                {words.lifetimes[option]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={pending}>
          {words.create}
        </Button>
      </div>
      <div aria-live="polite">
        {issued ? (
          <div className="grid gap-2">
            <CopyField id="registration-link" label={words.label} value={issued.url} locale={locale} />
            <p className="text-sm text-fg-muted">
              {words.pasteBefore}
              <LocalTime iso={issued.expiresAt} lang={LOCALE_LANG[locale]} />
              {words.pasteAfter}
            </p>
          </div>
        ) : null}
        {error ? <Alert tone="danger">{error}</Alert> : null}
      </div>
    </form>
  );
}
