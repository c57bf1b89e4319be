"use client";

import { memo, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { ArrowHead } from "@/components/ui/arrow-head";
import type { HostId } from "@/domain/tcp";
import type { LadderArrow, LadderMark, LadderModel } from "@/domain/simulator/ladder-model";
import { LADDER_METRICS } from "@/domain/simulator/ladder-layout";
import type { SegmentKind } from "@/domain/simulator/format";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { useViewLocale } from "./locale";
import { useElementWidth, usePrefersReducedMotion } from "./use-element-size";

const KIND_COLOUR: Record<SegmentKind, string> = {
  syn: "var(--syn)",
  fin: "var(--fin)",
  rst: "var(--rst)",
  ack: "var(--ack)",
};

const MARK_COLOUR = { state: "var(--fg)", call: "var(--accent)", error: "var(--danger)", timer: "var(--fg-muted)" } as const;

/** Drawing only what is on screen, plus this much above and below. */
const OVERSCAN = 240;

interface Geometry {
  width: number;
  clientX: number;
  serverX: number;
  showTimes: boolean;
  font: number;
}

function geometry(width: number): Geometry {
  if (width < 520) return { width, clientX: 88, serverX: width - 88, showTimes: false, font: 10 };
  return { width, clientX: 176, serverX: width - 120, showTimes: true, font: 11 };
}

export type ArrowStatus = "in-flight" | "delivered" | "lost";

function arrowStatus(arrow: LadderArrow, cursor: number): ArrowStatus | null {
  if (arrow.sentStep >= cursor) return null;
  if (arrow.lostStep !== null && arrow.lostStep < cursor) return "lost";
  if (arrow.deliveredStep !== null && arrow.deliveredStep < cursor) return "delivered";
  return "in-flight";
}

const Arrow = memo(function Arrow({
  arrow,
  status,
  geo,
  now,
  selected,
  droppable,
  animate,
  dropHint,
}: {
  arrow: LadderArrow;
  status: ArrowStatus;
  geo: Geometry;
  /** Virtual time now (only matters in flight). */
  now: number;
  selected: boolean;
  droppable: boolean;
  animate: boolean;
  /** Added to the arrow's title when it can be dropped. */
  dropHint: string;
}) {
  const x1 = arrow.from === "client" ? geo.clientX : geo.serverX;
  const x2 = arrow.from === "client" ? geo.serverX : geo.clientX;
  let fraction = 1;
  if (status === "lost") fraction = arrow.lostFraction ?? 0.5;
  else if (status === "in-flight") fraction = Math.min(0.88, Math.max(0.14, (now - arrow.t1) / Math.max(1, arrow.t2 - arrow.t1)));
  const ex = x1 + (x2 - x1) * fraction;
  const ey = arrow.y1 + (arrow.y2 - arrow.y1) * fraction;
  const colour = KIND_COLOUR[arrow.kind];
  const angle = (Math.atan2(arrow.y2 - arrow.y1, x2 - x1) * 180) / Math.PI;
  const flip = Math.abs(angle) > 90;
  const midX = (x1 + x2) / 2;
  const midY = (arrow.y1 + arrow.y2) / 2;
  const label = `${arrow.retransmission ? "↻ " : ""}${arrow.label}`;
  return (
    <g
      data-segment={arrow.id}
      data-status={status}
      data-selected={selected ? "true" : undefined}
      className={droppable ? "cursor-crosshair" : "cursor-pointer"}
    >
      <title>{`${arrow.description}${droppable ? dropHint : ""}`}</title>
      <line x1={x1} y1={arrow.y1} x2={ex} y2={ey} stroke="transparent" strokeWidth={14} />
      <line
        x1={x1}
        y1={arrow.y1}
        x2={ex}
        y2={ey}
        stroke={colour}
        strokeWidth={selected ? 3.2 : 1.8}
        strokeDasharray={status === "lost" ? "5 4" : undefined}
        markerEnd={status === "lost" ? undefined : `url(#ladder-head-${arrow.kind})`}
        className={animate && status === "in-flight" ? "motion-safe:animate-[ladder-draw_300ms_ease-out]" : undefined}
      />
      {status === "lost" ? (
        <g stroke="var(--rst)" strokeWidth={2.2}>
          <line x1={ex - 5} y1={ey - 5} x2={ex + 5} y2={ey + 5} />
          <line x1={ex - 5} y1={ey + 5} x2={ex + 5} y2={ey - 5} />
        </g>
      ) : null}
      {status === "in-flight" && droppable ? <circle cx={ex} cy={ey} r={6} fill="none" stroke={colour} strokeDasharray="2 2" /> : null}
      <text
        x={midX}
        y={midY}
        transform={`rotate(${flip ? angle - 180 : angle} ${midX} ${midY})`}
        dy={-5}
        textAnchor="middle"
        fontSize={geo.font}
        fontFamily="var(--font-mono)"
        fill={selected ? "var(--fg)" : colour}
        fontWeight={selected ? 700 : 500}
        opacity={status === "in-flight" ? 0.85 : 1}
      >
        {label}
      </text>
    </g>
  );
});

Arrow.displayName = "LadderArrow";

const Mark = memo(function Mark({ mark, geo }: { mark: LadderMark; geo: Geometry }) {
  const client = mark.host === "client";
  const x = client ? geo.clientX - 7 : geo.serverX + 7;
  return (
    <text
      x={x}
      y={mark.y}
      textAnchor={client ? "end" : "start"}
      dominantBaseline="central"
      fontSize={mark.tone === "state" ? geo.font : geo.font - 1}
      fontWeight={mark.tone === "state" ? 700 : 500}
      fontStyle={mark.tone === "timer" ? "italic" : undefined}
      fill={MARK_COLOUR[mark.tone]}
    >
      {mark.text}
    </text>
  );
});

Mark.displayName = "LadderMark";

function firstIndexAtOrAfter<T>(items: readonly T[], y: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (item !== undefined && key(item) < y) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface LadderProps {
  model: LadderModel;
  /** Steps taken; arrows and marks of later steps are hidden (Infinity shows everything). */
  cursor: number;
  selected: number | null;
  onSelect?: (id: number) => void;
  /** Called when an in-flight arrow is clicked; without it, clicking only selects. */
  onDrop?: (id: number) => void;
  /** Ids that can be dropped now. */
  droppable?: ReadonlySet<number>;
  height: number;
  /** Names over the two lines (default: the component's language's "Client" and "Server"). */
  hostNames?: Record<HostId, string>;
  /** id of an element describing the diagram's current state. */
  describedBy?: string;
}

/** The ladder (sequence) diagram: an SVG image, drawn for the rows on screen only. */
export function Ladder({
  model,
  cursor,
  selected,
  onSelect,
  onDrop,
  droppable,
  height,
  hostNames: hostNamesProp,
  describedBy,
}: LadderProps) {
  const words = simulatorWords(useViewLocale());
  const hostNames = hostNamesProp ?? words.host;
  const outer = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const width = useElementWidth(outer, 560);
  const geo = useMemo(() => geometry(width), [width]);
  const [scrollTop, setScrollTop] = useState(0);
  const reducedMotion = usePrefersReducedMotion();
  const finite = Number.isFinite(cursor);
  const nowY = finite ? (model.cursorY[Math.min(cursor, model.cursorY.length - 1)] ?? 0) : model.height;
  const now = finite ? (model.cursorT[Math.min(cursor, model.cursorT.length - 1)] ?? 0) : Infinity;
  const contentHeight = finite ? Math.max(height, nowY + LADDER_METRICS.row * 2) : model.height;

  // Keep the current moment in view as the learner steps.
  useEffect(() => {
    const element = scroller.current;
    if (element === null || !finite) return;
    const top = element.scrollTop;
    if (nowY < top + 30 || nowY > top + height - 50) {
      element.scrollTo({ top: Math.max(0, nowY - height * 0.6), behavior: reducedMotion ? "auto" : "smooth" });
    }
  }, [nowY, height, finite, reducedMotion]);

  // Bring a segment selected elsewhere (the packet list) into view.
  useEffect(() => {
    const element = scroller.current;
    const arrow = selected === null ? undefined : model.arrows.find((candidate) => candidate.id === selected);
    if (element === null || arrow === undefined) return;
    if (arrow.y1 < element.scrollTop + 20 || arrow.y2 > element.scrollTop + height - 20) {
      element.scrollTo({ top: Math.max(0, arrow.y1 - height / 3), behavior: reducedMotion ? "auto" : "smooth" });
    }
  }, [selected, model, height, reducedMotion]);

  const top = scrollTop - OVERSCAN;
  const bottom = scrollTop + height + OVERSCAN;

  const maxSpan = useMemo(() => model.arrows.reduce((span, arrow) => Math.max(span, arrow.y2 - arrow.y1), 0), [model]);
  const firstArrow = firstIndexAtOrAfter(model.arrows, top - maxSpan, (arrow) => arrow.y1);
  const endArrow = firstIndexAtOrAfter(model.arrows, bottom, (arrow) => arrow.y1);
  const arrows: { arrow: LadderArrow; status: ArrowStatus }[] = [];
  for (let index = firstArrow; index < endArrow; index++) {
    const arrow = model.arrows[index];
    if (arrow === undefined || arrow.y2 < top) continue;
    const status = arrowStatus(arrow, cursor);
    if (status !== null) arrows.push({ arrow, status });
  }
  const marks = model.marks.filter((mark) => mark.y >= top - 20 && mark.y <= bottom && mark.step < cursor);
  const firstTime = firstIndexAtOrAfter(model.times, top, (time) => time.y);
  const endTime = firstIndexAtOrAfter(model.times, Math.min(bottom, nowY + 1), (time) => time.y);
  const times = model.times.slice(firstTime, endTime);
  const gaps = model.gaps.filter((gap) => gap.y >= top && gap.y <= Math.min(bottom, nowY));

  const handleClick = (event: MouseEvent<SVGSVGElement>) => {
    const target = (event.target as Element).closest("[data-segment]");
    if (target === null) return;
    const id = Number(target.getAttribute("data-segment"));
    if (onDrop && droppable?.has(id)) onDrop(id);
    else onSelect?.(id);
  };

  const lineBottom = contentHeight - LADDER_METRICS.bottom / 2;
  return (
    <div ref={outer} className="relative">
      {/* Clipped like the drawing below it: the server draws both at the fallback width, which a
          phone's page must not scroll sideways for before the component is live (ADR 0950). */}
      <div aria-hidden="true" className="relative h-7 overflow-hidden border-b border-border text-sm font-semibold">
        <span className="absolute top-1 -translate-x-1/2" style={{ left: geo.clientX }}>
          {hostNames.client}
        </span>
        {/* Placed from the right edge, where the server's line is: before the component knows its
            width that line is off a phone's screen, and a label placed from the left would jump in
            from there when it learns it (a layout shift of 0.2 on a throttled phone). */}
        <span className="absolute top-1 translate-x-1/2" style={{ right: geo.width - geo.serverX }}>
          {hostNames.server}
        </span>
      </div>
      <div
        ref={scroller}
        tabIndex={0}
        role="group"
        aria-label={words.ladderGroup}
        className="overflow-y-auto overscroll-contain"
        style={{ height }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <svg
          role="img"
          aria-label={words.ladderImage}
          aria-describedby={describedBy}
          width={geo.width}
          height={contentHeight}
          viewBox={`0 0 ${geo.width} ${contentHeight}`}
          className="block select-none font-sans"
          onClick={handleClick}
        >
          <defs>
            <style>{"@keyframes ladder-draw{from{opacity:0}to{opacity:1}}"}</style>
            {(Object.keys(KIND_COLOUR) as SegmentKind[]).map((kind) => (
              <ArrowHead key={kind} id={`ladder-head-${kind}`} fill={KIND_COLOUR[kind]} />
            ))}
          </defs>
          <line x1={geo.clientX} y1={8} x2={geo.clientX} y2={lineBottom} stroke="var(--border)" strokeWidth={2} />
          <line x1={geo.serverX} y1={8} x2={geo.serverX} y2={lineBottom} stroke="var(--border)" strokeWidth={2} />
          {geo.showTimes
            ? times.map((time) => (
                <text key={time.y} x={4} y={time.y} dominantBaseline="central" fontSize={10} fontFamily="var(--font-mono)" fill="var(--fg-muted)">
                  {time.text}
                </text>
              ))
            : null}
          {gaps.map((gap) => (
            <g key={gap.y}>
              <line x1={geo.clientX} y1={gap.y} x2={geo.serverX} y2={gap.y} stroke="var(--border)" strokeDasharray="2 5" />
              {/* Three quarters across: a lost segment's arrow ends in the middle, with its label there. */}
              <text x={geo.clientX + 0.75 * (geo.serverX - geo.clientX)} y={gap.y} dy={-3} textAnchor="middle" fontSize={geo.font - 1} fill="var(--fg-muted)" fontStyle="italic">
                {gap.text}
              </text>
            </g>
          ))}
          {finite ? (
            <g aria-hidden="true">
              <line x1={geo.clientX - 4} y1={nowY} x2={geo.serverX + 4} y2={nowY} stroke="var(--accent)" strokeOpacity={0.35} strokeWidth={6} />
            </g>
          ) : null}
          {marks.map((mark, index) => (
            <Mark key={`${mark.host}-${mark.y}-${index}`} mark={mark} geo={geo} />
          ))}
          {arrows.map(({ arrow, status }) => (
            <Arrow
              key={arrow.id}
              arrow={arrow}
              status={status}
              geo={geo}
              now={status === "in-flight" ? now : 0}
              selected={arrow.id === selected}
              droppable={onDrop !== undefined && status === "in-flight" && (droppable?.has(arrow.id) ?? false)}
              animate={finite}
              dropHint={words.clickToDrop}
            />
          ))}
        </svg>
      </div>
    </div>
  );
}
