"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { answerDeepLinkAction, cancelDeepLinkAction } from "@/lib/lti/actions";
import { actionWords } from "@/lib/i18n/words/actions";
import { ltiWords } from "@/lib/i18n/words/lti";
import type { PickerItem, PickerView } from "@/lib/lti/deep-linking.server";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import type { Locale } from "@/domain/locale";

type Pick = { title: string; points: string };
type ItemErrors = Partial<Record<"target" | "title" | "points", string>>;
type Returning = { returnUrl: string; jwt: string };

const DEFAULT_POINTS = "10";

/**
 * The instructor's deep-linking picker: choose lessons, quizzes and challenges, give each a title
 * and points, then the signed answer is posted to the LMS. What was typed stays on the page when
 * the server finds a mistake.
 */
export function DeepLinkPicker({ view, locale }: { view: PickerView; locale: Locale }) {
  const words = ltiWords(locale).picker;
  const [picks, setPicks] = useState<Map<string, Pick>>(new Map());
  const [dueAt, setDueAt] = useState("");
  const [errors, setErrors] = useState<{ items: Record<string, ItemErrors>; form?: string; dueAt?: string }>({ items: {} });
  const [returning, setReturning] = useState<Returning | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const dueId = useId();

  const picker = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (returning) form.current?.submit();
  }, [returning]);

  // A keyboard or screen reader user lands on the first field the server refused (a form-wide error is an alert).
  useEffect(() => {
    picker.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  const groups: Array<{ label: string; items: PickerItem[] }> = [
    { label: words.lessons, items: view.items.filter((i) => i.type === "LESSON") },
    { label: words.quizzes, items: view.items.filter((i) => i.type === "QUIZ") },
    { label: words.challenges, items: view.items.filter((i) => i.type === "CHALLENGE") },
  ].filter((g) => g.items.length);

  function toggle(item: PickerItem, checked: boolean) {
    setPicks((current) => {
      const next = view.acceptMultiple ? new Map(current) : new Map<string, Pick>();
      if (checked) next.set(item.value, current.get(item.value) ?? { title: item.title, points: DEFAULT_POINTS });
      else next.delete(item.value);
      return next;
    });
  }

  function update(value: string, field: keyof Pick, text: string) {
    setPicks((current) => {
      const next = new Map(current);
      const pick = next.get(value);
      if (pick) next.set(value, { ...pick, [field]: text });
      return next;
    });
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const entries = [...picks.entries()];
    start(async () => {
      const result = await answerDeepLinkAction(
        {
          requestId: view.requestId,
          items: entries.map(([target, pick]) => ({ target, title: pick.title, points: pick.points })),
          ...(dueAt ? { dueAt } : {}),
        },
        locale,
      ).catch(() => null);
      if (!result) return setErrors({ items: {}, form: ltiWords(locale).sync.failed });
      if (result.ok) return setReturning({ returnUrl: result.returnUrl, jwt: result.jwt });
      // A pick the server refused: its field errors come back as `items.<index>.<field>`.
      if (result.refusal !== "invalid") return setRefused(result.message ?? ltiWords(locale).sync.failed);
      const fieldErrors = result.fieldErrors ?? {};
      const itemErrors = (index: number): ItemErrors =>
        Object.fromEntries((["target", "title", "points"] as const).flatMap((field) => (fieldErrors[`items.${index}.${field}`] ? [[field, fieldErrors[`items.${index}.${field}`]]] : [])));
      const items = Object.fromEntries(entries.map(([target], index) => [target, itemErrors(index)]));
      // The generic "check the fields" stays unsaid: each refused field says what is wrong.
      setErrors({ items, form: result.message === actionWords(locale).checkFields ? undefined : result.message, dueAt: fieldErrors.dueAt });
    });
  }

  function cancel() {
    start(async () => {
      const result = await cancelDeepLinkAction(view.requestId, locale).catch(() => null);
      if (!result) return setErrors({ items: {}, form: ltiWords(locale).sync.failed });
      if (result.ok) setReturning({ returnUrl: result.returnUrl, jwt: result.jwt });
      else setRefused(result.message ?? ltiWords(locale).sync.failed);
    });
  }

  if (refused) return <Alert tone="danger">{refused}</Alert>;
  if (returning) {
    return (
      <form ref={form} method="post" action={returning.returnUrl}>
        <input type="hidden" name="JWT" value={returning.jwt} />
        <p role="status" className="mb-3">
          {words.returning}
        </p>
        <Button type="submit">{words.continueToLms}</Button>
      </form>
    );
  }
  if (!view.acceptsResourceLinks) return <Alert tone="warning">{words.noLinks}</Alert>;

  const inputType = view.acceptMultiple ? "checkbox" : "radio";
  return (
    <form ref={picker} onSubmit={submit} noValidate>
      {!view.acceptMultiple ? <p className="mb-3 text-sm text-fg-muted">{words.pickOne}</p> : null}
      {errors.form ? (
        <Alert tone="danger" className="mb-4">
          {errors.form}
        </Alert>
      ) : null}
      {groups.map((group) => (
        <fieldset key={group.label} className="mb-6">
          <legend className="mb-2 text-lg font-semibold">{group.label}</legend>
          <ul className="space-y-2">
            {group.items.map((item) => {
              const pick = picks.get(item.value);
              const itemErrors = errors.items[item.value] ?? {};
              const base = `pick-${item.value.replace(/[^A-Za-z0-9-]/g, "-")}`;
              return (
                <li key={item.value} className={cn("rounded-lg border p-3", pick ? "border-accent bg-accent-soft/40" : "border-border")}>
                  <label className="flex items-start gap-3">
                    <input
                      type={inputType}
                      name="pick"
                      value={item.value}
                      checked={Boolean(pick)}
                      onChange={(event) => toggle(item, event.target.checked)}
                      aria-invalid={itemErrors.target ? true : undefined}
                      aria-describedby={itemErrors.target ? `${base}-target-error` : undefined}
                      className="mt-1 size-4 shrink-0"
                    />
                    <span>
                      <span className="font-medium">{item.title}</span>
                      {item.lesson && item.lesson !== item.title ? <span className="block text-sm text-fg-muted">{words.inLesson(item.lesson)}</span> : null}
                    </span>
                  </label>
                  {itemErrors.target ? (
                    <p id={`${base}-target-error`} className="mt-1 text-sm text-danger">
                      {itemErrors.target}
                    </p>
                  ) : null}
                  {pick ? (
                    <div className="mt-3 grid gap-3 sm:grid-cols-[1fr_8rem]">
                      <div className="flex flex-col gap-1">
                        <label htmlFor={`${base}-title`} className="text-sm font-medium">
                          {words.titleLabel}
                        </label>
                        <input
                          id={`${base}-title`}
                          value={pick.title}
                          onChange={(event) => update(item.value, "title", event.target.value)}
                          aria-invalid={itemErrors.title ? true : undefined}
                          aria-describedby={itemErrors.title ? `${base}-title-error` : undefined}
                          className="h-10 rounded-lg border border-border bg-bg-elevated px-3"
                        />
                        {itemErrors.title ? (
                          <p id={`${base}-title-error`} className="text-sm text-danger">
                            {itemErrors.title}
                          </p>
                        ) : null}
                      </div>
                      <div className="flex flex-col gap-1">
                        <label htmlFor={`${base}-points`} className="text-sm font-medium">
                          {words.pointsLabel}
                        </label>
                        <input
                          id={`${base}-points`}
                          inputMode="numeric"
                          value={pick.points}
                          onChange={(event) => update(item.value, "points", event.target.value)}
                          aria-invalid={itemErrors.points ? true : undefined}
                          aria-describedby={itemErrors.points ? `${base}-points-error` : undefined}
                          className="h-10 rounded-lg border border-border bg-bg-elevated px-3"
                        />
                        {itemErrors.points ? (
                          <p id={`${base}-points-error`} className="text-sm text-danger">
                            {itemErrors.points}
                          </p>
                        ) : null}
                      </div>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      <div className="mb-6 flex max-w-sm flex-col gap-1">
        <label htmlFor={dueId} className="text-sm font-medium">
          {words.dueLabel(view.timeZone)}
        </label>
        <input
          id={dueId}
          type="datetime-local"
          value={dueAt}
          onChange={(event) => setDueAt(event.target.value)}
          aria-invalid={errors.dueAt ? true : undefined}
          aria-describedby={`${dueId}-help${errors.dueAt ? ` ${dueId}-error` : ""}`}
          className="h-10 rounded-lg border border-border bg-bg-elevated px-3"
        />
        <p id={`${dueId}-help`} className="text-sm text-fg-muted">
          {words.dueHelp}
        </p>
        {errors.dueAt ? (
          <p id={`${dueId}-error`} className="text-sm text-danger">
            {errors.dueAt}
          </p>
        ) : null}
      </div>
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-border bg-bg py-3">
        <Button type="submit" disabled={pending || picks.size === 0}>
          {words.submit(picks.size)}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={cancel}>
          {words.cancel}
        </Button>
        <span className="text-sm text-fg-muted" aria-live="polite">
          {words.selected(picks.size)}
        </span>
      </div>
    </form>
  );
}
