import type { ProgressPoint } from "@/domain/gradebook/analytics";
import { LOCALE_LANG, type Locale } from "@/domain/locale";
import { formatPercent } from "@/lib/format/number";
import { gradebookWords } from "@/lib/i18n/words/gradebook";

const W = 560;
const H = 240;
const PAD = { top: 16, right: 32, bottom: 36, left: 44 };

/** "Dec 7" / "12月7日": a day of the class's calendar (already in its zone), in the reader's language. */
function shortDate(date: string, locale: Locale) {
  const d = new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(LOCALE_LANG[locale], { month: "short", day: "numeric", timeZone: "UTC" }).format(d);
}

/**
 * Class progress as an area chart drawn in SVG: the share of opened work handed in, per day.
 * The image has a title and a summary for screen readers; the same numbers follow as a table.
 */
export function ProgressChart({ points, locale, id = "progress" }: { points: ProgressPoint[]; locale: Locale; id?: string }) {
  const words = gradebookWords(locale).chart;
  if (points.length === 0) return <p className="text-sm text-fg-muted">{words.empty}</p>;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (share: number) => PAD.top + (1 - share) * innerH;
  const line = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.share).toFixed(1)}`).join(" ");
  const area = `${line} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const last = points[points.length - 1] as ProgressPoint;
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  const pct = (share: number) => formatPercent(share, locale);
  const day = (date: string) => shortDate(date, locale);

  return (
    <figure>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={words.region}>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="h-auto w-full min-w-[26rem] max-w-3xl text-fg-muted"
        >
          <title id={`${id}-title`}>{words.title}</title>
          <desc id={`${id}-desc`}>
            {words.summary(day(points[0]?.date ?? last.date), day(last.date), pct(last.share), last.submitted, last.expected)}
          </desc>
          {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="currentColor" strokeOpacity={tick === 0 ? 0.6 : 0.2} />
              <text x={PAD.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="13" fill="currentColor">
                {pct(tick)}
              </text>
            </g>
          ))}
          <path d={area} className="fill-accent" fillOpacity={0.15} />
          <path d={line} className="stroke-accent" fill="none" strokeWidth={2.5} strokeLinejoin="round" />
          {points.map((p, i) =>
            i % labelEvery === 0 || i === points.length - 1 ? (
              <g key={p.date}>
                <circle cx={x(i)} cy={y(p.share)} r={3.5} className="fill-accent" />
                <text x={x(i)} y={H - PAD.bottom + 20} textAnchor="middle" fontSize="13" fill="currentColor">
                  {day(p.date)}
                </text>
              </g>
            ) : null,
          )}
        </svg>
      </div>
      <figcaption className="mt-2 text-sm text-fg-muted">
        {words.caption}
      </figcaption>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-accent">{words.showTable}</summary>
        <div className="relative mt-2 max-h-72 overflow-auto rounded-lg border border-border" tabIndex={0} role="region" aria-label={words.tableRegion}>
          <table className="w-full text-sm">
            <caption className="sr-only">{words.tableCaption}</caption>
            <thead className="sticky top-0 bg-bg-sunken">
              <tr>
                <th scope="col" className="px-3 py-1.5 text-left">{words.date}</th>
                <th scope="col" className="px-3 py-1.5 text-right">{words.handedIn}</th>
                <th scope="col" className="px-3 py-1.5 text-right">{words.opened}</th>
                <th scope="col" className="px-3 py-1.5 text-right">{words.share}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {points.map((p) => (
                <tr key={p.date}>
                  <th scope="row" className="whitespace-nowrap px-3 py-1 text-left font-normal">{p.date}</th>
                  <td className="px-3 py-1 text-right">{p.submitted}</td>
                  <td className="px-3 py-1 text-right">{p.expected}</td>
                  <td className="px-3 py-1 text-right">{pct(p.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
