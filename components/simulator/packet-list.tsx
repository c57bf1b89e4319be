"use client";

import { memo, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import type { SegmentKind } from "@/domain/simulator/format";
import { simulatorWords, type SimulatorWords } from "@/lib/i18n/words/simulator";
import { useViewLocale } from "./locale";

export interface PacketRow {
  id: number;
  /** What the No. column shows (segment number or capture frame). */
  no: number;
  time: string;
  direction: string;
  /** The sender, for the short direction a phone shows ("C→S"). */
  from?: "client" | "server";
  flagHex: string;
  flagString: string;
  flagNames: string;
  seq: number;
  ack: number | null;
  len: number;
  kind: SegmentKind;
  retransmission: boolean;
  /** Advertised window, when the list shows a Win column. */
  win?: number;
  /** Why a segment without new data was sent (keep-alive probe, window probe, window update). */
  purpose?: string;
}

/** Status that changes as the learner steps (segments themselves do not). */
export type PacketStatus = "delivered" | "in-flight" | "lost" | null;

const ROW_HEIGHT = 32;
const OVERSCAN = 6;

/** Lesson prose styles every table cell; these cells opt out. */
const CELL = "!border-0 !py-0 !px-2 max-sm:!px-1.5 !align-middle";

const KIND_TEXT: Record<SegmentKind, string> = { syn: "text-syn", fin: "text-fin", rst: "text-rst", ack: "text-ack" };

const Row = memo(function Row({
  row,
  index,
  status,
  selected,
  focusable,
  onSelect,
  words,
  windowColumn,
}: {
  row: PacketRow;
  index: number;
  status: PacketStatus;
  selected: boolean;
  focusable: boolean;
  onSelect: (id: number) => void;
  /** The component's language's words (one object per language, so memo still holds). */
  words: SimulatorWords;
  windowColumn: boolean;
}) {
  const notes = [
    row.retransmission ? words.notes.retransmission : null,
    row.purpose !== undefined ? words.notes[row.purpose] : null,
    row.win === 0 && row.kind !== "rst" ? words.notes["zero window"] : null,
    status === "lost" || status === "in-flight" ? words.notes[status] : null,
  ]
    .filter(Boolean)
    .join(words.notesSeparator);
  return (
    <tr
      aria-rowindex={index + 2}
      className={cn(
        "border-b border-border font-mono text-xs",
        selected ? "bg-accent-soft" : "hover:bg-bg-sunken",
        status === "lost" && "text-fg-muted line-through decoration-rst/60",
      )}
      style={{ height: ROW_HEIGHT }}
      onClick={() => onSelect(row.id)}
    >
      <td className={`${CELL}`}>
        <button
          type="button"
          data-row={row.id}
          tabIndex={focusable ? 0 : -1}
          aria-pressed={selected}
          aria-label={words.segment(row.no)}
          onClick={(event) => {
            event.stopPropagation();
            onSelect(row.id);
          }}
          className="rounded px-1 font-semibold underline-offset-2 hover:underline"
        >
          {row.no}
        </button>
      </td>
      <td className={`${CELL} tabular-nums max-sm:hidden`}>{row.time}</td>
      <td className={`${CELL} whitespace-nowrap`}>
        {row.from === undefined ? (
          row.direction
        ) : (
          <>
            <span className="max-sm:sr-only">{row.direction}</span>
            <span aria-hidden="true" className="sm:hidden">
              {words.directionShort(row.from)}
            </span>
          </>
        )}
      </td>
      <td className={`${CELL} whitespace-nowrap`}>
        <span className={cn("font-semibold", KIND_TEXT[row.kind])}>{row.flagNames}</span>{" "}
        <span className="text-fg-muted max-sm:hidden">
          {row.flagHex} {row.flagString}
        </span>
      </td>
      <td className={`${CELL} !text-right tabular-nums`}>{row.seq}</td>
      <td className={`${CELL} !text-right tabular-nums`}>{row.ack ?? ""}</td>
      <td className={`${CELL} !text-right tabular-nums`}>{row.len}</td>
      {windowColumn ? <td className={`${CELL} !text-right tabular-nums`}>{row.win ?? ""}</td> : null}
      <td className={`${CELL} whitespace-nowrap font-sans text-fg-muted`}>{notes}</td>
    </tr>
  );
});

Row.displayName = "PacketRow";

/**
 * A Wireshark-like packet list. Only the rows on screen are rendered (the list may hold
 * thousands), and the selected row's button is the single tab stop; arrow keys move the
 * selection.
 */
export function PacketList({
  rows,
  count,
  statusOf,
  selected,
  onSelect,
  height = 240,
  caption,
  follow = true,
  windowColumn = false,
}: {
  rows: readonly PacketRow[];
  /** Rows shown: the first `count` of `rows`. */
  count: number;
  statusOf: (id: number) => PacketStatus;
  selected: number | null;
  onSelect: (id: number) => void;
  height?: number;
  caption: string;
  /** Scroll to the newest row as rows are added, unless the reader scrolled up. */
  follow?: boolean;
  /** Show each segment's advertised window. */
  windowColumn?: boolean;
}) {
  const words = simulatorWords(useViewLocale());
  const columns = words.columns;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const atBottom = useRef(true);
  const focusAfterSelect = useRef(false);
  const bodyHeight = height - ROW_HEIGHT;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + bodyHeight) / ROW_HEIGHT) + OVERSCAN);
  const selectedIndex = selected === null ? -1 : rows.findIndex((row) => row.id === selected);
  const tabIndexRow = selectedIndex >= 0 && selectedIndex < count ? selectedIndex : first < count ? first : -1;

  useEffect(() => {
    const element = scroller.current;
    if (element === null || !follow || !atBottom.current) return;
    element.scrollTop = Math.max(0, count * ROW_HEIGHT - bodyHeight);
  }, [count, follow, bodyHeight]);

  useEffect(() => {
    const element = scroller.current;
    if (element === null || selectedIndex < 0) return;
    const rowTop = selectedIndex * ROW_HEIGHT;
    if (rowTop < element.scrollTop) element.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > element.scrollTop + bodyHeight) element.scrollTop = rowTop + ROW_HEIGHT - bodyHeight;
    if (focusAfterSelect.current) {
      focusAfterSelect.current = false;
      // The row may only now be rendered.
      requestAnimationFrame(() => element.querySelector<HTMLButtonElement>(`button[data-row="${selected}"]`)?.focus());
    }
  }, [selectedIndex, selected, bodyHeight]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (count === 0) return;
    const current = selectedIndex >= 0 ? selectedIndex : tabIndexRow;
    const target =
      event.key === "ArrowDown"
        ? Math.min(count - 1, current + 1)
        : event.key === "ArrowUp"
          ? Math.max(0, current - 1)
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? count - 1
              : event.key === "PageDown"
                ? Math.min(count - 1, current + Math.floor(bodyHeight / ROW_HEIGHT))
                : event.key === "PageUp"
                  ? Math.max(0, current - Math.floor(bodyHeight / ROW_HEIGHT))
                  : null;
    if (target === null) return;
    event.preventDefault();
    const row = rows[target];
    if (row === undefined) return;
    focusAfterSelect.current = true;
    onSelect(row.id);
  };

  const visible = rows.slice(first, last);
  const columnCount = windowColumn ? 9 : 8;
  return (
    <div
      ref={scroller}
      tabIndex={count === 0 ? 0 : undefined}
      className="overflow-auto rounded-lg border border-border bg-bg-elevated"
      style={{ height }}
      onScroll={(event) => {
        const element = event.currentTarget;
        setScrollTop(element.scrollTop);
        atBottom.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
      }}
    >
      {/* On a phone the list is condensed (no time column, flag names only, "C→S") so Seq, Ack and Len fit without scrolling sideways. */}
      <table className="![display:table] w-full border-collapse text-left sm:min-w-[640px]" aria-rowcount={count + 1}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-bg-sunken text-xs">
          <tr aria-rowindex={1} style={{ height: ROW_HEIGHT }}>
            <th scope="col" className={`${CELL} whitespace-nowrap font-semibold`}>{columns.no}</th>
            <th scope="col" className={`${CELL} whitespace-nowrap font-semibold max-sm:hidden`}>{columns.time}</th>
            <th scope="col" className={`${CELL} whitespace-nowrap font-semibold`}>
              <span className="max-sm:sr-only">{columns.direction}</span>
              <span aria-hidden="true" className="sm:hidden">
                {columns.directionShort}
              </span>
            </th>
            <th scope="col" className={`${CELL} whitespace-nowrap font-semibold`}>{columns.flags}</th>
            <th scope="col" className={`${CELL} !text-right font-semibold`}>{columns.seq}</th>
            <th scope="col" className={`${CELL} !text-right font-semibold`}>{columns.ack}</th>
            <th scope="col" className={`${CELL} !text-right font-semibold`}>{columns.len}</th>
            {windowColumn ? <th scope="col" className={`${CELL} !text-right font-semibold`}>{columns.win}</th> : null}
            <th scope="col" className={`${CELL} whitespace-nowrap font-semibold`}>{columns.notes}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {first > 0 ? (
            <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }}>
              <td colSpan={columnCount} className="!border-0 !p-0" />
            </tr>
          ) : null}
          {visible.map((row, offset) => (
            <Row
              key={row.id}
              row={row}
              index={first + offset}
              status={statusOf(row.id)}
              selected={row.id === selected}
              focusable={first + offset === tabIndexRow}
              onSelect={onSelect}
              words={words}
              windowColumn={windowColumn}
            />
          ))}
          {last < count ? (
            <tr aria-hidden="true" style={{ height: (count - last) * ROW_HEIGHT }}>
              <td colSpan={columnCount} className="!border-0 !p-0" />
            </tr>
          ) : null}
          {count === 0 ? (
            <tr>
              <td colSpan={columnCount} className="!border-0 !px-3 !py-6 !text-center text-sm text-fg-muted">
                {words.noSegments}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
