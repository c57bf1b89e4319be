"use client";

import { useActionState, useRef, useState } from "react";
import type { ActionState } from "@/lib/classes/action-state";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormMessage, SelectField, TextAreaField, type FormAction } from "./form-bits";

function useForm(action: FormAction) {
  return useActionState<ActionState, FormData>(action, null);
}

export function CoInstructorForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useForm(action);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-3">
      <Field id="co-instructor-email" label="Instructor's email" name="email" type="email" required autoComplete="off" error={state?.fieldErrors?.email} />
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          Add co-instructor
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RosterImportForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useForm(action);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-3">
      <div className="flex flex-col gap-1.5">
        <label htmlFor="roster-file" className="text-sm font-medium">
          Roster file (CSV)
        </label>
        <input
          id="roster-file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby="roster-file-hint"
          className="text-sm file:mr-3 file:rounded-lg file:border file:border-border file:bg-bg-sunken file:px-3 file:py-1.5 file:text-fg"
        />
        <p id="roster-file-hint" className="text-sm text-fg-muted">
          One email per row, or a column headed “Email”. People with an account are enrolled; everyone else is invited.
        </p>
      </div>
      <TextAreaField id="roster-text" label="…or paste emails" name="text" rows={3} placeholder="ada@example.com, ben@example.com" />
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Importing…" : "Import roster"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function ExtensionForm({
  action,
  students,
  defaultDueAt,
  timeZone,
}: {
  action: FormAction;
  students: Array<{ id: string; label: string }>;
  defaultDueAt: string;
  timeZone: string;
}) {
  const [state, formAction, pending] = useForm(action);
  return (
    <form action={formAction} className="grid grid-cols-1 gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <SelectField id="extension-student" label="Student" name="studentId" required defaultValue="" error={state?.fieldErrors?.studentId}>
        <option value="" disabled>
          Choose a student…
        </option>
        {students.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <Field
        id="extension-due"
        label="New due date"
        name="dueAt"
        type="datetime-local"
        required
        defaultValue={defaultDueAt}
        error={state?.fieldErrors?.dueAt}
        hint={`In ${timeZone.replaceAll("_", " ")}.`}
      />
      <Button type="submit" disabled={pending} className="sm:mt-7">
        Give extension
      </Button>
      <FormMessage state={state} className="sm:col-span-3" />
    </form>
  );
}

/** A read-only value with a copy button that says, for screen readers too, when it copied. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="h-10 min-w-0 flex-1 rounded-lg border border-border bg-bg-sunken px-3 font-mono text-sm"
        />
        <Button
          variant="secondary"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
            } catch {
              input.current?.select();
            }
            setCopied(true);
            setTimeout(() => setCopied(false), 2500);
          }}
        >
          Copy
        </Button>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm text-fg-muted">
        {copied ? "Copied." : ""}
      </p>
    </div>
  );
}

/** A button that copies a value (e.g. an invitation's link) and says so. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="ghost"
        size="sm"
        aria-label={label}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 2500);
          } catch {
            window.prompt(label, value);
          }
        }}
      >
        Copy link
      </Button>
      <span aria-live="polite" className="text-sm text-fg-muted">
        {copied ? "Copied." : ""}
      </span>
    </span>
  );
}
