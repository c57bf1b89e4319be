import { describe, expect, it } from "vitest";
import { quizFiles } from "@/content/quizzes";
import { gradeQuestion } from "@/domain/quiz/grade";
import { parseQuiz, type CorrectAnswer, type QuestionResponse, type Quiz } from "@/domain/quiz/schema";
import { localizeQuiz, parseQuizTranslation, textPairs, type QuizTranslationInput } from "@/domain/quiz/translation";
import { resolveQuestion, toPublicQuiz } from "@/domain/quiz/variant";
import { getQuiz, loadQuizRegistry } from "@/lib/quiz/registry.server";
import { keyResponse } from "@/tests/support/quiz-responses";

const registry = loadQuizRegistry();
const CJK = /[\u3400-\u9fff]/;

/** Words that may stand in an otherwise English-looking text: code, tools, numbers and TCP's names. */
function looksLikeCode(text: string): boolean {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .every((token) => /[^A-Za-z]/.test(token) || /^[A-Z0-9-]+$/.test(token) || ["Flags", "seq", "ack", "length", "win"].includes(token));
}

/** A wrong response for every question type, so that feedback and misconceptions are exercised. */
function wrongResponse(key: CorrectAnswer, quiz: Quiz, questionId: string): QuestionResponse {
  const question = quiz.questions.find((q) => q.id === questionId)!;
  switch (key.type) {
    case "single":
      return { type: "single", optionId: question.type === "single" ? question.options.find((o) => !o.correct)!.id : key.optionId };
    case "multiple":
      return { type: "multiple", optionIds: question.type === "multiple" ? question.options.filter((o) => !o.correct).map((o) => o.id) : [] };
    case "flags":
      return { type: "flags", flags: key.flags.includes("RST") ? ["SYN"] : ["RST"] };
    case "state":
      return { type: "state", state: key.state === "CLOSED" ? "LISTEN" : "CLOSED" };
    case "number":
      return { type: "number", value: (key.value + 0xffffffff) % 2 ** 32 };
    case "order":
      return { type: "order", itemIds: [...key.itemIds].reverse() };
    case "match": {
      const rights = Object.values(key.pairs);
      return { type: "match", pairs: Object.fromEntries(Object.keys(key.pairs).map((left, i) => [left, rights[(i + 1) % rights.length]!])) };
    }
  }
}

