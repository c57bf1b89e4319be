"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addPlatformAction, removePlatformAction } from "@/lib/lti/admin-actions";
import type { PlatformField } from "@/lib/lti/admin.server";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

const EMPTY: Record<PlatformField, string> = { name: "", issuer: "", clientId: "", deploymentIds: "", authUrl: "", tokenUrl: "", jwksUrl: "", tokenAudience: "", frameOrigins: "" };

const LABELS: Record<PlatformField, { label: string; hint?: string }> = {
  name: { label: "Name", hint: "How the LMS is named to people (defaults to the issuer's host)." },
  issuer: { label: "Issuer", hint: "The LMS's iss, e.g. https://canvas.instructure.com" },
  clientId: { label: "Client id", hint: "The id the LMS gave this tool." },
  deploymentIds: { label: "Deployment ids", hint: "One or more, separated by spaces or commas." },
  authUrl: { label: "Authorization URL", hint: "The LMS's OIDC authentication endpoint." },
  tokenUrl: { label: "Token URL", hint: "The LMS's OAuth 2 token endpoint (grades and rosters)." },
  jwksUrl: { label: "Key set URL", hint: "The LMS's public keys (JWKS)." },
  tokenAudience: { label: "Token audience (optional)", hint: "Only when the LMS names an authorization server other than its token URL." },
  frameOrigins: { label: "Other LMS origins (optional)", hint: "Sites the LMS pages are served from, if not the issuer's, e.g. https://school.instructure.com" },
};

/** Register an LMS by hand: the same rules as `npm run lti -- platform add`. What was typed stays on errors. */
export function AddPlatformForm() {
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<PlatformField, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          const result = await addPlatformAction(values).catch(() => null);
          if (!result) return setMessage({ ok: false, text: "That did not work. Try again." });
          if (result.ok) {
            setErrors({});
            setValues(EMPTY);
            setMessage({ ok: true, text: `${result.created ? "Registered" : "Updated"} ${result.name}.` });
            router.refresh();
            return;
          }
          if ("errors" in result) {
            setErrors(result.errors);
            setMessage({ ok: false, text: "Some fields need attention." });
          } else setMessage({ ok: false, text: result.error === "not-allowed" ? "Only administrators can register platforms." : "That did not work. Try again." });
        });
      }}
    >
      {(Object.keys(EMPTY) as PlatformField[]).map((field) => (
        <Field
          key={field}
          id={`platform-${field}`}
          name={field}
          label={LABELS[field].label}
          hint={LABELS[field].hint}
          error={errors[field]}
          value={values[field]}
          onChange={(event) => setValues((current) => ({ ...current, [field]: event.target.value }))}
          autoComplete="off"
          spellCheck={false}
        />
      ))}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          Register platform
        </Button>
      </div>
      <div aria-live="polite" className="sm:col-span-2">
        {message ? <Alert tone={message.ok ? "success" : "danger"}>{message.text}</Alert> : null}
      </div>
    </form>
  );
}

export function RemovePlatformButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failed, setFailed] = useState(false);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size="sm"
        variant="danger"
        disabled={pending}
        aria-label={`Remove ${name}`}
        onClick={() => {
          if (!window.confirm(`Remove ${name}? Launches from it stop at once; its courses stay as ordinary classes.`)) return;
          start(async () => {
            const result = await removePlatformAction(id).catch(() => ({ ok: false }));
            setFailed(!result.ok);
            router.refresh();
          });
        }}
      >
        Remove
      </Button>
      {failed ? <span role="alert" className="text-sm text-danger">Not removed. Try again.</span> : null}
    </span>
  );
}
