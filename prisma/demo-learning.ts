/**
 * Demo data for learning gain and spaced review (docs/learning.md): the demo class's lesson
 * diagnostics, and review queues built from the demo students' missed quiz answers by the same
 * rules as live answers. Idempotent, like the rest of the seed.
 */
import type { Db } from "../lib/db.server";
import type { Question, QuestionResponse } from "../domain/quiz/schema";
import { resolveQuestion } from "../domain/quiz/variant";
import { questionKey } from "../domain/review/items";
import { lessonDiagnostic } from "../lib/learning/lesson-diagnostic.server";
import { recordAnswerForReview } from "../lib/review/queue.server";
import { keyResponse } from "../tests/support/quiz-responses";
import { DEMO_DIAGNOSTICS, DEMO_MORE_ASSIGNMENTS, DEMO_WORK, days } from "./demo-data";

/** A response of the right shape that is wrong. */
function wrongResponse(question: Question, seed: number): QuestionResponse {
  const key = resolveQuestion(question, seed).answer;
  switch (key.type) {
    case "single":
      return { type: "single", optionId: question.type === "single" ? (question.options.find((o) => !o.correct)?.id ?? key.optionId) : key.optionId };
    case "multiple":
      return { type: "multiple", optionIds: key.optionIds.slice(0, Math.max(0, key.optionIds.length - 1)) };
    case "flags":
      return { type: "flags", flags: key.flags.includes("RST") ? ["SYN"] : ["RST"] };
    case "state":
      return { type: "state", state: key.state === "CLOSED" ? "LISTEN" : "CLOSED" };
    case "number":
      return { type: "number", value: (key.value + 1) % 2 ** 32 };
    case "order":
      return { type: "order", itemIds: [...key.itemIds].reverse() };
    case "match":
      return { type: "match", pairs: {} };
  }
}

export async function seedLearning(db: Db, users: ReadonlyArray<{ id: string; email: string }>, now: number) {
  for (const user of users) {
    const plan = DEMO_DIAGNOSTICS[user.email];
    const work = DEMO_WORK[user.email];
    for (const key of ["handshake", "teardown"] as const) {
      const scores = plan?.[key];
      const lesson = work?.[key];
      const slug = DEMO_MORE_ASSIGNMENTS.find((a) => a.key === key)?.targetId as string;
      const diagnostic = lessonDiagnostic(slug);
      if (!scores || !lesson || !diagnostic) continue;
      const phases: Array<{ phase: "PRE" | "POST"; right: number; day: number }> = [{ phase: "PRE", right: scores.pre, day: lesson.started - 0.05 }];
      if (scores.post !== undefined && lesson.completed !== undefined) phases.push({ phase: "POST", right: scores.post, day: lesson.completed + 0.05 });
      for (const [p, { phase, right, day }] of phases.entries()) {
        if (await db.diagnosticAttempt.findUnique({ where: { userId_lessonSlug_phase: { userId: user.id, lessonSlug: slug, phase } } })) continue;
        const seed = 3000 + p;
        const at = days(day, now);
        // Which questions are right varies by student, so concepts differ across the class.
        const offset = user.email.length % diagnostic.questions.length;
        const answers = diagnostic.questions.map((question, index) => {
          const correct = (index + offset) % diagnostic.questions.length < right;
          const response = correct ? keyResponse(resolveQuestion(question, seed).answer) : wrongResponse(question, seed);
          return { questionKey: questionKey(diagnostic.quiz.id, question.id), concept: question.concept, response: JSON.stringify(response), correct, answeredAt: new Date(at.getTime() + index * 40_000) };
        });
        await db.diagnosticAttempt.create({
          data: {
            userId: user.id,
            lessonSlug: slug,
            phase,
            seed,
            questions: JSON.stringify(answers.map((a) => a.questionKey)),
            score: answers.filter((a) => a.correct).length,
            maxScore: answers.length,
            startedAt: at,
            submittedAt: new Date(at.getTime() + answers.length * 40_000),
            answers: { create: answers },
          },
        });
      }
    }
    // The demo quiz answers were written directly: queue their misses for review, in order.
    const missed = await db.quizAnswer.findMany({
      where: { attempt: { userId: user.id }, correct: false },
      orderBy: { answeredAt: "asc" },
      select: { id: true, concept: true, questionId: true, answeredAt: true, attempt: { select: { quizId: true } } },
    });
    for (const answer of missed) {
      await recordAnswerForReview(user.id, {
        id: answer.id,
        source: "quiz",
        key: questionKey(answer.attempt.quizId, answer.questionId),
        concept: answer.concept as Question["concept"],
        correct: false,
        at: answer.answeredAt,
      });
    }
  }
}
