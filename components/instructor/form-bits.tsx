"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type FormEvent,
  type ReactNode,
} from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { accountPagePath } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import type { Locale } from "@/domain/locale";
import { ForgetEndedSession } from "../auth/session-ended";
import { useLocale } from "../layout/use-locale";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

export type FormAction = (state: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** Where a form keeps what was typed while its author signs in again (this tab only). */
const keptKey = (path: string, formId: string) => `syn-to-fin:kept-form:v1:${path}#${formId}`;

function readKept(key: string): Record<string, string> | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    const value: unknown = raw ? JSON.parse(raw) : null;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : null;
  } catch {
    return null;
  }
}

function writeKept(key: string, values: Record<string, string> | null) {
  try {
    if (values) window.sessionStorage.setItem(key, JSON.stringify(values));
    else window.sessionStorage.removeItem(key);
  } catch {
    // Storage unavailable: the values stay in the page until it is left.
  }
}

/** A form's fields as strings; a chosen file is read as text (a roster) so it survives a sign-in too. */
async function formValues(data: FormData): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [name, value] of data.entries()) {
    if (typeof value === "string") values[name] = value;
    else if (value.size > 0 && value.size <= 300_000) values[`${name}:text`] = await value.text();
  }
  return values;
}

/** The page's own address, to come back to after signing in. */
function useReturnTo(): string {
  const pathname = usePathname();
  const [search, setSearch] = useState("");
  useEffect(() => {
    // Read after hydration: the query is not part of the server render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSearch(window.location.search);
  }, []);
  return `${pathname}${search}`;
}

/**
 * A form that never loses what was typed (ADR 0403):
 * - it is sent without the browser's reset, so a refusal leaves every field as it was; the server
 *   also returns the values it got, which the page uses when it renders the form without
 *   JavaScript (progressive enhancement);
 * - the first field at fault gets focus, so keyboard and screen-reader users land on it;
 * - when the session has ended, the values are kept in sessionStorage; after signing in again
 *   (the message links to sign-in and back here) the form comes back filled in, with a note.
 * `value(name, fallback)` and `checked(name, fallback)` give a field's default; `formKey` changes
 * when restored values must replace what the form shows.
 */
export function useKeptForm(action: FormAction, formId: string) {
  const [state, dispatch, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const pathname = usePathname();
  const storageKey = keptKey(pathname, formId);
  const sent = useRef<Record<string, string> | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const [restored, setRestored] = useState<{ values: Record<string, string>; key: number } | null>(null);

  useEffect(() => {
    const kept = readKept(storageKey);
    if (!kept) return;
    writeKept(storageKey, null);
    // Values come back from storage once, after the sign-in round trip.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRestored({ values: kept, key: Date.now() });
  }, [storageKey]);

  useEffect(() => {
    if (state?.sessionEnded && sent.current) writeKept(storageKey, sent.current);
    if (state?.ok) writeKept(storageKey, null);
    if (state && !state.ok && state.fieldErrors && Object.values(state.fieldErrors).some(Boolean)) {
      form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
    }
  }, [state, storageKey]);

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const data = new FormData(event.currentTarget);
      void formValues(data).then((values) => {
        sent.current = values;
        startTransition(() => dispatch(data));
      });
    },
    [dispatch],
  );

  const values = restored?.values ?? (state && !state.ok ? state.values : undefined) ?? null;
  return {
    state,
    pending,
    restored: Boolean(restored),
    formKey: restored?.key ?? 0,
    formProps: { ref: form, action: dispatch, onSubmit },
    value: (name: string, fallback: string | number | undefined = "") => values?.[name] ?? values?.[`${name}:text`] ?? String(fallback ?? ""),
    checked: (name: string, fallback: boolean) => (values ? values[name] === "on" || values[name] === "true" : fallback),
  };
}

/**
 * The language the form speaks and asks its Server Action to answer in: the page's, unless given.
 * Forms post it as the hidden field `locale`.
 */
export function useFormLocale(locale?: Locale): Locale {
  const fromRoute = useLocale();
  return locale ?? fromRoute;
}

/** The hidden `locale` field every form posts, so the action answers in the page's language. */
export function LocaleField({ locale }: { locale?: Locale }) {
  return <input type="hidden" name="locale" value={useFormLocale(locale)} />;
}

