import type { Metadata } from "next";
import Link from "next/link";
import { GainTable, formatGain } from "@/components/instructor/gain-table";
import { Card } from "@/components/ui/card";
import { CONCEPT_LABELS } from "@/domain/quiz/schema";
import { requireInstructor } from "@/lib/auth/session.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { classLearning } from "@/lib/learning/analytics.server";

export const metadata: Metadata = { title: "Learning gain" };

export default async function LearningPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/learning`);
  const learning = await orNotFound(classLearning(user, classId));
  const measured = learning.lessons.filter((lesson) => lesson.gain.matched > 0);
  const least = learning.leastLearned.map((concept) => learning.concepts.find((c) => c.concept === concept)!);
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <h2 className="text-lg font-semibold">What the class learned</h2>
        <p className="mt-1 text-sm text-fg-muted">
          Each lesson has a five-question diagnostic that students take before reading it and again after, with fresh variants. The class gain is Hake&apos;s normalized gain{" "}
          <i>g</i> = (after − before) / (100% − before), from the mean scores of the students who took both after joining the class: the share of what they did not know
          that they learned. A student who scored 100% before has no <i>g</i> and is counted apart. Assign a lesson&apos;s diagnostic from the{" "}
          <Link href={`/instructor/classes/${classId}`} className="text-accent underline underline-offset-2">
            class page
          </Link>{" "}
          to have everyone take it.
        </p>
        <section aria-labelledby="least-learned" className="mt-5">
          <h3 id="least-learned" className="font-semibold">
            Concepts learned least
          </h3>
          {least.length === 0 ? (
            <p className="mt-1 text-sm text-fg-muted">No student has taken a diagnostic before and after a lesson yet.</p>
          ) : (
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
              {least.map(({ concept, gain }) => (
                <li key={concept}>
                  <span className="font-medium">{CONCEPT_LABELS[concept]}</span>: class gain {formatGain(gain.classGain)} ({gain.matched} students, {Math.round((gain.meanPre ?? 0) * 100)}% →{" "}
                  {Math.round((gain.meanPost ?? 0) * 100)}%)
                </li>
              ))}
            </ol>
          )}
        </section>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">By lesson</h2>
        <GainTable
          caption="Class gain by lesson"
          firstColumn="Lesson"
          rows={learning.lessons.map((lesson) => ({
            key: lesson.slug,
            label: lesson.title,
            gain: lesson.gain,
            note: `${lesson.tookPre} took the before-check, ${lesson.tookPost} the after-check`,
          }))}
        />
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">By concept</h2>
        <p className="mt-1 text-sm text-fg-muted">Every lesson&apos;s questions on the concept, for each student the lessons they took before and after.</p>
        {learning.concepts.length === 0 ? (
          <p className="mt-3 text-sm text-fg-muted">No matched diagnostics yet.</p>
        ) : (
          <GainTable caption="Class gain by concept" firstColumn="Concept" rows={learning.concepts.map((c) => ({ key: c.concept, label: CONCEPT_LABELS[c.concept], gain: c.gain }))} />
        )}
      </Card>

      {measured.map((lesson) => (
        <Card key={lesson.slug}>
          <h2 className="text-lg font-semibold">{lesson.title}: by concept</h2>
          <GainTable
            caption={`Class gain by concept in ${lesson.title}`}
            firstColumn="Concept"
            rows={lesson.concepts.map((c) => ({ key: c.concept, label: CONCEPT_LABELS[c.concept], gain: c.gain }))}
          />
        </Card>
      ))}
    </div>
  );
}
