"use client";

import { useRef } from "react";
import type { CorrectAnswer, PublicQuestion, QuestionResponse, QuizFlag, StateName } from "@/domain/quiz/schema";
import type { QuizWords } from "@/lib/i18n/words/quiz";
import { cn } from "../ui/cn";
import { RichText } from "./rich-text";

/** What the learner has entered so far for one question. */
export type Draft =
  | { type: "single"; optionId: string | null }
  | { type: "multiple"; optionIds: string[] }
  | { type: "flags"; flags: QuizFlag[] }
  | { type: "state"; state: StateName | null }
  | { type: "number"; text: string }
  | { type: "order"; itemIds: string[] }
  | { type: "match"; pairs: Record<string, string> };

export function initialDraft(question: PublicQuestion): Draft {
  switch (question.type) {
    case "single":
      return { type: "single", optionId: null };
    case "multiple":
      return { type: "multiple", optionIds: [] };
    case "flags":
      return { type: "flags", flags: [] };
    case "state":
      return { type: "state", state: null };
    case "number":
      return { type: "number", text: "" };
    case "order":
      return { type: "order", itemIds: question.items.map((item) => item.id) };
    case "match":
      return { type: "match", pairs: {} };
  }
}

/** A response already given (another tab, another device, before a reload) shown as the draft it came from. */
export function responseToDraft(question: PublicQuestion, response: QuestionResponse): Draft {
  if (response.type !== question.type) return initialDraft(question);
  switch (response.type) {
    case "single":
      return { type: "single", optionId: response.optionId };
    case "multiple":
      return { type: "multiple", optionIds: [...response.optionIds] };
    case "flags":
      return { type: "flags", flags: [...response.flags] };
    case "state":
      return { type: "state", state: response.state };
    case "number":
      return { type: "number", text: String(response.value) };
    case "order":
      return { type: "order", itemIds: [...response.itemIds] };
    case "match":
      return { type: "match", pairs: { ...response.pairs } };
  }
}

const MAX_UINT32 = 0xffffffff;