/** The note shown when a form came back filled in after signing in again. */
export function RestoredNote({ show, className, locale }: { show: boolean; className?: string; locale?: Locale }) {
  const words = instructorWords(useFormLocale(locale)).form;
  if (!show) return null;
  return (
    <p role="status" className={cn("rounded-lg border border-accent/40 bg-accent-soft px-3 py-2 text-sm", className)}>
      {words.restored}
    </p>
  );
}

/** "Your session ended. Sign in again": a link to sign in (in the page's language) that returns to this page. */
export function SessionEnded({ className, locale }: { className?: string; locale?: Locale }) {
  const returnTo = useReturnTo();
  const language = useFormLocale(locale);
  const words = instructorWords(language).form.sessionEnded;
  return (
    <p role="alert" className={cn("rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger", className)}>
      {words.before}
      <Link href={accountPagePath(language, "/signin", returnTo)} className="font-medium underline underline-offset-2">
        {words.link}
      </Link>
      {words.after}
      <ForgetEndedSession />
    </p>
  );
}

/**
 * The outcome of a form: successes in a polite live region that is always in the page (so the
 * change is announced), failures as an alert, an ended session with a way to sign in again.
 */
export function FormMessage({ state, className, locale }: { state: ActionResult | null; className?: string; locale?: Locale }) {
  return (
    <div aria-live="polite" aria-atomic="true" className={className}>
      {state?.message && state.ok ? (
        <p key={state.at} className="rounded-lg border border-success/40 bg-success-soft px-3 py-2 text-sm text-success">
          {state.message}
        </p>
      ) : null}
      {state?.sessionEnded ? <SessionEnded key={state.at} locale={locale} /> : null}
      {state?.message && !state.ok && !state.sessionEnded ? (
        <p key={state.at} role="alert" className="rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

/** A one-button form for a bound Server Action (regenerate, remove, archive…), with an optional confirmation. */
export function ActionButton({
  action,
  label,
  pendingLabel,
  confirm,
  variant = "secondary",
  size = "sm",
  className,
  accessibleName,
  locale,
}: {
  action: FormAction;
  label: ReactNode;
  pendingLabel?: string;
  confirm?: string;
  variant?: ComponentProps<typeof Button>["variant"];
  size?: ComponentProps<typeof Button>["size"];
  className?: string;
  accessibleName?: string;
  /** The page's language by default. */
  locale?: Locale;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className={cn("inline-flex flex-col gap-2", className)}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <LocaleField locale={locale} />
      <Button type="submit" variant={variant} size={size} disabled={pending} aria-label={accessibleName}>
        {pending && pendingLabel ? pendingLabel : label}
      </Button>
      <FormMessage state={state} locale={locale} />
    </form>
  );
}

const control = "rounded-lg border bg-bg-elevated px-3 text-[0.95rem] text-fg";

type Described = { label: string; name: string; error?: string; hint?: string; id?: string };

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-fg-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function SelectField({ label, name, error, hint, id, className, children, ...select }: Described & ComponentProps<"select">) {
  const selectId = id ?? `field-${name}`;
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={selectId} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(selectId, hint, error)}
        className={cn(control, "h-10 w-full min-w-0", error ? "border-danger" : "border-border", className)}
        {...select}
      >
        {children}
      </select>
      <HintAndError id={selectId} hint={hint} error={error} />
    </div>
  );
}

export function TextAreaField({ label, name, error, hint, id, className, ...area }: Described & ComponentProps<"textarea">) {
  const areaId = id ?? `field-${name}`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={areaId} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={areaId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(areaId, hint, error)}
        className={cn(control, "min-h-24 py-2", error ? "border-danger" : "border-border", className)}
        {...area}
      />
      <HintAndError id={areaId} hint={hint} error={error} />
    </div>
  );
}

/** A labelled checkbox with an optional hint, its error tied to it. */
export function CheckboxField({ label, name, error, hint, id, ...input }: Described & Omit<ComponentProps<"input">, "type">) {
  const boxId = id ?? `field-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={boxId} className="flex items-start gap-2 text-sm font-medium">
        <input
          id={boxId}
          name={name}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(boxId, hint, error)}
          className="mt-0.5 size-4 shrink-0 accent-(--accent)"
          {...input}
        />
        <span>{label}</span>
      </label>
      <div className="ml-6">
        <HintAndError id={boxId} hint={hint} error={error} />
      </div>
    </div>
  );
}

/** "At most 200 characters.": the bound every free-text field shows (checked again on the server). */
export function lengthHint(max: number, before?: string, locale: Locale = "en"): string {
  return instructorWords(locale).form.lengthHint(max, before);
}
