import "server-only";
import { z } from "zod";
import { parseStoredJson } from "@/domain/stored-json";
import { randomInt } from "node:crypto";
import type { DiagnosticPhase } from "@/domain/learning/diagnostic";
import { share } from "@/domain/learning/gain";
import { gradeQuestion } from "@/domain/quiz/grade";
import { CONCEPTS, parseStoredResponse, type Concept, type PublicQuestion, type Question, type QuestionGrading, type QuestionResponse, type Quiz } from "@/domain/quiz/schema";
import { resolveQuestion } from "@/domain/quiz/variant";
import { questionKey } from "@/domain/review/items";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { refusal, type Refusal } from "../http/refusal";
import { isUniqueViolation } from "../db/unique-retry";
import { recordCompletionEvidence } from "../gradebook/evidence.server";
import { getQuiz } from "../quiz/registry.server";
import { lessonDiagnostic } from "./lesson-diagnostic.server";

export { lessonDiagnostic };
import { recordAnswerForReview } from "../review/queue.server";
import type { Locale } from "@/domain/locale";

/**
 * A lesson's diagnostic (ADR 1001): the same few questions of its quiz, once before the lesson
 * and once after it, each time with a fresh variant, for signed-in learners. The before-phase is
 * a measurement: it closes once the lesson is read (or its quiz begun), and its answers are not
 * revealed (so the after-phase still measures what the lesson taught). The after-phase opens once
 * the lesson is read; each answer is graded and explained, and a missed one enters the review
 * queue. Diagnostic answers do not count toward mastery.
 */

export type PhaseName = DiagnosticPhase;
const PHASE = { pre: "PRE", post: "POST" } as const;

export type DiagnosticError = "no-diagnostic" | "pre-closed" | "read-first" | "unknown-item" | "invalid-response";

type PhaseState = "open" | "in-progress" | "done" | "closed" | "locked";

export type PhaseView = {
  state: PhaseState;
  /** Correct answers and questions once the phase is done. */
  score: number | null;
  maxScore: number;
  submittedAt: Date | null;
};

export type ConceptBeforeAfter = { concept: Concept; pre: number | null; post: number | null };

export type DiagnosticStatus = {
  lessonSlug: string;
  questions: number;
  lessonRead: boolean;
  pre: PhaseView;
  post: PhaseView;
  /** Per concept, the share right before and after (null where that phase is not done). */
  concepts: ConceptBeforeAfter[];
};

/** Read to the end, marked done or completed. */
async function lessonRead(userId: string, lessonSlug: string): Promise<boolean> {
  const row = await db.lessonProgress.findUnique({ where: { userId_lessonSlug: { userId, lessonSlug } }, select: { readToEndAt: true, markedDoneAt: true, completedAt: true } });
  return Boolean(row?.readToEndAt || row?.markedDoneAt || row?.completedAt);
}

/** The before-phase measures what the learner knew before the lesson: not once it is read or its quiz begun. */
async function preClosed(userId: string, lessonSlug: string, quizId: string): Promise<boolean> {
  if (await lessonRead(userId, lessonSlug)) return true;
  return (await db.quizAnswer.count({ where: { attempt: { userId, quizId } } })) > 0;
}

const ATTEMPT = { id: true, phase: true, seed: true, questions: true, score: true, maxScore: true, startedAt: true, submittedAt: true } as const;

function storedQuestionKeys(json: string): string[] {
  return (parseStoredJson(z.array(z.unknown()), json) ?? []).filter((key): key is string => typeof key === "string");
}

