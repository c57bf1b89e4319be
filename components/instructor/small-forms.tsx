"use client";

import { useRef, useState } from "react";
import { TEXT_LIMITS } from "@/domain/gradebook/text";
import type { Locale } from "@/domain/locale";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormMessage, lengthHint, LocaleField, RestoredNote, useFormLocale, SelectField, TextAreaField, useKeptForm, type FormAction } from "./form-bits";

export function CoInstructorForm({ action, locale }: { action: FormAction; locale: Locale }) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "co-instructor");
  const words = instructorWords(locale).smallForms;
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-3">
      <LocaleField locale={locale} />
      <RestoredNote show={restored} locale={locale} />
      <Field
        id="co-instructor-email"
        label={words.coInstructorEmail}
        name="email"
        type="email"
        required
        autoComplete="off"
        defaultValue={value("email")}
        error={state?.fieldErrors?.email}
      />
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {words.addCoInstructor}
        </Button>
      </div>
      <FormMessage state={state} locale={locale} />
    </form>
  );
}

export function RosterImportForm({ action, locale }: { action: FormAction; locale: Locale }) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "roster");
  const words = instructorWords(locale).smallForms;
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-3">
      <LocaleField locale={locale} />
      <RestoredNote show={restored} locale={locale} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor="roster-file" className="text-sm font-medium">
          {words.rosterFile}
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
          {words.rosterHint}
        </p>
      </div>
      <TextAreaField
        id="roster-text"
        label={words.rosterText}
        name="text"
        rows={3}
        placeholder="ada@example.com, ben@example.com"
        // A file chosen before the session ended comes back as its text.
        defaultValue={value("text", value("file:text"))}
      />
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? words.rosterSending : words.rosterSubmit}
        </Button>
      </div>
      <FormMessage state={state} locale={locale} />
    </form>
  );
}

type StudentOption = { id: string; label: string };

function StudentSelect({ id, students, error, defaultValue, locale }: { id: string; students: StudentOption[]; error?: string; defaultValue: string; locale: Locale }) {
  const words = instructorWords(locale).smallForms;
  return (
    <SelectField id={id} label={words.student} name="studentId" required defaultValue={defaultValue} error={error}>
      <option value="" disabled>
        {words.chooseStudent}
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
  locale,
}: {
  action: FormAction;
  students: StudentOption[];
  defaultDueAt: string;
  /** The assignment's due date in words: an extension must be later. */
  dueLabel: string;
  timeZone: string;
  locale: Locale;
}) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "extension");
  const words = instructorWords(locale).smallForms;
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <LocaleField locale={locale} />
      <RestoredNote show={restored} className="sm:col-span-3" locale={locale} />
      <StudentSelect id="extension-student" students={students} error={state?.fieldErrors?.studentId} defaultValue={value("studentId")} locale={locale} />
      <Field
        id="extension-due"
        label={words.newDueDate}
        name="dueAt"
        type="datetime-local"
        required
        defaultValue={value("dueAt", defaultDueAt)}
        error={state?.fieldErrors?.dueAt}
        hint={words.extensionHint(dueLabel, timeZone.replaceAll("_", " "))}
      />
      <Button type="submit" disabled={pending} className="sm:mt-7">
        {words.giveExtension}
      </Button>
      <FormMessage state={state} className="sm:col-span-3" locale={locale} />
    </form>
  );
}

export function ExcuseForm({ action, students, locale }: { action: FormAction; students: StudentOption[]; locale: Locale }) {
  const { state, pending, formProps, formKey, value, restored } = useKeptForm(action, "excuse");
  const words = instructorWords(locale).smallForms;
  return (
    <form key={formKey} {...formProps} className="grid grid-cols-1 gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <LocaleField locale={locale} />
      <RestoredNote show={restored} className="sm:col-span-3" locale={locale} />
      <StudentSelect id="excuse-student" students={students} error={state?.fieldErrors?.studentId} defaultValue={value("studentId")} locale={locale} />
      <Field
        id="excuse-note"
        label={words.note}
        name="note"
        maxLength={TEXT_LIMITS.excuseNote}
        defaultValue={value("note")}
        error={state?.fieldErrors?.note}
        hint={lengthHint(TEXT_LIMITS.excuseNote, words.noteHint, locale)}
      />
      <Button type="submit" disabled={pending} className="sm:mt-7">
        {words.excuse}
      </Button>
      <FormMessage state={state} className="sm:col-span-3" locale={locale} />
    </form>
  );
}

/** A read-only value with a copy button that says, for screen readers too, when it copied. */
export function CopyField({ label, value, id, locale }: { label: string; value: string; id: string; locale?: Locale }) {
  const words = instructorWords(useFormLocale(locale)).form;
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
          aria-label={words.copyLabel(label)}
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
          {words.copy}
        </Button>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm text-fg-muted">
        {copied ? words.copied : ""}
      </p>
    </div>
  );
}

/** A button that copies a value (e.g. an invitation's link) and says so. */
export function CopyButton({ value, label, locale }: { value: string; label: string; locale?: Locale }) {
  const words = instructorWords(useFormLocale(locale)).form;
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
        {words.copyLink}
      </Button>
      <span aria-live="polite" className="text-sm text-fg-muted">
        {copied ? words.copied : ""}
      </span>
    </span>
  );
}
