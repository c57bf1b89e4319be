/**
 * Quizzes in other languages. A quiz is authored once, in English (`content/<lesson>/quiz.ts`);
 * a translation (`content/<lesson>/quiz.zh.ts`) holds only the text of every field, keyed by the
 * stable ids of questions, options, items, pairs, bits, states and mistakes. Answer keys,
 * generators, misconception tags and everything else stay in the English file, so grading,
 * stored answers and mastery do not depend on the language.
 *
 * A translation is checked against its quiz with a zod schema built from that quiz: a missing,
 * empty or extra id fails with one line per problem, and every text must use exactly the
 * `{placeholders}` its English counterpart uses. Browser-safe, like the schema.
 */
import { z } from "zod";
import { QUIZ_FLAGS, STATE_NAMES, quizSchema, type HostName, type Question, type Quiz, type QuizInput } from "./schema";
import type { Locale } from "@/domain/locale";

/** How `{host}` and `{peer}` read in generated prompts and explanations. */
export const HOST_LABELS: Readonly<Record<Locale, Readonly<Record<HostName, string>>>> = {
  en: { client: "client", server: "server" },
  zh: { client: "客户端", server: "服务端" },
};

/** The text of one question in another language. Which fields apply depends on the question's type. */
export type QuestionTranslation = {
  prompt: string;
  explanation: string;
  /** `single` / `multiple`: every option, by option id. */
  options?: Record<string, { text: string; feedback: string }>;
  /** `flags`: the segment to build. */
  segment?: string;
  /** `flags`: the feedback for each of the five bits. */
  wrongBit?: Partial<Record<(typeof QUIZ_FLAGS)[number], string>>;
  /** `state`: the feedback for each state the English quiz has feedback for. */
  wrongState?: Partial<Record<(typeof STATE_NAMES)[number], string>>;
  /**
   * `number`: feedback by offset, e.g. `{ "-1": "…" }`. `order`: feedback by `"first>then"`
   * (the mistake of putting `first` before `then`).
   */
  mistakes?: Record<string, string>;
  /** `order`: every item, by item id. */
  items?: Record<string, string>;
  /** `match`: both sides of every pair, by pair id. */
  pairs?: Record<string, { left: string; right: string }>;
  /** `match`: every distractor, by id. */
  distractors?: Record<string, string>;
};

export type QuizTranslationInput = {
  /** The id of the quiz this translates. */
  quiz: string;
  title: string;
  /** Every question of the quiz, by question id. */
  questions: Record<string, QuestionTranslation>;
};

/** The ids of a list of things that have one (options, items, pairs, distractors). */
type IdsOf<List> = List extends readonly (infer Item)[] ? (Item extends { id: infer Id extends string } ? Id : never) : never;

/** `{ field: { key: text } }` with exactly `Keys`, or nothing when there are none. */
type TextsBy<Field extends string, Keys extends string> = [Keys] extends [never] ? Record<never, never> : { [F in Field]: Record<Keys, string> };

type NumberMistakeKeys<Q> = Q extends { mistakes?: readonly (infer M)[] } ? (M extends { offset: infer N extends number } ? `${N}` : never) : never;
type OrderMistakeKeys<Q> = Q extends { mistakes?: readonly (infer M)[] } ? (M extends { first: infer F extends string; then: infer T extends string } ? `${F}>${T}` : never) : never;
type WrongStateKeys<Q> = Q extends { wrongState?: infer W } ? Extract<keyof NonNullable<W>, string> : never;

/** The translation of one question of a quiz defined with `defineQuiz`: exactly its keys. */
export type QuestionTranslationOf<Q> = { prompt: string; explanation: string } & (Q extends { type: "single" | "multiple"; options: infer Options }
  ? { options: Record<IdsOf<Options>, { text: string; feedback: string }> }
  : Q extends { type: "flags" }
    ? { segment: string; wrongBit: Record<(typeof QUIZ_FLAGS)[number], string> }
    : Q extends { type: "state" }
      ? TextsBy<"wrongState", WrongStateKeys<Q>>
      : Q extends { type: "number" }
        ? TextsBy<"mistakes", NumberMistakeKeys<Q>>
        : Q extends { type: "order"; items: infer Items }
          ? { items: Record<IdsOf<Items>, string> } & TextsBy<"mistakes", OrderMistakeKeys<Q>>
          : Q extends { type: "match"; pairs: infer Pairs }
            ? { pairs: Record<IdsOf<Pairs>, { left: string; right: string }> } & TextsBy<"distractors", Q extends { distractors?: infer D } ? IdsOf<NonNullable<D>> : never>
            : never);

/** The translation of a quiz defined with `defineQuiz`: every question id and every key of each, nothing else. */
export type QuizTranslationOf<Q extends QuizInput> = {
  quiz: Q["id"];
  title: string;
  questions: { [Question in Q["questions"][number] as Question["id"]]: QuestionTranslationOf<Question> };
};

