/**
 * What a review queue holds: an item is a quiz question, a concept, or a kind of simulator
 * prediction (the simulator's own runs cannot be asked again, so a missed prediction comes back
 * as a generated question of the same kind on the same concept). Items are named by a key that
 * is stored with every card and review event.
 */
import { CONCEPTS, type Concept } from "../quiz/schema";

export type ReviewItem =
  | { kind: "question"; quizId: string; questionId: string }
  | { kind: "concept"; concept: Concept }
  | { kind: "prediction"; concept: Concept };

export type ReviewItemKind = ReviewItem["kind"];

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `q:<quiz>/<question>`, `c:<concept>` or `p:<concept>`. */
export function itemKey(item: ReviewItem): string {
  switch (item.kind) {
    case "question":
      return `q:${item.quizId}/${item.questionId}`;
    case "concept":
      return `c:${item.concept}`;
    case "prediction":
      return `p:${item.concept}`;
  }
}

export function questionKey(quizId: string, questionId: string): string {
  return itemKey({ kind: "question", quizId, questionId });
}

/** The item a key names, or null for anything that is not a well-formed key. */
export function parseItemKey(key: string): ReviewItem | null {
  if (key.length > 140) return null;
  const [prefix, rest] = [key.slice(0, 2), key.slice(2)];
  if (prefix === "q:") {
    const [quizId, questionId, extra] = rest.split("/");
    if (!quizId || !questionId || extra !== undefined || !ID.test(quizId) || !ID.test(questionId)) return null;
    return { kind: "question", quizId, questionId };
  }
  if (prefix === "c:" || prefix === "p:") {
    if (!(CONCEPTS as readonly string[]).includes(rest)) return null;
    return { kind: prefix === "c:" ? "concept" : "prediction", concept: rest as Concept };
  }
  return null;
}
