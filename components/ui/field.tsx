import type { ComponentProps } from "react";
import { cn } from "./cn";

type FieldProps = ComponentProps<"input"> & { label: string; name: string; error?: string; hint?: string };

/** A labelled input whose error is tied to it for screen readers. */
export function Field({ label, name, error, hint, id, className, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={cn(
          "h-10 rounded-lg border bg-bg-elevated px-3 text-[0.95rem] text-fg placeholder:text-fg-muted",
          error ? "border-danger" : "border-border",
          className,
        )}
        {...input}
      />
      {hint ? (
        <p id={`${inputId}-hint`} className="text-sm text-fg-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
