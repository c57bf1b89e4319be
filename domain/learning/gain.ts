/**
 * Learning gain from a diagnostic taken before a lesson and again after it (ADR 1001).
 *
 * Hake's normalized gain g = (post − pre) / (max − pre): the share of what a learner did not know
 * before that they knew after. Scores here are shares of the maximum (0..1), so max = 1.
 * - g is undefined when pre = max (nothing left to gain): such a learner is counted "at ceiling"
 *   and left out of every mean, spread and ranking of g, never counted as 0 or 1.
 * - g is negative when post < pre (the learner did worse after the lesson).
 * - The class's gain is Hake's: computed from the class's mean pre and mean post over the
 *   learners who took both (matched pairs), so each learner weighs by the questions they
 *   answered; the spread is that of the individual gains.
 */

export type Score = { correct: number; total: number };

/** A score as a share of its maximum, or null when there were no questions. */
export function share(score: Score): number | null {
  return score.total > 0 ? score.correct / score.total : null;
}

/** Hake's g for one learner (shares 0..1); null when pre is already the maximum. */
export function normalizedGain(pre: number, post: number): number | null {
  if (!Number.isFinite(pre) || !Number.isFinite(post) || pre < 0 || pre > 1 || post < 0 || post > 1) {
    throw new RangeError(`normalizedGain: shares must be within 0..1 (pre ${pre}, post ${post})`);
  }
  if (pre >= 1) return null;
  return (post - pre) / (1 - pre);
}

export type Spread = {
  /** Sample standard deviation (n − 1); null below two values. */
  sd: number | null;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
};

/** Quantile by linear interpolation between closest ranks (the usual "type 7"). */
function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1)) : null;
  return { sd, min: sorted[0]!, q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75), max: sorted.at(-1)! };
}

export type LearnerPair = { learnerId: string; pre: Score; post: Score };

export type LearnerGain = { learnerId: string; pre: number; post: number; gain: number | null };

export type GroupGain = {
  /** Learners with both a before and an after score (with at least one question each). */
  matched: number;
  /** Of those, learners whose before score was already the maximum: g is undefined for them. */
  atCeiling: number;
  /** Mean before and after shares over the matched learners (each weighted by its questions). */
  meanPre: number | null;
  meanPost: number | null;
  /** Hake's class gain from the means; null with no matched learner or a mean before score of 100 %. */
  classGain: number | null;
  /** Mean of the individual gains (learners at ceiling left out); null when there are none. */
  meanGain: number | null;
  /** Spread of the individual gains (learners at ceiling left out). */
  spread: Spread | null;
  learners: LearnerGain[];
};

/** A group's gain from its learners' before and after scores on the same questions. */
export function groupGain(pairs: readonly LearnerPair[]): GroupGain {
  const matched = pairs.filter((pair) => pair.pre.total > 0 && pair.post.total > 0);
  const learners: LearnerGain[] = matched.map((pair) => {
    const pre = share(pair.pre)!;
    const post = share(pair.post)!;
    return { learnerId: pair.learnerId, pre, post, gain: normalizedGain(pre, post) };
  });
  const sum = (scores: Score[]) => scores.reduce((total, s) => ({ correct: total.correct + s.correct, total: total.total + s.total }), { correct: 0, total: 0 });
  const pre = share(sum(matched.map((p) => p.pre)));
  const post = share(sum(matched.map((p) => p.post)));
  const gains = learners.flatMap((learner) => (learner.gain === null ? [] : [learner.gain]));
  return {
    matched: matched.length,
    atCeiling: learners.length - gains.length,
    meanPre: pre,
    meanPost: post,
    classGain: pre === null || post === null ? null : normalizedGain(pre, post),
    meanGain: gains.length ? gains.reduce((a, b) => a + b, 0) / gains.length : null,
    spread: spreadOf(gains),
    learners,
  };
}

/**
 * The groups (concepts, lessons) where the class learned least: lowest class gain first, only
 * groups with a gain, at most `count`. Ties go to the group with more matched learners (the
 * better-measured result), then by key.
 */
export function learnedLeast<K extends string>(groups: ReadonlyArray<{ key: K; gain: GroupGain }>, count = 3): Array<{ key: K; gain: GroupGain }> {
  return groups
    .filter((group) => group.gain.classGain !== null)
    .sort((a, b) => a.gain.classGain! - b.gain.classGain! || b.gain.matched - a.gain.matched || a.key.localeCompare(b.key))
    .slice(0, count);
}