/**
 * Identity helper for translation files, given the quiz's type:
 * `export default defineQuizTranslation<typeof quiz>({ … })` with `import type quiz from "./quiz"`.
 * A missing or extra question id, option, item, pair, bit, state or mistake is a compile error;
 * without the type argument nothing compiles. `parseQuizTranslation` still checks what types
 * cannot: empty texts and placeholders.
 */
export function defineQuizTranslation<Q extends QuizInput = never>(translation: NoInfer<QuizTranslationOf<Q>>): QuizTranslationInput {
  return translation;
}

// ---------------------------------------------------------------------------------------------
// Checking a translation against its quiz
// ---------------------------------------------------------------------------------------------

const text = z
  .string({ error: (issue) => (issue.input === undefined ? "missing translation" : "must be a string") })
  .trim()
  .min(1, "must not be empty")
  .max(2000, "at most 2000 characters");

const extraKeys = (what: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys" ? `${(issue.keys ?? []).map((key) => `"${key}"`).join(", ")}: no such ${what} in the English quiz` : undefined;

/** An object with exactly these keys, each a `value`. */
function exactly<T extends z.ZodType>(keys: readonly string[], value: T, what: string) {
  return z.strictObject(Object.fromEntries(keys.map((key) => [key, value])) as Record<string, T>, {
    error: (issue) => (issue.code === "unrecognized_keys" ? extraKeys(what)(issue) : issue.input === undefined ? "missing translation" : undefined),
  });
}

/** The key of an `order` mistake in a translation. */
export const orderMistakeKey = (mistake: { first: string; then: string }) => `${mistake.first}>${mistake.then}`;

function questionTranslationSchema(question: Question) {
  const base = { prompt: text, explanation: text };
  const object = (shape: Record<string, z.ZodType>) =>
    z.strictObject({ ...base, ...shape }, { error: (issue) => (issue.code === "unrecognized_keys" ? extraKeys(`field for a ${question.type} question`)(issue) : issue.input === undefined ? "missing translation" : undefined) });
  switch (question.type) {
    case "single":
    case "multiple":
      return object({ options: exactly(question.options.map((o) => o.id), z.strictObject({ text, feedback: text }), "option") });
    case "flags":
      return object({ segment: text, wrongBit: exactly(QUIZ_FLAGS, text, "flag") });
    case "state": {
      const states = Object.keys(question.wrongState ?? {});
      return object(states.length ? { wrongState: exactly(states, text, "state with feedback") } : {});
    }
    case "number": {
      const offsets = (question.mistakes ?? []).map((m) => String(m.offset));
      return object(offsets.length ? { mistakes: exactly(offsets, text, "mistake offset") } : {});
    }
    case "order": {
      const mistakes = (question.mistakes ?? []).map(orderMistakeKey);
      return object({
        items: exactly(question.items.map((i) => i.id), text, "item"),
        ...(mistakes.length ? { mistakes: exactly(mistakes, text, 'mistake ("first>then")') } : {}),
      });
    }
    case "match":
      return object({
        pairs: exactly(question.pairs.map((p) => p.id), z.strictObject({ left: text, right: text }), "pair"),
        ...(question.distractors.length ? { distractors: exactly(question.distractors.map((d) => d.id), text, "distractor") } : {}),
      });
  }
}

/** The zod schema a translation of `quiz` must satisfy: every id of the quiz, and nothing else. */
export function quizTranslationSchema(quiz: Quiz) {
  return z.strictObject(
    {
      quiz: z.literal(quiz.id, { error: `must be "${quiz.id}", the id of the quiz it translates` }),
      title: text,
      questions: exactly(
        quiz.questions.map((q) => q.id),
        z.unknown(),
        "question",
      ).superRefine((questions, ctx) => {
        for (const question of quiz.questions) {
          const parsed = questionTranslationSchema(question).safeParse(questions[question.id]);
          if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [question.id, ...issue.path] } as never);
        }
      }),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? extraKeys("field of a quiz translation")(issue) : undefined) },
  );
}

