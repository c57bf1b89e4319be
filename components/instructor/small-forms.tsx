"use client";

import { useRef, useState } from "react";
import { TEXT_LIMITS } from "@/domain/gradebook/text";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormMessage, lengthHint, RestoredNote, SelectField, TextAreaField, useKeptForm, type FormAction } from "./form-bits";

export function CoInstructorForm({ action }: { action: FormAction }) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "co-instructor");
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-3">
      <RestoredNote show={restored} />
      <Field
        id="co-instructor-email"
        label="Instructor's email"
        name="email"
        type="email"
        required
        autoComplete="off"
        defaultValue={value("email")}
        error={state?.fieldErrors?.email}
      />
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
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "roster");
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-3">
      <RestoredNote show={restored} />
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
          One email per row, or a column headed “Email”; at most 1,000 rows and 256 KB. Everyone on it gets an invitation and joins once they accept.
        </p>
      </div>
      <TextAreaField
        id="roster-text"
        label="…or paste emails"
        name="text"
        rows={3}
        placeholder="ada@example.com, ben@example.com"
        // A file chosen before the session ended comes back as its text.
        defaultValue={value("text", value("file:text"))}
      />
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Sending invitations…" : "Invite the roster"}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

type StudentOption = { id: string; label: string };

function StudentSelect({ id, students, error, defaultValue }: { id: string; students: StudentOption[]; error?: string; defaultValue: string }) {
  return (
    <SelectField id={id} label="Student" name="studentId" required defaultValue={defaultValue} error={error}>
      <option value="" disabled>
        Choose a student…
      </option>
      {students.map((s) => (
        <option key={s.id} value={s.id}>
          {s.label}
        </option>
      ))}
    </SelectField>
  );
}

export function ExtensionForm({
  action,
  students,
  defaultDueAt,
  dueLabel,
  timeZone,
}: {
  action: FormAction;
  students: StudentOption[];
  defaultDueAt: string;
  /** The assignment's due date in words: an extension must be later. */
  dueLabel: string;
  timeZone: string;
}) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "extension");
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <RestoredNote show={restored} className="sm:col-span-3" />
      <StudentSelect id="extension-student" students={students} error={state?.fieldErrors?.studentId} defaultValue={value("studentId")} />
      <Field
        id="extension-due"
        label="New due date"
        name="dueAt"
        type="datetime-local"
        required
        defaultValue={value("dueAt", defaultDueAt)}
        error={state?.fieldErrors?.dueAt}
        hint={`Later than ${dueLabel}. In ${timeZone.replaceAll("_", " ")}.`}
      />
      <Button type="submit" disabled={pending} className="sm:mt-7">
        Give extension
      </Button>
      <FormMessage state={state} className="sm:col-span-3" />
    </form>
  );
}

export function ExcuseForm({ action, students }: { action: FormAction; students: StudentOption[] }) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "excuse");
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <RestoredNote show={restored} className="sm:col-span-3" />
      <StudentSelect id="excuse-student" students={students} error={state?.fieldErrors?.studentId} defaultValue={value("studentId")} />
      <Field
        id="excuse-note"
        label="Note (optional)"
        name="note"
        maxLength={TEXT_LIMITS.excuseNote}
        defaultValue={value("note")}
        error={state?.fieldErrors?.note}
        hint={lengthHint(TEXT_LIMITS.excuseNote, "Seen by the class's instructors only.")}
      />
      <Button type="submit" disabled={pending} className="sm:mt-7">
        Excuse
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
