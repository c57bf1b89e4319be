"use client";

import { memo, useId, useRef, useState } from "react";
import { formatCount } from "@/domain/simulator/format";
import { labWords } from "@/lib/i18n/words/labs";
import { useViewLocale } from "./locale";
import { useElementWidth } from "./use-element-size";

export interface ChartSeries {
  name: string;
  /** A CSS colour, from the design tokens. */
  colour: string;
  values: readonly number[];
  /** Fill the area under the line. */
  area?: boolean;
}

const DEFAULT_WIDTH = 640;
const PAD = { left: 58, right: 14, top: 14, bottom: 34 };

/** 1, 2, 5 × 10^k steps giving about `count` ticks up to `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let value = 0; value <= max + step * 1e-9; value += step) ticks.push(Math.round(value * 1e6) / 1e6);
  if ((ticks[ticks.length - 1] ?? 0) < max) ticks.push((ticks[ticks.length - 1] ?? 0) + step);
  return ticks;
}

function shortCount(value: number): string {
  if (value >= 1_000_000) return `${Math.round(value / 100_000) / 10}M`;
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  return formatCount(value);
}

/**
 * A line (or area) chart over seconds, drawn in SVG, with a data table as its text
 * alternative. `marker` draws a vertical line at a second (e.g. the first failure).
 */
export const LineChart = memo(function LineChart({
  title,
  description,
  seconds,
  series,
  yLabel,
  marker,
}: {
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  description: string;
  seconds: readonly number[];
  series: readonly ChartSeries[];
  yLabel: string;
  marker?: { at: number; label: string } | null;
}) {
  const id = useId();
  const locale = useViewLocale();
  const words = labWords(locale).chart;
  const [showTable, setShowTable] = useState(false);
  // Drawn at the width it is shown at, so its text stays legible on a phone.
  const box = useRef<HTMLDivElement>(null);
  const WIDTH = Math.max(260, useElementWidth(box, DEFAULT_WIDTH));
  const HEIGHT = WIDTH < 480 ? 180 : 220;
  // Seconds that have values: none while the chart is drawn empty before its data arrives.
  const rowCount = Math.max(0, ...series.map((s) => s.values.length));
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max);
  const labelledTicks = rowCount > 0 ? ticks : [0];
  const top = ticks[ticks.length - 1] ?? max;
  const lastSecond = Math.max(1, seconds[seconds.length - 1] ?? 1);
  const x = (t: number) => PAD.left + (t / lastSecond) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - (value / top) * (HEIGHT - PAD.top - PAD.bottom);
  const xTicks = niceTicks(lastSecond, WIDTH < 480 ? 3 : 6).filter((t) => t <= lastSecond);

  return (
    <figure className="rounded-lg border border-border bg-bg-elevated p-3">
      <figcaption className="mb-1 text-sm font-semibold">{title}</figcaption>
      <div ref={box}>
        <svg role="img" aria-label={words.image(title, description)} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="block max-w-full">
          {labelledTicks.map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="var(--border)" />
              <text x={PAD.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="central" fontSize={11} fill="var(--fg-muted)">
                {shortCount(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <text key={tick} x={x(tick)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="var(--fg-muted)">
              {words.tick(tick)}
            </text>
          ))}
          {/* Latin labels turn on their side; Chinese ones stand upright, read top to bottom. */}
          <text
            x={12}
            y={PAD.top + (HEIGHT - PAD.top - PAD.bottom) / 2}
            transform={locale === "zh" ? undefined : `rotate(-90 12 ${PAD.top + (HEIGHT - PAD.top - PAD.bottom) / 2})`}
            writingMode={locale === "zh" ? "vertical-rl" : undefined}
            textAnchor="middle"
            fontSize={11}
            fill="var(--fg-muted)"
          >
            {yLabel}
          </text>
          {series.map((s) => {
            const points = s.values.map((value, index) => `${x(seconds[index] ?? index).toFixed(1)},${y(value).toFixed(1)}`);
            if (points.length === 0) return null;
            const line = `M${points.join("L")}`;
            const area = `${line}L${x(seconds[s.values.length - 1] ?? 0).toFixed(1)},${y(0)}L${x(seconds[0] ?? 0).toFixed(1)},${y(0)}Z`;
            return (
              <g key={s.name}>
                {s.area ? <path d={area} fill={s.colour} fillOpacity={0.15} /> : null}
                <path d={line} fill="none" stroke={s.colour} strokeWidth={2} strokeLinejoin="round" />
              </g>
            );
          })}
          {marker ? (
            <g>
              <line x1={x(marker.at)} x2={x(marker.at)} y1={PAD.top} y2={HEIGHT - PAD.bottom} stroke="var(--danger)" strokeDasharray="4 3" />
              <text x={x(marker.at) + 4} y={PAD.top + 10} fontSize={11} fill="var(--danger)">
                {marker.label}
              </text>
            </g>
          ) : null}
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="var(--fg-muted)" />
        </svg>
      </div>
      <ul className="mt-1 flex !list-none flex-wrap gap-x-4 !pl-0 text-xs text-fg-muted">
        {series.map((s) => (
          <li key={s.name} className="!mt-0 inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-2 w-4 rounded-sm" style={{ background: s.colour }} />
            {s.name}
          </li>
        ))}
      </ul>
      <details className="mt-2 text-xs" onToggle={(event) => setShowTable(event.currentTarget.open)}>
        <summary className="cursor-pointer text-fg-muted">{words.dataTable(title)}</summary>
        {showTable ? (
          <div tabIndex={0} role="group" aria-label={words.dataTableScrolls(title)} className="mt-2 max-h-64 overflow-auto rounded border border-border">
            <table className="![display:table] w-full border-collapse text-right tabular-nums" aria-describedby={`${id}-note`}>
              <caption id={`${id}-note`} className="sr-only">
                {words.tableCaption(title)}
              </caption>
              <thead className="sticky top-0 bg-bg-sunken">
                <tr>
                  <th scope="col" className="!border-0 !px-2 !py-1 !text-left">{words.second}</th>
                  {series.map((s) => (
                    <th key={s.name} scope="col" className="!border-0 !px-2 !py-1 !text-right">
                      {s.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {seconds.slice(0, rowCount).map((second, index) => (
                  <tr key={second} className="border-t border-border">
                    <th scope="row" className="!border-0 !bg-transparent !px-2 !py-0.5 !text-left !font-normal">
                      {second}
                    </th>
                    {series.map((s) => (
                      <td key={s.name} className="!border-0 !px-2 !py-0.5 !text-right">
                        {formatCount(s.values[index] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </details>
    </figure>
  );
});
