"use client";

import { useState } from "react";
import { MAX_POINTS } from "@/domain/gradebook/rules";
import { TEXT_LIMITS } from "@/domain/gradebook/text";
import type { Locale } from "@/domain/locale";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { CheckboxField, FormMessage, lengthHint, LocaleField, RestoredNote, SelectField, TextAreaField, useKeptForm, type FormAction } from "./form-bits";

export type CatalogGroup = { label: string; items: Array<{ value: string; label: string }> };
export type AssignmentDefaults = {
  title: string;
  instructions: string;
  target: string;
  /** Empty for ungraded practice. */
  points: string;
  ungraded: boolean;
  opensAt: string;
  dueAt: string;
  latePolicy: "ACCEPT_WITH_PENALTY" | "CLOSE";
  latePenaltyPercent: string;
  acceptEarlierWork: boolean;
  /** "Review until mastered": the concepts to master. */
  concepts: string[];
};

/** The concepts a "review until mastered" assignment can ask for (domain/quiz/schema.ts CONCEPTS). */
export type ConceptChoice = { id: string; label: string };

/**
 * Create or edit an assignment. Every field keeps what was typed when the server refuses it
 * (the field at fault is marked and focused) or when the session ended (ADR 0403).
 */
export function AssignmentForm(props: {
  action: FormAction;
  catalog: CatalogGroup[];
  concepts: ConceptChoice[];
  defaults: AssignmentDefaults;
  timeZone: string;
  submitLabel: string;
  formId: string;
  locale: Locale;
}) {
  const kept = useKeptForm(props.action, props.formId);
  // Restored values remount the fields with them as defaults.
  return <AssignmentFields key={kept.formKey} {...props} kept={kept} />;
}