/** A number as typed: digits only (spaces and thin separators allowed), within 32 bits. */
export function parseSequenceNumber(text: string): number | null {
  const digits = text.replace(/[\s_,']/g, "");
  if (!/^\d{1,10}$/.test(digits)) return null;
  const value = Number(digits);
  return value <= MAX_UINT32 ? value : null;
}

/** The response to send, or null while the draft is incomplete. */
export function toResponse(draft: Draft, question: PublicQuestion): QuestionResponse | null {
  switch (draft.type) {
    case "single":
      return draft.optionId ? { type: "single", optionId: draft.optionId } : null;
    case "multiple":
      return { type: "multiple", optionIds: draft.optionIds };
    case "flags":
      return { type: "flags", flags: draft.flags };
    case "state":
      return draft.state ? { type: "state", state: draft.state } : null;
    case "number": {
      const value = parseSequenceNumber(draft.text);
      return value === null ? null : { type: "number", value };
    }
    case "order":
      return { type: "order", itemIds: draft.itemIds };
    case "match": {
      const left = question.type === "match" ? question.left : [];
      return left.every((item) => draft.pairs[item.id]) ? { type: "match", pairs: draft.pairs } : null;
    }
  }
}

type ControlsProps = {
  question: PublicQuestion;
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** Once graded: inputs are read-only and the right answer is marked. */
  answer?: CorrectAnswer;
  promptId: string;
  idPrefix: string;
  /** Announces a change that is not otherwise visible to screen readers (reordering). */
  announce: (message: string) => void;
  words: QuizWords;
};

const optionRow =
  "flex cursor-pointer items-start gap-3 rounded-lg border border-border bg-bg px-3 py-2.5 text-[0.95rem] leading-snug transition-colors hover:bg-bg-sunken has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus has-[:disabled]:cursor-default";

/** After grading: marks the right choice, and the learner's own choice when it was wrong. */
function KeyMark({ isKey, chosen, graded, words }: { isKey: boolean; chosen: boolean; graded: boolean; words: QuizWords }) {
  if (!graded) return null;
  if (isKey) return <span className="ml-auto shrink-0 rounded-full bg-success-soft px-2 font-sans text-xs font-medium text-success">{words.keyMark}</span>;
  if (chosen) return <span className="ml-auto shrink-0 rounded-full bg-warning-soft px-2 font-sans text-xs font-medium text-warning">{words.yourChoice}</span>;
  return null;
}

function ChoiceControls({ question, draft, onChange, answer, promptId, idPrefix, words }: ControlsProps) {
  if (question.type !== "single" && question.type !== "multiple") return null;
  const multiple = question.type === "multiple";
  const selected = draft.type === "single" ? (draft.optionId ? [draft.optionId] : []) : draft.type === "multiple" ? draft.optionIds : [];
  const keyIds = answer?.type === "single" ? [answer.optionId] : answer?.type === "multiple" ? answer.optionIds : [];
  return (
    <fieldset aria-labelledby={promptId} className="grid gap-2">
      {question.options.map((option) => {
        const checked = selected.includes(option.id);
        return (
          <label key={option.id} className={cn(optionRow, checked && "border-accent bg-accent-soft")}>
            <input
              type={multiple ? "checkbox" : "radio"}
              name={`${idPrefix}-choice`}
              value={option.id}
              checked={checked}
              disabled={Boolean(answer)}
              onChange={(event) => {
                if (!multiple) onChange({ type: "single", optionId: option.id });
                else onChange({ type: "multiple", optionIds: event.target.checked ? [...selected, option.id] : selected.filter((id) => id !== option.id) });
              }}
              className="mt-0.5 size-4 shrink-0 accent-(--accent)"
            />
            <span>
              <RichText text={option.text} />
            </span>
            <KeyMark isKey={keyIds.includes(option.id)} chosen={checked} graded={Boolean(answer)} words={words} />
          </label>
        );
      })}
    </fieldset>
  );
}

const FLAG_COLOUR: Record<QuizFlag, string> = {
  SYN: "text-syn",
  ACK: "text-ack",
  FIN: "text-fin",
  RST: "text-rst",
  PSH: "text-fg",
};

function FlagControls({ question, draft, onChange, answer, promptId, idPrefix, words }: ControlsProps) {
  if (question.type !== "flags" || draft.type !== "flags") return null;
  return (
    <fieldset aria-labelledby={promptId} aria-describedby={`${idPrefix}-segment`} className="space-y-3">
      <p id={`${idPrefix}-segment`} className="rounded-lg border border-border bg-bg-sunken px-3 py-2 text-[0.95rem]">
        <span className="font-medium">{words.segment}</span>
        <RichText text={question.segment} />
      </p>
      <div className="flex flex-wrap gap-2">
        {question.flags.map((flag) => {
          const on = draft.flags.includes(flag);
          const expected = answer?.type === "flags" && answer.flags.includes(flag);
          return (
            <label
              key={flag}
              className={cn(
                "relative flex min-w-[4.75rem] cursor-pointer flex-col items-center rounded-lg border-2 px-3 py-2 font-mono text-sm font-bold has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus has-[:disabled]:cursor-default",
                on ? "border-current bg-bg-sunken" : "border-border bg-bg",
                FLAG_COLOUR[flag],
              )}
            >
              <input
                type="checkbox"
                className="sr-only"
                checked={on}
                disabled={Boolean(answer)}
                onChange={(event) => onChange({ type: "flags", flags: event.target.checked ? [...draft.flags, flag] : draft.flags.filter((f) => f !== flag) })}
              />
              <span>{flag}</span>
              <span className="font-sans text-xs font-medium text-fg-muted">{on ? words.bitSet : words.bitClear}</span>
              {answer ? <span className="font-sans text-[0.7rem] font-medium text-fg-muted">{words.shouldBe(expected ? 1 : 0)}</span> : null}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function StateControls({ question, draft, onChange, answer, promptId, idPrefix, words }: ControlsProps) {
  if (question.type !== "state" || draft.type !== "state") return null;
  return (
    <fieldset aria-labelledby={promptId} className="grid gap-2 sm:grid-cols-2">
      {question.choices.map((state) => (
        <label key={state} className={cn(optionRow, "font-mono text-sm", draft.state === state && "border-accent bg-accent-soft")}>
          <input
            type="radio"
            name={`${idPrefix}-state`}
            value={state}
            checked={draft.state === state}
            disabled={Boolean(answer)}
            onChange={() => onChange({ type: "state", state })}
            className="mt-0.5 size-4 shrink-0 accent-(--accent)"
          />
          <span>{state}</span>
          <KeyMark isKey={answer?.type === "state" && answer.state === state} chosen={draft.state === state} graded={Boolean(answer)} words={words} />
        </label>
      ))}
    </fieldset>
  );
}

function NumberControls({ question, draft, onChange, answer, promptId, idPrefix, words }: ControlsProps) {
  if (question.type !== "number" || draft.type !== "number") return null;
  const id = `${idPrefix}-number`;
  const invalid = draft.text.trim() !== "" && parseSequenceNumber(draft.text) === null;
  const label = words.numberLabel(question.field);
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label} {question.numbering === "relative" ? words.relative : ""}
      </label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={draft.text}
        readOnly={Boolean(answer)}
        aria-invalid={invalid || undefined}
        aria-describedby={[promptId, invalid ? `${id}-error` : ""].filter(Boolean).join(" ")}
        onChange={(event) => onChange({ type: "number", text: event.target.value })}
        className={cn("h-11 w-full max-w-xs rounded-lg border bg-bg-elevated px-3 font-mono text-base text-fg", invalid ? "border-danger" : "border-border")}
      />
      {invalid ? (
        <p id={`${id}-error`} className="text-sm text-danger">
          {words.numberInvalid}
        </p>
      ) : null}
    </div>
  );
}

function OrderControls({ question, draft, onChange, answer, promptId, idPrefix, announce, words }: ControlsProps) {
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  if (question.type !== "order" || draft.type !== "order") return null;
  const text = new Map(question.items.map((item) => [item.id, item.text]));
  const ids = draft.itemIds;

  function move(index: number, by: -1 | 1) {
    const target = index + by;
    if (target < 0 || target >= ids.length) return;
    const next = [...ids];
    [next[index], next[target]] = [next[target]!, next[index]!];
    onChange({ type: "order", itemIds: next });
    const id = ids[index]!;
    announce(words.moved(text.get(id) ?? id, target + 1, ids.length));
    // Keep focus on the moved item's button; at either end switch to the one still usable.
    const direction = target === 0 ? "down" : target === ids.length - 1 ? "up" : by === -1 ? "up" : "down";
    requestAnimationFrame(() => buttons.current.get(`${id}-${direction}`)?.focus());
  }

  return (
    <div role="group" aria-labelledby={promptId} aria-describedby={`${idPrefix}-order-help`}>
      <p id={`${idPrefix}-order-help`} className="mb-2 text-sm text-fg-muted">
        {words.orderHelp}
      </p>
      <div role="list" className="grid gap-2">
        {ids.map((id, index) => (
          <div role="listitem" key={id} className="flex items-center gap-2 rounded-lg border border-border bg-bg px-3 py-2">
            <span aria-hidden="true" className="w-5 shrink-0 text-right text-sm font-semibold text-fg-muted">
              {index + 1}.
            </span>
            <span className="min-w-0 flex-1 font-mono text-sm break-words">
              <span className="sr-only">{words.position(index + 1)}</span>
              <RichText text={text.get(id) ?? id} />
            </span>
            {answer?.type === "order" ? (
              <span className="shrink-0 text-xs text-fg-muted">{words.belongsAt(answer.itemIds.indexOf(id) + 1)}</span>
            ) : (
              <span className="flex shrink-0 gap-1">
                {(["up", "down"] as const).map((direction) => (
                  <button
                    key={direction}
                    type="button"
                    ref={(element) => {
                      buttons.current.set(`${id}-${direction}`, element);
                    }}
                    aria-label={words.move(text.get(id) ?? id, direction)}
                    disabled={direction === "up" ? index === 0 : index === ids.length - 1}
                    onClick={() => move(index, direction === "up" ? -1 : 1)}
                    className="inline-flex size-9 items-center justify-center rounded-md border border-border bg-bg-elevated text-fg hover:bg-bg-sunken disabled:opacity-40"
                  >
                    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5">
                      <path d={direction === "up" ? "M6 15l6-6 6 6" : "M6 9l6 6 6-6"} />
                    </svg>
                  </button>
                ))}
              </span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

function MatchControls({ question, draft, onChange, answer, promptId, idPrefix, words }: ControlsProps) {
  if (question.type !== "match" || draft.type !== "match") return null;
  return (
    <div role="group" aria-labelledby={promptId} className="grid gap-3">
      {question.left.map((left) => {
        const id = `${idPrefix}-match-${left.id}`;
        const key = answer?.type === "match" ? answer.pairs[left.id] : undefined;
        return (
          <div key={left.id} className="grid gap-1.5 rounded-lg border border-border bg-bg px-3 py-2.5 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] sm:items-center sm:gap-3">
            <label htmlFor={id} className="font-mono text-sm font-semibold break-words">
              <RichText text={left.text} />
            </label>
            <div>
              <select
                id={id}
                value={draft.pairs[left.id] ?? ""}
                disabled={Boolean(answer)}
                onChange={(event) => onChange({ type: "match", pairs: { ...draft.pairs, [left.id]: event.target.value } })}
                className="h-10 w-full rounded-lg border border-border bg-bg-elevated px-2 text-sm text-fg"
              >
                <option value="">{words.choose}</option>
                {question.right.map((right) => (
                  <option key={right.id} value={right.id}>
                    {right.text}
                  </option>
                ))}
              </select>
              {key && key !== draft.pairs[left.id] ? (
                <p className="mt-1 text-xs text-fg-muted">{words.matchAnswer(question.right.find((r) => r.id === key)?.text ?? "")}</p>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** The input controls for one question of any type. */
export function QuestionControls(props: ControlsProps) {
  switch (props.question.type) {
    case "single":
    case "multiple":
      return <ChoiceControls {...props} />;
    case "flags":
      return <FlagControls {...props} />;
    case "state":
      return <StateControls {...props} />;
    case "number":
      return <NumberControls {...props} />;
    case "order":
      return <OrderControls {...props} />;
    case "match":
      return <MatchControls {...props} />;
  }
}
