import type { GroupGain } from "@/domain/learning/gain";
import type { Locale } from "@/domain/locale";
import { formatPercent } from "@/lib/format/number";
import { gradebookWords } from "@/lib/i18n/words/gradebook";
import { TableHead } from "../ui/table";

/** A gain with two decimals and a true minus sign (the same digits in both languages). */
const decimal = (value: number | null) => (value === null ? "—" : value.toFixed(2).replace("-", "−"));

/** The individual gains' spread as a small box plot (−1 … 1), for the eye; the numbers are beside it. */
function SpreadPlot({ gain }: { gain: GroupGain }) {
  const spread = gain.spread;
  if (!spread) return null;
  const x = (value: number) => 4 + ((Math.max(-1, Math.min(1, value)) + 1) / 2) * 112;
  return (
    <svg aria-hidden="true" width="120" height="16" viewBox="0 0 120 16" className="mt-1 block text-fg-muted">
      <line x1={x(0)} x2={x(0)} y1="1" y2="15" stroke="currentColor" strokeDasharray="2 2" strokeWidth="1" />
      <line x1={x(spread.min)} x2={x(spread.max)} y1="8" y2="8" stroke="currentColor" strokeWidth="1.5" />
      <rect x={x(spread.q1)} y="3" width={Math.max(1.5, x(spread.q3) - x(spread.q1))} height="10" className="fill-accent/30 stroke-accent" strokeWidth="1" />
      <line x1={x(spread.median)} x2={x(spread.median)} y1="2" y2="14" className="stroke-accent" strokeWidth="2" />
    </svg>
  );
}

export type GainRow = { key: string; label: string; gain: GroupGain; note?: string };

/**
 * Class gains, one row per lesson or concept: mean before and after of the matched students,
 * Hake's class g, and the spread of the individual gains.
 */
export function GainTable({ rows, caption, firstColumn, locale }: { rows: GainRow[]; caption: string; firstColumn: string; locale: Locale }) {
  const words = gradebookWords(locale).gainTable;
  const percent = (value: number | null) => (value === null ? "—" : formatPercent(value, locale));
  return (
    <div className="relative mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={words.scrolls(caption)}>
      <table className="w-full min-w-[44rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        <TableHead
          className="border-b border-border text-left text-xs uppercase tracking-wide text-fg-muted"
          headings={[firstColumn, words.students, words.before, words.after, words.classGain, words.spread]}
          cellClassName="px-2 py-2"
        />
        <tbody className="divide-y divide-border">
          {rows.map(({ key, label, gain, note }) => (
            <tr key={key}>
              <th scope="row" className="px-2 py-2 text-left align-top font-normal">
                {label}
                {note ? <span className="block text-xs text-fg-muted">{note}</span> : null}
              </th>
              <td className="px-2 py-2 align-top tabular-nums">
                {words.matched(gain.matched)}
                {gain.atCeiling ? <span className="block text-xs text-fg-muted">{words.atCeiling(gain.atCeiling)}</span> : null}
              </td>
              <td className="px-2 py-2 align-top tabular-nums">{percent(gain.meanPre)}</td>
              <td className="px-2 py-2 align-top tabular-nums">{percent(gain.meanPost)}</td>
              <td className="px-2 py-2 align-top">
                <span className="font-medium tabular-nums">{decimal(gain.classGain)}</span>
              </td>
              <td className="px-2 py-2 align-top tabular-nums">
                {gain.spread ? (
                  <>
                    <span>{words.meanSd(decimal(gain.meanGain), decimal(gain.spread.sd))}</span>
                    <span className="block text-xs text-fg-muted">
                      {words.spreadLine(decimal(gain.spread.median), decimal(gain.spread.q1), decimal(gain.spread.q3), decimal(gain.spread.min), decimal(gain.spread.max))}
                    </span>
                    <SpreadPlot gain={gain} />
                  </>
                ) : (
                  <span className="text-fg-muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { decimal as formatGain };