function AssignmentFields({
  catalog,
  concepts,
  defaults,
  timeZone,
  submitLabel,
  kept,
  locale,
}: {
  catalog: CatalogGroup[];
  concepts: ConceptChoice[];
  defaults: AssignmentDefaults;
  timeZone: string;
  submitLabel: string;
  kept: ReturnType<typeof useKeptForm>;
  locale: Locale;
}) {
  const words = instructorWords(locale).assignmentForm;
  const { state, pending, formProps, value, checked, restored } = kept;
  const [policy, setPolicy] = useState(value("latePolicy", defaults.latePolicy) as AssignmentDefaults["latePolicy"]);
  const [ungraded, setUngraded] = useState(checked("ungraded", defaults.ungraded));
  const [title, setTitle] = useState(value("title", defaults.title));
  const [target, setTarget] = useState(value("target", defaults.target));
  const labels = new Map(catalog.flatMap((group) => group.items.map((item) => [item.value, item.label] as const)));
  const errors = state?.fieldErrors ?? {};
  const zoneHint = words.zoneHint(timeZone.replaceAll("_", " "));
  return (
    <form {...formProps} className="grid grid-cols-1 gap-5" noValidate>
      <LocaleField locale={locale} />
      <RestoredNote show={restored} locale={locale} />
      <SelectField
        label={words.target}
        name="target"
        defaultValue={value("target", defaults.target)}
        required
        error={errors.target}
        // An empty title takes the item's name; a title the instructor typed is kept.
        onChange={(event) => {
          const picked = event.target.value;
          setTarget(picked);
          setTitle((current) => (current.trim() ? current : (labels.get(picked) ?? "")));
        }}
      >
        <option value="" disabled>
          {words.chooseTarget}
        </option>
        {catalog.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.items.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      {target.startsWith("REVIEW:") ? (
        <fieldset className="grid min-w-0 grid-cols-1 gap-2 rounded-lg border border-border p-4 sm:grid-cols-2" aria-describedby={errors.concepts ? "concepts-error" : "concepts-hint"}>
          <legend className="px-1 text-sm font-medium">{words.concepts}</legend>
          <p id="concepts-hint" className="text-sm text-fg-muted sm:col-span-2">
            {words.conceptsHint}
          </p>
          {concepts.map((concept, index) => (
            <label key={concept.id} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name={`concept-${concept.id}`}
                className="mt-0.5 size-4 shrink-0 accent-(--accent)"
                defaultChecked={checked(`concept-${concept.id}`, defaults.concepts.includes(concept.id))}
                aria-invalid={errors.concepts && index === 0 ? true : undefined}
              />
              <span>{concept.label}</span>
            </label>
          ))}
          {errors.concepts ? (
            <p id="concepts-error" className="text-sm text-danger sm:col-span-2">
              {errors.concepts}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <Field
        label={words.title}
        name="title"
        required
        maxLength={TEXT_LIMITS.assignmentTitle}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={errors.title}
        hint={lengthHint(TEXT_LIMITS.assignmentTitle, undefined, locale)}
      />
      <TextAreaField
        label={words.instructions}
        name="instructions"
        maxLength={TEXT_LIMITS.assignmentInstructions}
        defaultValue={value("instructions", defaults.instructions)}
        error={errors.instructions}
        hint={lengthHint(TEXT_LIMITS.assignmentInstructions, words.instructionsHint, locale)}
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
        <div className="flex flex-col gap-3">
          <Field
            label={words.points}
            name="points"
            type="number"
            min={1}
            max={MAX_POINTS}
            step={1}
            required={!ungraded}
            disabled={ungraded}
            defaultValue={value("points", defaults.points)}
            error={errors.points}
            hint={ungraded ? words.pointsUngraded : words.pointsRange(MAX_POINTS)}
          />
          <CheckboxField
            label={words.ungraded}
            name="ungraded"
            defaultChecked={ungraded}
            onChange={(event) => setUngraded(event.target.checked)}
            error={errors.ungraded}
            hint={words.ungradedHint}
          />
        </div>
        <Field label={words.opens} name="opensAt" type="datetime-local" required defaultValue={value("opensAt", defaults.opensAt)} error={errors.opensAt} hint={zoneHint} />
        <Field label={words.due} name="dueAt" type="datetime-local" required defaultValue={value("dueAt", defaults.dueAt)} error={errors.dueAt} hint={zoneHint} />
      </div>
      <CheckboxField
        label={words.acceptEarlier}
        name="acceptEarlierWork"
        defaultChecked={checked("acceptEarlierWork", defaults.acceptEarlierWork)}
        error={errors.acceptEarlierWork}
        hint={words.acceptEarlierHint}
      />
      <fieldset className="grid min-w-0 grid-cols-1 gap-3 rounded-lg border border-border p-4" aria-describedby={errors.latePolicy ? "late-policy-error" : undefined}>
        <legend className="px-1 text-sm font-medium">{words.lateLegend}</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="latePolicy"
            value="ACCEPT_WITH_PENALTY"
            className="mt-1"
            checked={policy === "ACCEPT_WITH_PENALTY"}
            onChange={() => setPolicy("ACCEPT_WITH_PENALTY")}
          />
          <span>{words.acceptWithPenalty}</span>
        </label>
        <div className="ml-6 max-w-48">
          <Field
            label={words.latePenalty}
            name="latePenaltyPercent"
            type="number"
            min={0}
            max={100}
            step={1}
            defaultValue={value("latePenaltyPercent", defaults.latePenaltyPercent)}
            disabled={policy === "CLOSE"}
            error={errors.latePenaltyPercent}
          />
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="latePolicy" value="CLOSE" className="mt-1" checked={policy === "CLOSE"} onChange={() => setPolicy("CLOSE")} />
          <span>{words.close}</span>
        </label>
        {errors.latePolicy ? (
          <p id="late-policy-error" className="text-sm text-danger">
            {errors.latePolicy}
          </p>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
      <FormMessage state={state} locale={locale} />
    </form>
  );
}
