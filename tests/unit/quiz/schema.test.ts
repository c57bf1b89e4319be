import { describe, expect, it } from "vitest";
import { parseQuiz, questionResponseSchema, quizSchema, type QuestionInput } from "@/domain/quiz/schema";
import { sampleQuestions, sampleQuiz } from "./fixtures";

/** Parses a quiz made of `questions` and returns the error text ("" when valid). */
function problems(questions: unknown[], overrides: Record<string, unknown> = {}): string {
  try {
    parseQuiz({ id: "bad-quiz", lessonSlug: "some-lesson", title: "Bad", passThreshold: 0.5, questions, ...overrides }, "content/some-lesson/quiz.ts");
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

const clone = <T>(value: T): T => structuredClone(value);

describe("quiz schema", () => {
  it("accepts a quiz with every question type and fills defaults", () => {
    const quiz = sampleQuiz();
    expect(quiz.questions.map((q) => q.type)).toEqual(["single", "multiple", "flags", "order", "match", "number", "state"]);
    const number = quiz.questions.find((q) => q.type === "number");
    expect(number).toMatchObject({ numbering: "absolute" });
    const state = quiz.questions.find((q) => q.type === "state");
    expect(state?.type === "state" && state.source.kind === "scenario" && state.source.moment).toBe("delivered");
  });

  it("names the file and every problem with its path", () => {
    const message = problems([], { passThreshold: 1.5, id: "Not Kebab" });
    expect(message).toContain("content/some-lesson/quiz.ts is not a valid quiz:");
    expect(message).toMatch(/- id: ids are lowercase kebab-case/);
    expect(message).toMatch(/- passThreshold: .*<=1/);
    expect(message).toMatch(/- questions: a quiz needs at least 1 question/);
  });

  it("requires a misconception on every wrong option", () => {
    const single = clone(sampleQuestions.single) as QuestionInput & { options: Array<Record<string, unknown>> };
    delete single.options[1]!.misconception;
    expect(problems([single])).toContain('questions.0.options.1.misconception: option "opt-fin" is wrong, so it needs a misconception tag');
  });

  it("requires exactly one correct option in a single-choice question", () => {
    const single = clone(sampleQuestions.single);
    single.options[1] = { ...single.options[1]!, correct: true } as never;
    expect(problems([single])).toContain("needs exactly 1 correct option, found 2");
    const none = clone(sampleQuestions.multiple);
    none.options[1] = { ...none.options[1]!, correct: false, misconception: "x-y" } as never;
    none.options[2] = { ...none.options[2]!, correct: false, misconception: "x-z" } as never;
    expect(problems([none])).toContain("needs at least 1 correct option");
  });

  it("rejects duplicate question and option ids", () => {
    expect(problems([sampleQuestions.single, sampleQuestions.single])).toContain('questions.1.id: duplicate question id "single-q"');
    const single = clone(sampleQuestions.single);
    single.options[2] = { ...single.options[2]!, id: "opt-fin" } as never;
    expect(problems([single])).toContain('duplicate option id "opt-fin"');
  });

  it("rejects ids that would give the answer away in the browser", () => {
    const single = clone(sampleQuestions.single);
    single.options[0] = { ...single.options[0]!, id: "the-correct-one" } as never;
    expect(problems([single])).toContain("must not say whether they are correct");
    const match = clone(sampleQuestions.match);
    match.pairs[0] = { ...match.pairs[0]!, right: { id: "fin-timeout", text: "x" } } as never;
    expect(problems([match])).toContain('right-hand choice id "fin-timeout" must differ from every pair id');
  });

  it("requires feedback for all five bits of a flags question", () => {
    const flags = clone(sampleQuestions.flags) as unknown as { wrongBit: Record<string, unknown> };
    delete flags.wrongBit.PSH;
    expect(problems([flags])).toContain("questions.0.wrongBit.PSH: each of SYN, ACK, FIN, RST and PSH needs { feedback, misconception }");
  });

  it("checks placeholders against the generator and keeps {answer} out of prompts", () => {
    const number = { ...clone(sampleQuestions.number), prompt: "The answer is {answer}; ISN {isn}" };
    const message = problems([number]);
    expect(message).toContain("questions.0.prompt: unknown placeholder {answer}");
    expect(message).toContain("unknown placeholder {isn}");
    expect(problems([{ ...clone(sampleQuestions.number), generator: "no-such-generator" }])).toMatch(/questions\.0\.generator/);
    expect(problems([{ ...clone(sampleQuestions.number), generator: "synack-ack", prompt: "ISN {clientIsn}", explanation: "x", payload: { min: 1, max: 2 } }])).toContain(
      "the synack-ack generator sends no data",
    );
  });

  it("rejects order mistakes that describe the correct order or unknown items", () => {
    const order = clone(sampleQuestions.order);
    order.mistakes = [
      { first: "client-fin", then: "server-ack", feedback: "x", misconception: "a-b" },
      { first: "nope", then: "client-fin", feedback: "x", misconception: "a-b" },
    ];
    const message = problems([order]);
    expect(message).toContain('mistakes[0] describes "client-fin" before "server-ack", which is the correct order');
    expect(message).toContain('mistakes[1].first "nope" is not an item id');
  });

  it("rejects unknown fields (typos do not pass silently) and bad misconception tags", () => {
    expect(problems([{ ...clone(sampleQuestions.single), explaination: "typo" }])).toMatch(/Unrecognized key.*explaination/);
    const single = clone(sampleQuestions.single);
    single.options[1] = { ...single.options[1]!, misconception: "Thinks FIN Opens" } as never;
    expect(problems([single])).toContain("misconception tags are lowercase kebab-case");
  });

  it("validates state sources and scenarios", () => {
    const state = clone(sampleQuestions.state) as unknown as { source: Record<string, unknown> };
    state.source = { kind: "generator", generator: "handshake", variants: ["active-close"] };
    expect(problems([state])).toContain("variants apply to the teardown generator only");
    const badAction = clone(sampleQuestions.state) as unknown as { source: { scenario: { actions: unknown[] } } };
    badAction.source.scenario.actions.push({ at: 5, host: "client", do: "explode" });
    expect(problems([badAction])).toMatch(/questions\.0\.source\.scenario\.actions\.3/);
  });

  it("validates learners' responses strictly", () => {
    expect(questionResponseSchema.safeParse({ type: "number", value: 42 }).success).toBe(true);
    expect(questionResponseSchema.safeParse({ type: "number", value: -1 }).success).toBe(false);
    expect(questionResponseSchema.safeParse({ type: "number", value: 2 ** 32 }).success).toBe(false);
    expect(questionResponseSchema.safeParse({ type: "flags", flags: ["SYN", "URG"] }).success).toBe(false);
    expect(questionResponseSchema.safeParse({ type: "single", optionId: "a", extra: 1 }).success).toBe(false);
    expect(questionResponseSchema.safeParse({ type: "state", state: "TIME_WAIT" }).success).toBe(false);
  });

  it("exposes the schema for editors and tools", () => {
    expect(quizSchema.safeParse({}).success).toBe(false);
  });
});
