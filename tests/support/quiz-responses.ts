import type { CorrectAnswer, QuestionResponse } from "@/domain/quiz/schema";

/** The response a learner who knows the answer submits: the key in the response's shape. */
export function keyResponse(key: CorrectAnswer): QuestionResponse {
  switch (key.type) {
    case "single":
      return { type: "single", optionId: key.optionId };
    case "multiple":
      return { type: "multiple", optionIds: key.optionIds };
    case "flags":
      return { type: "flags", flags: key.flags };
    case "state":
      return { type: "state", state: key.state };
    case "number":
      return { type: "number", value: key.value };
    case "order":
      return { type: "order", itemIds: key.itemIds };
    case "match":
      return { type: "match", pairs: key.pairs };
  }
}