/** Every pair of (English text, translated text) with where it is, for the checks below. */
export function textPairs(quiz: Quiz, translation: QuizTranslationInput): Array<{ path: string; en: string; translated: string }> {
  const pairs: Array<{ path: string; en: string; translated: string }> = [{ path: "title", en: quiz.title, translated: translation.title }];
  for (const question of quiz.questions) {
    const t = translation.questions[question.id];
    if (!t) continue;
    const at = (...parts: (string | number)[]) => ["questions", question.id, ...parts].join(".");
    const add = (path: string, en: string, translated: string | undefined) => {
      if (translated !== undefined) pairs.push({ path, en, translated });
    };
    add(at("prompt"), question.prompt, t.prompt);
    add(at("explanation"), question.explanation, t.explanation);
    switch (question.type) {
      case "single":
      case "multiple":
        for (const option of question.options) {
          add(at("options", option.id, "text"), option.text, t.options?.[option.id]?.text);
          add(at("options", option.id, "feedback"), option.feedback, t.options?.[option.id]?.feedback);
        }
        break;
      case "flags":
        add(at("segment"), question.segment, t.segment);
        for (const flag of QUIZ_FLAGS) add(at("wrongBit", flag), question.wrongBit[flag].feedback, t.wrongBit?.[flag]);
        break;
      case "state":
        for (const [state, mistake] of Object.entries(question.wrongState ?? {})) add(at("wrongState", state), mistake.feedback, t.wrongState?.[state as keyof typeof t.wrongState]);
        break;
      case "number":
        for (const mistake of question.mistakes ?? []) add(at("mistakes", String(mistake.offset)), mistake.feedback, t.mistakes?.[String(mistake.offset)]);
        break;
      case "order":
        for (const item of question.items) add(at("items", item.id), item.text, t.items?.[item.id]);
        for (const mistake of question.mistakes ?? []) add(at("mistakes", orderMistakeKey(mistake)), mistake.feedback, t.mistakes?.[orderMistakeKey(mistake)]);
        break;
      case "match":
        for (const pair of question.pairs) {
          add(at("pairs", pair.id, "left"), pair.left, t.pairs?.[pair.id]?.left);
          add(at("pairs", pair.id, "right"), pair.right.text, t.pairs?.[pair.id]?.right);
        }
        for (const distractor of question.distractors) add(at("distractors", distractor.id), distractor.text, t.distractors?.[distractor.id]);
        break;
    }
  }
  return pairs;
}

const placeholdersOf = (value: string) => [...new Set([...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/**
 * Parses a translation of `quiz`; on failure the error names the file and lists every problem as
 * `path: message` (a missing, empty or extra id; a placeholder the English text does not have).
 */
export function parseQuizTranslation(quiz: Quiz, raw: unknown, source = "translation"): QuizTranslationInput {
  const result = quizTranslationSchema(quiz).safeParse(raw);
  const problems = result.success ? [] : result.error.issues.map((issue) => `  - ${issue.path.length ? issue.path.join(".") : "(translation)"}: ${issue.message}`);
  if (result.success) {
    const translation = result.data as QuizTranslationInput;
    for (const { path, en, translated } of textPairs(quiz, translation)) {
      const expected = placeholdersOf(en).join(", ");
      const found = placeholdersOf(translated).join(", ");
      if (expected !== found) problems.push(`  - ${path}: uses placeholders {${found}} where the English uses {${expected}}`);
    }
    if (problems.length === 0) return translation;
  }
  throw new Error(`${source} does not match quiz "${quiz.id}":\n${problems.join("\n")}`);
}

/**
 * The quiz with every text replaced by its translation; ids, keys, generators and misconception
 * tags unchanged. Validated again as a quiz, so a translated text breaks no rule of the schema.
 */
export function localizeQuiz(quiz: Quiz, translation: QuizTranslationInput, source = "translation"): Quiz {
  const t = translation.questions;
  const questions = quiz.questions.map((question): Question => {
    const q = t[question.id]!;
    const base = { ...question, prompt: q.prompt, explanation: q.explanation };
    switch (question.type) {
      case "single":
      case "multiple":
        return { ...question, ...base, options: question.options.map((o) => ({ ...o, text: q.options![o.id]!.text, feedback: q.options![o.id]!.feedback })) } as Question;
      case "flags":
        return {
          ...question,
          ...base,
          segment: q.segment!,
          wrongBit: Object.fromEntries(QUIZ_FLAGS.map((flag) => [flag, { ...question.wrongBit[flag], feedback: q.wrongBit![flag]! }])),
        } as Question;
      case "state":
        return {
          ...question,
          ...base,
          ...(question.wrongState
            ? { wrongState: Object.fromEntries(Object.entries(question.wrongState).map(([state, m]) => [state, { ...m, feedback: q.wrongState![state as keyof typeof q.wrongState]! }])) }
            : {}),
        } as Question;
      case "number":
        return { ...question, ...base, ...(question.mistakes ? { mistakes: question.mistakes.map((m) => ({ ...m, feedback: q.mistakes![String(m.offset)]! })) } : {}) } as Question;
      case "order":
        return {
          ...question,
          ...base,
          items: question.items.map((item) => ({ ...item, text: q.items![item.id]! })),
          ...(question.mistakes ? { mistakes: question.mistakes.map((m) => ({ ...m, feedback: q.mistakes![orderMistakeKey(m)]! })) } : {}),
        } as Question;
      case "match":
        return {
          ...question,
          ...base,
          pairs: question.pairs.map((pair) => ({ ...pair, left: q.pairs![pair.id]!.left, right: { ...pair.right, text: q.pairs![pair.id]!.right } })),
          distractors: question.distractors.map((d) => ({ ...d, text: q.distractors![d.id]! })),
        } as Question;
    }
  });
  const localized = quizSchema.safeParse({ ...quiz, title: translation.title, questions });
  if (!localized.success) {
    throw new Error(`${source}: the translated quiz "${quiz.id}" breaks a rule of the quiz schema:\n${localized.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  return localized.data;
}
