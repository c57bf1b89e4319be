/**
 * Mastery per concept from a learner's answers. Recent answers weigh more (each older answer
 * counts DECAY times the one after it), so a run of wrong answers pulls mastery down again and
 * the score follows what the learner can do now, not their history.
 */
import { CONCEPT_LABELS, CONCEPTS, type Concept } from "./schema";

export type MasteryAnswer = { concept: string; correct: boolean; answeredAt: Date };

export type MasteryLevel = "not-started" | "learning" | "practising" | "mastered";

export type ConceptMastery = {
  concept: Concept;
  label: string;
  /** Recency-weighted share of correct answers, 0..1; null before the first answer. */
  score: number | null;
  answered: number;
  level: MasteryLevel;
};

/** Weight of each answer relative to the next more recent one. */
export const MASTERY_DECAY = 0.75;
/** Mastered: a weighted score of at least this … */
export const MASTERED_SCORE = 0.8;
/** … over at least this many answers (one lucky answer is not mastery). */
export const MASTERED_MIN_ANSWERS = 3;
export const LEARNING_BELOW = 0.5;

export function masteryLevel(score: number | null, answered: number): MasteryLevel {
  if (score === null || answered === 0) return "not-started";
  if (score < LEARNING_BELOW) return "learning";
  if (score >= MASTERED_SCORE && answered >= MASTERED_MIN_ANSWERS) return "mastered";
  return "practising";
}

/** One entry per concept, in the contract's order. Answers with an unknown concept are ignored. */
export function computeMastery(answers: readonly MasteryAnswer[], decay = MASTERY_DECAY): ConceptMastery[] {
  // Newest first; the sort is stable, so answers with the same time keep their given order.
  const newestFirst = [...answers].sort((a, b) => b.answeredAt.getTime() - a.answeredAt.getTime());
  return CONCEPTS.map((concept) => {
    const mine = newestFirst.filter((answer) => answer.concept === concept);
    let weighted = 0;
    let total = 0;
    mine.forEach((answer, age) => {
      const weight = decay ** age;
      total += weight;
      if (answer.correct) weighted += weight;
    });
    const score = mine.length ? weighted / total : null;
    return { concept, label: CONCEPT_LABELS[concept], score, answered: mine.length, level: masteryLevel(score, mine.length) };
  });
}
