"use client";

import { useActionState, type ComponentProps, type ReactNode } from "react";
import type { ActionState } from "@/lib/classes/action-state";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

/**
 * The outcome of a form: successes in a polite live region that is always in the page (so the
 * change is announced), failures as an alert.
 */
export function FormMessage({ state, className }: { state: ActionState; className?: string }) {
  return (
    <div aria-live="polite" aria-atomic="true" className={className}>
      {state?.message && state.ok ? (
        <p key={state.at} className="rounded-lg border border-success/40 bg-success-soft px-3 py-2 text-sm text-success">
          {state.message}
        </p>
      ) : null}
      {state?.message && !state.ok ? (
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
}: {
  action: FormAction;
  label: ReactNode;
  pendingLabel?: string;
  confirm?: string;
  variant?: ComponentProps<typeof Button>["variant"];
  size?: ComponentProps<typeof Button>["size"];
  className?: string;
  accessibleName?: string;
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
      <Button type="submit" variant={variant} size={size} disabled={pending} aria-label={accessibleName}>
        {pending && pendingLabel ? pendingLabel : label}
      </Button>
      <FormMessage state={state} />
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
