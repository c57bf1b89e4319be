"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/classes/action-state";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormMessage, SelectField, TextAreaField, type FormAction } from "./form-bits";

export type CatalogGroup = { label: string; items: Array<{ value: string; label: string }> };
export type AssignmentDefaults = {
  title: string;
  instructions: string;
  target: string;
  points: number;
  opensAt: string;
  dueAt: string;
  latePolicy: "ACCEPT_WITH_PENALTY" | "CLOSE";
  latePenaltyPercent: number;
};

export function AssignmentForm({
  action,
  catalog,
  defaults,
  timeZone,
  submitLabel,
}: {
  action: FormAction;
  catalog: CatalogGroup[];
  defaults: AssignmentDefaults;
  timeZone: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  const [policy, setPolicy] = useState(defaults.latePolicy);
  const [title, setTitle] = useState(defaults.title);
  const labels = new Map(catalog.flatMap((group) => group.items.map((item) => [item.value, item.label] as const)));
  const errors = state?.fieldErrors ?? {};
  const zoneHint = `In the class's time zone, ${timeZone.replaceAll("_", " ")}.`;
  return (
    <form action={formAction} className="grid grid-cols-1 gap-5">
      <SelectField
        label="What to assign"
        name="target"
        defaultValue={defaults.target}
        required
        error={errors.target}
        // An empty title takes the item's name; a title the instructor typed is kept.
        onChange={(event) => setTitle((current) => current.trim() ? current : (labels.get(event.target.value) ?? ""))}
      >
        <option value="" disabled>
          Choose from the course…
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
      <Field label="Title" name="title" required maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} error={errors.title} />
      <TextAreaField
        label="Instructions"
        name="instructions"
        maxLength={5000}
        defaultValue={defaults.instructions}
        error={errors.instructions}
        hint="Optional. Shown to students with the assignment."
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
        <Field label="Points" name="points" type="number" min={0} max={1000} step={1} required defaultValue={defaults.points} error={errors.points} />
        <Field label="Opens" name="opensAt" type="datetime-local" required defaultValue={defaults.opensAt} error={errors.opensAt} hint={zoneHint} />
        <Field label="Due" name="dueAt" type="datetime-local" required defaultValue={defaults.dueAt} error={errors.dueAt} hint={zoneHint} />
      </div>
      <fieldset className="grid min-w-0 grid-cols-1 gap-3 rounded-lg border border-border p-4">
        <legend className="px-1 text-sm font-medium">Work handed in after the due date</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="latePolicy"
            value="ACCEPT_WITH_PENALTY"
            className="mt-1"
            checked={policy === "ACCEPT_WITH_PENALTY"}
            onChange={() => setPolicy("ACCEPT_WITH_PENALTY")}
          />
          <span>Accept it with a penalty</span>
        </label>
        <div className="ml-6 max-w-48">
          <Field
            label="Late penalty (%)"
            name="latePenaltyPercent"
            type="number"
            min={0}
            max={100}
            step={1}
            defaultValue={defaults.latePenaltyPercent}
            disabled={policy === "CLOSE"}
            error={errors.latePenaltyPercent}
          />
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="latePolicy" value="CLOSE" className="mt-1" checked={policy === "CLOSE"} onChange={() => setPolicy("CLOSE")} />
          <span>Close the assignment: late work does not count</span>
        </label>
        {errors.latePolicy ? <p className="text-sm text-danger">{errors.latePolicy}</p> : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