/** The questions an attempt asked, in `locale` (a question no longer in the course is skipped). */
function attemptQuestions(keys: readonly string[], locale: Locale): Array<{ key: string; quiz: Quiz; question: Question }> {
  return keys.flatMap((key) => {
    const match = /^q:([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(key);
    const quiz = match ? getQuiz(match[1]!, locale) : null;
    const question = quiz?.questions.find((q) => q.id === match![2]);
    return quiz && question ? [{ key, quiz, question }] : [];
  });
}

export async function diagnosticStatus(user: CurrentUser, lessonSlug: string): Promise<DiagnosticStatus | null> {
  const userId = user.id;
  const diagnostic = lessonDiagnostic(lessonSlug);
  if (!diagnostic) return null;
  const [read, closed, attempts] = await Promise.all([
    lessonRead(userId, lessonSlug),
    preClosed(userId, lessonSlug, diagnostic.quiz.id),
    db.diagnosticAttempt.findMany({ where: { userId, lessonSlug }, select: { ...ATTEMPT, answers: { select: { concept: true, correct: true } } } }),
  ]);
  const pre = attempts.find((a) => a.phase === "PRE");
  const post = attempts.find((a) => a.phase === "POST");
  const view = (attempt: typeof pre, otherwise: PhaseState): PhaseView => ({
    state: attempt?.submittedAt ? "done" : otherwise === "open" && attempt ? "in-progress" : otherwise,
    score: attempt?.submittedAt ? attempt.score : null,
    maxScore: attempt?.maxScore ?? diagnostic.questions.length,
    submittedAt: attempt?.submittedAt ?? null,
  });
  const byConcept = (attempt: typeof pre, concept: Concept) => {
    if (!attempt?.submittedAt) return null;
    const answers = attempt.answers.filter((a) => a.concept === concept);
    return share({ correct: answers.filter((a) => a.correct).length, total: answers.length });
  };
  const concepts = CONCEPTS.filter((concept) => diagnostic.questions.some((q) => q.concept === concept));
  return {
    lessonSlug,
    questions: diagnostic.questions.length,
    lessonRead: read,
    pre: view(pre, closed ? "closed" : "open"),
    post: view(post, read ? "open" : "locked"),
    concepts: concepts.map((concept) => ({ concept, pre: byConcept(pre, concept), post: byConcept(post, concept) })),
  };
}

export type PublicDiagnosticItem = { index: number; concept: Concept; question: PublicQuestion };

export type StartedDiagnostic = {
  phase: PhaseName;
  items: PublicDiagnosticItem[];
  /** Indexes answered so far; after the lesson also their gradings (before it, answers are not revealed). */
  answered: Array<{ index: number; response: QuestionResponse; grading: QuestionGrading | null }>;
  done: boolean;
};

async function createOrFind(userId: string, lessonSlug: string, phase: PhaseName, keys: string[], now: Date) {
  try {
    return await db.diagnosticAttempt.create({
      data: { userId, lessonSlug, phase: PHASE[phase], seed: randomInt(0, 0x7fffffff), questions: JSON.stringify(keys), maxScore: keys.length, startedAt: now },
      select: ATTEMPT,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.diagnosticAttempt.findUniqueOrThrow({ where: { userId_lessonSlug_phase: { userId, lessonSlug, phase: PHASE[phase] } }, select: ATTEMPT });
  }
}

/** Whether a phase may be worked on now: before the lesson for "pre", after reading it for "post". */
async function phaseAllowed(userId: string, lessonSlug: string, quizId: string, phase: PhaseName): Promise<DiagnosticError | null> {
  if (phase === "pre") return (await preClosed(userId, lessonSlug, quizId)) ? "pre-closed" : null;
  return (await lessonRead(userId, lessonSlug)) ? null : "read-first";
}

function publicView(
  attempt: { seed: number; questions: string; phase: "PRE" | "POST"; submittedAt: Date | null },
  answers: ReadonlyArray<{ questionKey: string; response: string }>,
  locale: Locale,
): StartedDiagnostic {
  const questions = attemptQuestions(storedQuestionKeys(attempt.questions), locale);
  const reveal = attempt.phase === "POST";
  return {
    phase: attempt.phase === "PRE" ? "pre" : "post",
    items: questions.map(({ question }, index) => ({
      index,
      concept: question.concept,
      question: { ...resolveQuestion(question, attempt.seed, locale).public, id: `item-${index + 1}` },
    })),
    answered: answers.flatMap((answer) => {
      const index = questions.findIndex((q) => q.key === answer.questionKey);
      const response = parseStoredResponse(answer.response);
      if (index < 0 || !response) return [];
      const graded = reveal ? gradeQuestion(resolveQuestion(questions[index]!.question, attempt.seed, locale), response) : null;
      return [{ index, response, grading: graded?.ok ? { ...graded.grading, questionId: `item-${index + 1}` } : null }];
    }),
    done: attempt.submittedAt !== null,
  };
}

/**
 * Starts a phase of a lesson's diagnostic, or resumes it; a finished phase comes back as it was
 * (before-phase answers still unrevealed). A phase not open now is refused with the reason.
 */
export async function startDiagnostic(
  user: CurrentUser,
  lessonSlug: string,
  phase: PhaseName,
  { locale = "en", now = new Date() }: { locale?: Locale; now?: Date } = {},
): Promise<{ ok: true; diagnostic: StartedDiagnostic } | Refusal<DiagnosticError>> {
  const userId = user.id;
  const diagnostic = lessonDiagnostic(lessonSlug);
  if (!diagnostic) return refusal("no-diagnostic");
  const existing = await db.diagnosticAttempt.findUnique({ where: { userId_lessonSlug_phase: { userId, lessonSlug, phase: PHASE[phase] } }, select: ATTEMPT });
  if (!existing?.submittedAt) {
    const refused = await phaseAllowed(userId, lessonSlug, diagnostic.quiz.id, phase);
    if (refused) return refusal(refused);
  }
  const attempt = existing ?? (await createOrFind(userId, lessonSlug, phase, diagnostic.questions.map((q) => questionKey(diagnostic.quiz.id, q.id)), now));
  const answers = await db.diagnosticAnswer.findMany({ where: { attemptId: attempt.id }, select: { questionKey: true, response: true }, orderBy: { answeredAt: "asc" } });
  return { ok: true, diagnostic: publicView(attempt, answers, locale) };
}

export type DiagnosticAnswerResult = {
  index: number;
  /** After the lesson only: the grading, with the answer and the explanation. */
  grading: QuestionGrading | null;
  answered: number;
  total: number;
  done: boolean;
};

/**
 * Stores the answer to one question of a phase (the first answer stands). The phase must still
 * be open: a before-phase left unfinished closes when the lesson is read and is never counted.
 */
export async function submitDiagnosticAnswer(
  user: CurrentUser,
  lessonSlug: string,
  phase: PhaseName,
  index: number,
  response: QuestionResponse,
  { locale = "en", now = new Date() }: { locale?: Locale; now?: Date } = {},
): Promise<{ ok: true; answer: DiagnosticAnswerResult } | Refusal<DiagnosticError>> {
  const userId = user.id;
  const diagnostic = lessonDiagnostic(lessonSlug);
  if (!diagnostic) return refusal("no-diagnostic");
  const attempt = await db.diagnosticAttempt.findUnique({ where: { userId_lessonSlug_phase: { userId, lessonSlug, phase: PHASE[phase] } }, select: ATTEMPT });
  if (!attempt) return refusal("unknown-item");
  const questions = attemptQuestions(storedQuestionKeys(attempt.questions), locale);
  const entry = questions[index];
  if (!entry) return refusal("unknown-item");
  const graded = gradeQuestion(resolveQuestion(entry.question, attempt.seed, locale), response);
  if (!graded.ok) return refusal("invalid-response");

  let grading = graded.grading;
  let stored = false;
  if (!attempt.submittedAt) {
    const refused = await phaseAllowed(userId, lessonSlug, diagnostic.quiz.id, phase);
    if (refused) return refusal(refused);
    try {
      const answer = await db.diagnosticAnswer.create({
        data: {
          attemptId: attempt.id,
          questionKey: entry.key,
          concept: entry.question.concept,
          response: JSON.stringify(response),
          correct: grading.correct,
          misconception: grading.misconceptions.length ? grading.misconceptions.join(",") : null,
          answeredAt: now,
        },
        select: { id: true },
      });
      stored = true;
      // After the lesson a missed question enters the review queue.
      if (phase === "post") {
        await recordAnswerForReview(userId, { id: answer.id, source: "diagnostic", key: entry.key, concept: entry.question.concept, correct: grading.correct, at: now });
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  if (!stored) {
    const first = await db.diagnosticAnswer.findUnique({ where: { attemptId_questionKey: { attemptId: attempt.id, questionKey: entry.key } }, select: { response: true } });
    const firstResponse = first ? parseStoredResponse(first.response) : null;
    const regraded = firstResponse ? gradeQuestion(resolveQuestion(entry.question, attempt.seed, locale), firstResponse) : null;
    if (!first) return refusal("unknown-item");
    if (regraded?.ok) grading = regraded.grading;
  }
  const answers = await db.diagnosticAnswer.findMany({ where: { attemptId: attempt.id }, select: { correct: true } });
  const done = answers.length >= questions.length;
  if (done) {
    const finished = await db.diagnosticAttempt.updateMany({
      where: { id: attempt.id, submittedAt: null },
      data: { submittedAt: now, score: answers.filter((a) => a.correct).length, maxScore: questions.length },
    });
    // The after-check handed in completes the lesson's diagnostic assignments (ADR 1002).
    if (finished.count === 1 && phase === "post") await recordCompletionEvidence(userId, "DIAGNOSTIC", lessonSlug, { doneAt: now, handedInAt: now });
  }
  return {
    ok: true,
    answer: {
      index,
      grading: phase === "post" ? { ...grading, questionId: `item-${index + 1}` } : null,
      answered: answers.length,
      total: questions.length,
      done,
    },
  };
}