describe("Chinese quiz translations", () => {
  it("exist for every registered quiz, as content/<lesson>/quiz.zh.ts", () => {
    for (const file of quizFiles) {
      expect(file.translations?.zh?.source, file.source).toBe(file.source.replace(/quiz\.ts$/, "quiz.zh.ts"));
    }
    expect(registry.zh?.size).toBe(registry.en.size);
  });

  it.each(quizFiles.map((file) => [file.source, file] as const))("%s: every text is translated, with no English sentence left", (_source, file) => {
    const quiz = parseQuiz(file.quiz, file.source);
    const translation = file.translations!.zh!.translation;
    const pairs = textPairs(quiz, translation);
    // Every text field of the quiz has a translation (title, prompts, options, feedback, …).
    const englishTexts = JSON.stringify(file.quiz).match(/"(prompt|explanation|text|feedback|segment|left|title)":"/g)?.length ?? 0;
    expect(pairs.length).toBe(englishTexts);
    const untranslated = pairs.filter(({ translated }) => !CJK.test(translated) && !looksLikeCode(translated)).map(({ path, translated }) => `${path}: ${translated}`);
    expect(untranslated).toEqual([]);
    for (const { path, translated } of pairs) expect(translated.trim(), path).not.toBe("");
  });

  it("a missing, empty or extra id fails, naming the file and the id", () => {
    const file = quizFiles.find((f) => f.quiz.id === "three-way-handshake")!;
    const quiz = parseQuiz(file.quiz, file.source);
    const broken: QuizTranslationInput = structuredClone(file.translations!.zh!.translation);
    const whyThree = broken.questions["why-three"]!;
    whyThree.options!["room-for-data"]!.text = "  ";
    whyThree.options!["made-up"] = { text: "多出来的", feedback: "多余" };
    broken.questions["no-such-question"] = { prompt: "？", explanation: "。" };
    delete broken.questions["handshake-state"]!.wrongState;
    let message = "";
    try {
      parseQuizTranslation(quiz, broken, "content/three-way-handshake/quiz.zh.ts");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('content/three-way-handshake/quiz.zh.ts does not match quiz "three-way-handshake"');
    expect(message).toContain('questions: "no-such-question": no such question in the English quiz');
    expect(message).toContain('questions.why-three.options: "made-up": no such option in the English quiz');
    expect(message).toContain("questions.why-three.options.room-for-data.text: must not be empty");
    expect(message).toContain("questions.handshake-state.wrongState: missing translation");
    // A copy was broken; the registered translation is untouched.
    expect(() => parseQuizTranslation(quiz, file.translations!.zh!.translation)).not.toThrow();
  });

  it("a text whose placeholders differ from the English fails", () => {
    const file = quizFiles.find((f) => f.quiz.id === "three-way-handshake")!;
    const quiz = parseQuiz(file.quiz, file.source);
    const good = file.translations!.zh!.translation;
    const broken = { ...good, questions: { ...good.questions, "synack-ack-number": { ...good.questions["synack-ack-number"]!, prompt: "客户端的 ISN 是 {isn}，确认号是多少？" } } };
    expect(() => parseQuizTranslation(quiz, broken, "x.zh.ts")).toThrow(
      "questions.synack-ack-number.prompt: uses placeholders {isn} where the English uses {clientIsn}",
    );
  });

  it.each([...registry.en.keys()])("%s: the Chinese projection carries no answer-side text, for many seeds", (id) => {
    const zh = getQuiz(id, "zh")!;
    const secrets: string[] = [];
    for (const question of zh.questions) {
      secrets.push(question.explanation.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!);
      for (const match of JSON.stringify(question).matchAll(/"(feedback|misconception|missedMisconception)":"([^"]+)"/g)) {
        secrets.push(match[2]!.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!);
      }
    }
    for (let seed = 0; seed < 40; seed++) {
      const json = JSON.stringify(toPublicQuiz(zh, seed * 7919, "zh"));
      for (const secret of secrets.filter((s) => s.length >= 8)) expect(json).not.toContain(secret);
      expect(json).not.toMatch(/"correct"|"expected"|"wrongBit"|"explanation"|"feedback"|"misconception|"mistakes"|"answer"|"right":\{/);
    }
  });

  it.each([...registry.en.keys()])("%s: generated Chinese prompts are well formed and grade like the English ones", (id) => {
    const en = getQuiz(id, "en")!;
    const zh = getQuiz(id, "zh")!;
    for (let n = 0; n < 80; n++) {
      const seed = (n * 2654435761) >>> 0;
      zh.questions.forEach((question, index) => {
        const english = resolveQuestion(en.questions[index]!, seed, "en");
        const chinese = resolveQuestion(question, seed, "zh");
        const prompt = chinese.public.prompt;
        expect(prompt, `${id}/${question.id}`).not.toMatch(/\{\w+\}/);
        expect(prompt).toMatch(CJK);
        expect(prompt).not.toMatch(/\b(client|server)\b/);
        // The same variant: the same numbers, ladder, choices and answer key in both languages.
        expect(chinese.answer).toEqual(english.answer);
        if (question.type === "state" || question.type === "number") {
          // Every generated value the English prompt shows, the Chinese one shows too.
          expect((prompt.match(/\d+/g) ?? []).sort()).toEqual((english.public.prompt.match(/\d+/g) ?? []).sort());
        }
        const { prompt: _zhPrompt, ...zhRest } = chinese.public as { prompt: string } & Record<string, unknown>;
        const { prompt: _enPrompt, ...enRest } = english.public as { prompt: string } & Record<string, unknown>;
        const ids = (value: Record<string, unknown>) => JSON.stringify(value, (key, v) => (key === "text" || (key === "segment" && typeof v === "string") ? undefined : v));
        expect(ids(zhRest)).toBe(ids(enRest));
        // What is stored with an answer does not depend on the language.
        for (const response of [keyResponse(chinese.answer), wrongResponse(chinese.answer, zh, question.id)]) {
          const a = gradeQuestion(english, response);
          const b = gradeQuestion(chinese, response);
          expect(b.ok && a.ok).toBe(true);
          if (!a.ok || !b.ok) continue;
          expect({ ...b.grading, feedback: [], explanation: "" }).toEqual({ ...a.grading, feedback: [], explanation: "" });
          expect(b.grading.explanation).toMatch(CJK);
          expect(b.grading.explanation).not.toMatch(/\{\w+\}/);
          for (const feedback of b.grading.feedback) expect(feedback).not.toMatch(/\{\w+\}|\b(client|server)\b/);
        }
      });
    }
  });

  it("fills {host} and {peer} with the Chinese names and writes match feedback with Chinese punctuation", () => {
    const zh = getQuiz("closing-states", "zh")!;
    const state = resolveQuestion(zh.questions.find((q) => q.id === "half-open-close")!, 3, "zh");
    expect(state.public.prompt).toContain("客户端处于哪个状态");
    const match = resolveQuestion(zh.questions.find((q) => q.id === "state-waits-for")!, 3, "zh");
    const graded = gradeQuestion(match, wrongResponse(match.answer, zh, "state-waits-for"));
    expect(graded.ok && graded.grading.feedback[0]).toMatch(/^[A-Z-0-9]+：.+。$/);
  });

  it("the localized quiz keeps every id, key and tag of the English one", () => {
    for (const file of quizFiles) {
      const quiz = parseQuiz(file.quiz, file.source);
      const localized = localizeQuiz(quiz, parseQuizTranslation(quiz, file.translations!.zh!.translation));
      const skeleton = (q: Quiz) =>
        JSON.stringify(q, (key, value) => (["prompt", "explanation", "text", "feedback", "segment", "left", "title"].includes(key) ? undefined : value));
      expect(skeleton(localized)).toBe(skeleton(quiz));
    }
  });
});
