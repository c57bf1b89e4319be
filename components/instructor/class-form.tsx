"use client";

import { useSyncExternalStore } from "react";
import { TEXT_LIMITS } from "@/domain/gradebook/text";
import type { Locale } from "@/domain/locale";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { noSubscription } from "../ui/use-hydrated";
import { FormMessage, lengthHint, LocaleField, RestoredNote, SelectField, useKeptForm, type FormAction } from "./form-bits";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Create a class (time zone defaults to the browser's) or edit its name and zone. */
export function ClassForm({
  action,
  timeZones,
  initial,
  submitLabel,
  idPrefix = "class",
  stacked = false,
  locale,
}: {
  action: FormAction;
  timeZones: string[];
  initial?: { name: string; timeZone: string };
  submitLabel: string;
  idPrefix?: string;
  /** One field per row, for narrow places. */
  stacked?: boolean;
  locale: Locale;
}) {
  const words = instructorWords(locale).classForm;
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, idPrefix);
  const detected = useSyncExternalStore(noSubscription, browserZone, () => "UTC");
  const defaultZone = value("timeZone", initial?.timeZone ?? (timeZones.includes(detected) ? detected : "UTC"));
  return (
    <form key={formKey} {...formProps} className={stacked ? "grid grid-cols-1 gap-4" : "grid grid-cols-1 gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start"}>
      <LocaleField locale={locale} />
      <RestoredNote show={restored} className={stacked ? undefined : "sm:col-span-3"} locale={locale} />
      <Field
        id={`${idPrefix}-name`}
        label={words.name}
        name="name"
        required
        maxLength={TEXT_LIMITS.className}
        defaultValue={value("name", initial?.name)}
        error={state?.fieldErrors?.name}
        hint={lengthHint(TEXT_LIMITS.className, undefined, locale)}
      />
      <SelectField
        id={`${idPrefix}-time-zone`}
        key={defaultZone}
        label={words.timeZone}
        name="timeZone"
        defaultValue={defaultZone}
        error={state?.fieldErrors?.timeZone}
      >
        {timeZones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
      <div className={stacked ? undefined : "sm:mt-7"}>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
      <FormMessage state={state} className={stacked ? undefined : "sm:col-span-3"} locale={locale} />
    </form>
  );
}
