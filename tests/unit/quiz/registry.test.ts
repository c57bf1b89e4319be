import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { quizFiles } from "@/content/quizzes";
import type { QuestionOf } from "@/domain/quiz/schema";
import { gradeQuestion } from "@/domain/quiz/grade";
import { resolveQuestion } from "@/domain/quiz/variant";
import { loadQuizzes } from "@/lib/quiz/registry.server";

const CONTENT = path.join(process.cwd(), "content");
const MOD = 2 ** 32;
const quizzes = [...loadQuizzes().values()];

/** Every `<Quiz id="…" />` in every lesson file. */
function embeddedQuizIds(): Array<{ file: string; id: string }> {
  return readdirSync(CONTENT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(path.join(CONTENT, entry.name))
        .filter((name) => name.endsWith(".mdx"))
        .flatMap((name) => {
          const text = readFileSync(path.join(CONTENT, entry.name, name), "utf8");
          return [...text.matchAll(/<Quiz\s+id="([^"]+)"/g)].map((m) => ({ file: `${entry.name}/${name}`, id: m[1]! }));
        }),
    );
}

/** The answer a number question must have, from its own variables, without the engine. */
function independentAnswer(question: QuestionOf<"number">, v: Record<string, string | number>): number {
  const n = (name: string) => Number(v[name]);
  switch (question.generator) {
    case "synack-ack":
      return (n("clientIsn") + 1) % MOD;
    case "data-ack":
    case "fin-seq":
      return (n("dataSeq") + n("bytes")) % MOD;
    case "fin-ack":
      return (n("finSeq") + 1) % MOD;
  }
}

describe("registered quizzes", () => {
  it("parse, have unique ids and belong to an existing lesson", () => {
    expect(quizzes.length).toBe(quizFiles.length);
    for (const quiz of quizzes) expect(existsSync(path.join(CONTENT, quiz.lessonSlug, "index.mdx")), quiz.lessonSlug).toBe(true);
  });

  it("every content/<lesson>/quiz.ts is registered", () => {
    const files = readdirSync(CONTENT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(CONTENT, entry.name, "quiz.ts")))
      .map((entry) => `content/${entry.name}/quiz.ts`);
    expect(quizFiles.map((file) => file.source).sort()).toEqual(files.sort());
  });

  it("every <Quiz id> in a lesson names a registered quiz of that lesson", () => {
    const embeds = embeddedQuizIds();
    expect(embeds.length).toBeGreaterThan(0);
    for (const { file, id } of embeds) {
      const quiz = quizzes.find((q) => q.id === id);
      expect(quiz, `${file}: <Quiz id="${id}">`).toBeDefined();
      expect(file.startsWith(`${quiz!.lessonSlug}/`), `${file} embeds a quiz of another lesson`).toBe(true);
    }
  });

  it("lesson 1 has at least 6 questions including flags and number questions", () => {
    const quiz = quizzes.find((q) => q.id === "tcp-header-and-flags")!;
    expect(quiz.questions.length).toBeGreaterThanOrEqual(6);
    expect(quiz.questions.map((q) => q.type)).toEqual(expect.arrayContaining(["flags", "number", "single", "multiple"]));
    expect(quiz.questions.some((q) => q.id === "ack-field-valid")).toBe(true);
  });

  it.each(quizzes.map((quiz) => [quiz.id, quiz] as const))("%s: every generated variant has a consistent answer key", (_id, quiz) => {
    for (let seed = 0; seed < 60; seed++) {
      const attemptSeed = (seed * 2654435761) >>> 0;
      for (const question of quiz.questions) {
        const resolved = resolveQuestion(question, attemptSeed);
        // The key always grades as correct.
        const key = resolved.answer;
        const response =
          key.type === "single" ? { type: "single" as const, optionId: key.optionId }
          : key.type === "multiple" ? { type: "multiple" as const, optionIds: key.optionIds }
          : key.type === "flags" ? { type: "flags" as const, flags: key.flags }
          : key.type === "state" ? { type: "state" as const, state: key.state }
          : key.type === "number" ? { type: "number" as const, value: key.value }
          : key.type === "order" ? { type: "order" as const, itemIds: key.itemIds }
          : { type: "match" as const, pairs: key.pairs };
        expect(gradeQuestion(resolved, response)).toMatchObject({ ok: true, grading: { correct: true } });
        if (question.type === "number" && key.type === "number") {
          expect(key.value).toBe(independentAnswer(question, resolved.variables));
        }
        if (resolved.public.type === "state" && key.type === "state") expect(resolved.public.choices).toContain(key.state);
        expect(resolved.public.prompt).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
