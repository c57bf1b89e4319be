"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { Locale } from "@/domain/locale";
import type { ActionResult } from "@/lib/http/action-result";
import { localePath } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormMessage, LocaleField, RestoredNote, useKeptForm, type FormAction } from "./form-bits";

function Joined({ state, locale }: { state: ActionResult | null; locale: Locale }) {
  const words = instructorWords(locale).join.joined;
  return state?.ok ? (
    <p className="text-sm">
      <Link href={localePath(locale, "/dashboard")} className="font-medium text-accent underline-offset-2 hover:underline">
        {words.link}
      </Link>
      {words.after}
    </p>
  ) : null;
}

/** Student side: enter a class code. The code typed survives a refusal and a sign-in round trip. */
export function JoinCodeForm({ action, initialCode = "", locale }: { action: FormAction; initialCode?: string; locale: Locale }) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "join-code");
  const words = instructorWords(locale).join;
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-4">
      <LocaleField locale={locale} />
      <RestoredNote show={restored} locale={locale} />
      <Field
        label={words.code}
        name="code"
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={value("code", initialCode)}
        className="font-mono uppercase tracking-widest"
        hint={words.codeHint}
        error={state && !state.ok ? state.fieldErrors?.code : undefined}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? words.joining : words.submit}
        </Button>
      </div>
      <FormMessage state={state?.ok || state?.sessionEnded ? state : null} locale={locale} />
      <Joined state={state} locale={locale} />
    </form>
  );
}

/** Student side: one button that joins through an invite link or accepts an invitation. */
export function JoinButton({ action, label, locale }: { action: FormAction; label: string; locale: Locale }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4">
      <LocaleField locale={locale} />
      <div>
        <Button type="submit" disabled={pending || Boolean(state?.ok)}>
          {label}
        </Button>
      </div>
      <FormMessage state={state} locale={locale} />
      <Joined state={state} locale={locale} />
    </form>
  );
}
