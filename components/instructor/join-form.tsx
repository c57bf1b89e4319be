"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormMessage, RestoredNote, useKeptForm, type FormAction } from "./form-bits";

function Joined({ state }: { state: ActionResult | null }) {
  return state?.ok ? (
    <p className="text-sm">
      <Link href="/dashboard" className="font-medium text-accent underline-offset-2 hover:underline">
        Go to your dashboard
      </Link>{" "}
      to see the class&apos;s assignments.
    </p>
  ) : null;
}

/** Student side: enter a class code. The code typed survives a refusal and a sign-in round trip. */
export function JoinCodeForm({ action, initialCode = "" }: { action: FormAction; initialCode?: string }) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "join-code");
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-4">
      <RestoredNote show={restored} />
      <Field
        label="Class code"
        name="code"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={value("code", initialCode)}
        className="font-mono uppercase tracking-widest"
        hint="The code your instructor gave you, e.g. SYNACK42."
        error={state && !state.ok ? state.fieldErrors?.code : undefined}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Joining…" : "Join class"}
        </Button>
      </div>
      <FormMessage state={state?.ok || state?.sessionEnded ? state : null} />
      <Joined state={state} />
    </form>
  );
}

/** Student side: one button that joins through an invite link or accepts an invitation. */
export function JoinButton({ action, label }: { action: FormAction; label: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4">
      <div>
        <Button type="submit" disabled={pending || Boolean(state?.ok)}>
          {label}
        </Button>
      </div>
      <FormMessage state={state} />
      <Joined state={state} />
    </form>
  );
}
