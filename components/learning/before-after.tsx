import { normalizedGain } from "@/domain/learning/gain";
import type { Concept } from "@/domain/quiz/schema";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { reviewWords } from "@/lib/i18n/words/review";
import type { DiagnosticStatusView } from "@/lib/learning/views";
import type { Locale } from "@/domain/locale";
import { cn } from "../ui/cn";
import { TableHead } from "../ui/table";

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A learner's own before and after, overall and per concept, with their normalized gain. */
export function BeforeAfter({ status, locale }: { status: DiagnosticStatusView; locale: Locale }) {
  const words = reviewWords(locale).diagnostic;
  const concepts = dashboardWords(locale).concepts;
  const { pre, post } = status;
  const before = pre.score !== null ? pre.score / pre.maxScore : null;
  const after = post.score !== null ? post.score / post.maxScore : null;
  const gain = before !== null && after !== null ? normalizedGain(before, after) : null;
  return (
    <section aria-labelledby="before-after-heading" className="space-y-3">
      <h2 id="before-after-heading" className="font-semibold">
        {words.beforeAfter}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[18rem] text-sm">
          <TableHead
            rowClassName="border-b border-border text-left text-fg-muted"
            headings={[words.concept, words.before, words.after]}
            cellClassName={(position) => cn("py-2 pr-3 font-medium last:pr-0", position > 0 && "text-right")}
          />
          <tbody>
            {status.concepts.map((row) => (
              <tr key={row.concept} className="border-b border-border">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  {concepts[row.concept as Concept] ?? row.concept}
                </th>
                <td className="py-2 pr-3 text-right tabular-nums">{row.pre === null ? words.notTaken : percent(row.pre)}</td>
                <td className="py-2 text-right tabular-nums">{row.post === null ? words.notTaken : percent(row.post)}</td>
              </tr>
            ))}
            <tr className="font-medium">
              <th scope="row" className="py-2 pr-3 text-left">
                {words.allQuestions}
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">{pre.score === null ? words.notTaken : words.score(pre.score, pre.maxScore)}</td>
              <td className="py-2 text-right tabular-nums">{post.score === null ? words.notTaken : words.score(post.score, post.maxScore)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {before !== null && after !== null ? (
        <div className="text-sm">
          <p className="font-medium">{gain === null ? words.gainCeiling : gain < 0 ? words.gainNegative(percent(gain)) : words.gain(percent(gain))}</p>
          <p className="mt-1 text-fg-muted">{words.gainExplained}</p>
        </div>
      ) : null}
    </section>
  );
}
