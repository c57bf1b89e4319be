import { IntentLink } from "../ui/intent-link";
import { lessonReadingWords } from "@/lib/i18n/words/lesson-reading";
import { CompletionSlot } from "./lesson-progress";
import type { Locale } from "@/domain/locale";

/**
 * Below a lesson: the invitation to sign in, rendered here so its words cost the browser no
 * code, until a signed-in learner's controls take its place (./signed-in-reading.tsx).
 */
export function LessonCompletion({ signInHref, locale }: { signInHref: string; locale: Locale }) {
  const words = lessonReadingWords(locale).signInToSave;
  return (
    <CompletionSlot>
      <p className="text-sm text-fg-muted">
        <IntentLink href={signInHref} className="text-accent underline underline-offset-2">
          {words.link}
        </IntentLink>
        {words.after}
      </p>
    </CompletionSlot>
  );
}
