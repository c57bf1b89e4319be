/**
 * Demo data: an instructor, students, a class with a join code, and assignments with a realistic
 * gradebook (quiz attempts and lesson progress spread over the past two weeks).
 * Idempotent: running it again changes nothing. `--if-empty` seeds only a database without users
 * (what the quick start does). Credentials are listed in README.md.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "../lib/auth/password.server";
import { createPrismaClient } from "../lib/db.server";
import type { Question, Quiz } from "../domain/quiz/schema";
import { getQuiz, quizzesForLesson } from "../lib/quiz/registry.server";
import { seedLearning } from "./demo-learning";
import { DEMO_ASSIGNMENT, DEMO_CLASS, DEMO_CLASSMATES, DEMO_MORE_ASSIGNMENTS, DEMO_STANDINGS, DEMO_USERS, DEMO_WORK, days, type DemoWork } from "./demo-data";

const db = createPrismaClient(process.env.DATABASE_URL);

async function upsertUser(user: { email: string; name: string; role: "STUDENT" | "INSTRUCTOR" | "ADMIN"; password: string }) {
  const existing = await db.user.findUnique({ where: { email: user.email } });
  if (existing) return existing;
  return db.user.create({
    data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) },
  });
}

async function seed() {
  const classmates = DEMO_CLASSMATES.map((c) => ({ ...c, role: "STUDENT" as const, password: "learn-tcp-demo" }));
  const [instructor, ...students] = await Promise.all([...DEMO_USERS, ...classmates].map(upsertUser));
  if (!instructor) throw new Error("demo data has no instructor");

  const classroom =
    (await db.classroom.findUnique({ where: { joinCode: DEMO_CLASS.joinCode } })) ??
    (await db.classroom.create({
      data: {
        name: DEMO_CLASS.name,
        joinCode: DEMO_CLASS.joinCode,
        inviteToken: randomBytes(18).toString("base64url"),
        timeZone: DEMO_CLASS.timeZone,
      },
    }));

  await db.classInstructor.upsert({
    where: { classId_userId: { classId: classroom.id, userId: instructor.id } },
    create: { classId: classroom.id, userId: instructor.id, isOwner: true },
    update: {},
  });
  // The class started two weeks ago: an instructor sees work from enrollment on (docs/gradebook.md).
  for (const student of students) {
    await db.enrollment.upsert({
      where: { classId_userId: { classId: classroom.id, userId: student.id } },
      create: { classId: classroom.id, userId: student.id, joinedAt: days(-14, Date.now()) },
      update: {},
    });
  }

  const existingAssignment = await db.assignment.findFirst({ where: { classId: classroom.id, title: DEMO_ASSIGNMENT.title } });
  if (!existingAssignment) {
    const now = Date.now();
    await db.assignment.create({
      data: {
        classId: classroom.id,
        createdById: instructor.id,
        title: DEMO_ASSIGNMENT.title,
        instructions: DEMO_ASSIGNMENT.instructions,
        targetType: DEMO_ASSIGNMENT.targetType,
        targetId: DEMO_ASSIGNMENT.targetId,
        points: DEMO_ASSIGNMENT.points,
        opensAt: new Date(now - 60 * 60 * 1000),
        dueAt: new Date(now + 7 * 24 * 60 * 60 * 1000),
      },
    });
  }

  // Past assignments and the work students did on them, written once: later runs keep it as it is.
  const now = Date.now();
  for (const spec of DEMO_MORE_ASSIGNMENTS) {
    const existing = await db.assignment.findFirst({ where: { classId: classroom.id, title: spec.title } });
    if (existing) continue;
    await db.assignment.create({
      data: {
        classId: classroom.id,
        createdById: instructor.id,
        title: spec.title,
        instructions: spec.instructions,
        targetType: spec.targetType,
        targetId: spec.targetId,
        points: spec.points,
        opensAt: days(spec.opensInDays, now),
        dueAt: days(spec.dueInDays, now),
        latePolicy: spec.latePolicy,
        latePenaltyPercent: spec.latePenaltyPercent,
      },
    });
  }
  for (const student of students) {
    await seedWork(student.id, DEMO_WORK[student.email] ?? {}, now);
  }
  // Lesson diagnostics and review queues (docs/learning.md).
  await seedLearning(db, students, now);
  // An excused student and an extension, so every status and the effective due date show.
  for (const { email, assignment: key, excused, extendedByDays } of DEMO_STANDINGS) {
    const student = students.find((s) => s.email === email);
    const spec = DEMO_MORE_ASSIGNMENTS.find((a) => a.key === key);
    const assignment = spec && (await db.assignment.findFirst({ where: { classId: classroom.id, title: spec.title } }));
    if (!student || !assignment) continue;
    if (excused) {
      await db.assignmentExcusal.upsert({
        where: { assignmentId_userId: { assignmentId: assignment.id, userId: student.id } },
        create: { assignmentId: assignment.id, userId: student.id, excusedById: instructor.id, note: excused },
        update: {},
      });
    }
    if (extendedByDays) {
      await db.assignmentExtension.upsert({
        where: { assignmentId_userId: { assignmentId: assignment.id, userId: student.id } },
        create: { assignmentId: assignment.id, userId: student.id, dueAt: new Date(assignment.dueAt.getTime() + extendedByDays * 24 * 60 * 60 * 1000) },
        update: {},
      });
    }
  }
}

/** A response in the quiz contract's terms (JSON of QuestionResponse), right or typically wrong, with its misconception. */
function demoAnswer(question: Question, wrong: boolean): { response: string; misconception: string | null } | null {
  switch (question.type) {
    case "single": {
      const option = wrong ? question.options.find((o) => !o.correct) : question.options.find((o) => o.correct);
      return option ? { response: JSON.stringify({ type: "single", optionId: option.id }), misconception: option.misconception ?? null } : null;
    }
    case "multiple": {
      const correct = question.options.filter((o) => o.correct);
      const chosen = wrong ? correct.slice(0, 1) : correct;
      const missed = wrong ? correct.slice(1).find((o) => o.missedMisconception)?.missedMisconception : undefined;
      const wrongOption = question.options.find((o) => !o.correct);
      const misconception = wrong ? (missed ?? wrongOption?.misconception ?? null) : null;
      return { response: JSON.stringify({ type: "multiple", optionIds: chosen.map((o) => o.id) }), misconception };
    }
    case "flags": {
      // The common slip: leaving out the last expected bit.
      const dropped = question.expected[question.expected.length - 1];
      const flags = wrong ? question.expected.slice(0, -1) : question.expected;
      const misconception = wrong && dropped ? (question.wrongBit[dropped]?.misconception ?? null) : null;
      return { response: JSON.stringify({ type: "flags", flags }), misconception };
    }
    case "order": {
      const ids = question.items.map((i) => i.id);
      if (wrong) [ids[0], ids[1]] = [ids[1] as string, ids[0] as string];
      return { response: JSON.stringify({ type: "order", itemIds: ids }), misconception: wrong ? question.misconception : null };
    }
    case "match": {
      const pairs = Object.fromEntries(question.pairs.map((p) => [p.id, p.right.id]));
      const [first, second] = question.pairs;
      if (wrong && first && second) [pairs[first.id], pairs[second.id]] = [second.right.id, first.right.id];
      return { response: JSON.stringify({ type: "match", pairs }), misconception: wrong ? (first?.misconception ?? null) : null };
    }
    default:
      // state and number questions are generated per attempt by the engine: not part of the demo answers.
      return null;
  }
}

async function seedWork(userId: string, work: DemoWork, now: number) {
  for (const key of ["handshake", "teardown"] as const) {
    const lesson = work[key];
    if (!lesson) continue;
    const slug = DEMO_MORE_ASSIGNMENTS.find((a) => a.key === key)?.targetId as string;
    const completedAt = lesson.completed === undefined ? null : days(lesson.completed, now);
    const existing = await db.lessonProgress.findUnique({ where: { userId_lessonSlug: { userId, lessonSlug: slug } } });
    if (existing) continue;
    await db.lessonProgress.create({ data: { userId, lessonSlug: slug, startedAt: days(lesson.started, now), readToEndAt: completedAt, completedAt } });
    // The completion is also the evidence assignments count (lib/gradebook/evidence.server.ts).
    if (completedAt) await db.completionEvidence.create({ data: { userId, targetType: "LESSON", targetId: slug, doneAt: completedAt, handedInAt: completedAt } });
  }
  // The completion rule needs the lesson's quiz passed: a completed lesson comes with a passing attempt.
  for (const key of ["handshake", "teardown"] as const) {
    const completed = work[key]?.completed;
    const slug = DEMO_MORE_ASSIGNMENTS.find((a) => a.key === key)?.targetId as string;
    if (completed === undefined) continue;
    for (const quiz of quizzesForLesson(slug)) {
      await seedAttempt(userId, quiz, `demo-${quiz.id}-passed`, { day: completed - 0.01, wrong: [] }, now);
    }
  }
  const quiz = getQuiz("tcp-header-and-flags");
  if (!quiz || !work.quiz) return;
  for (const [index, attempt] of work.quiz.entries()) {
    await seedAttempt(userId, quiz, `demo-${quiz.id}-${index}`, attempt, now, 1000 + index);
  }
}

/** One finished attempt with answers to the quiz's fixed questions, written once. */
async function seedAttempt(userId: string, quiz: Quiz, clientKey: string, attempt: { day: number; wrong: string[] }, now: number, seed = 2000) {
  if (await db.quizAttempt.findUnique({ where: { userId_clientKey: { userId, clientKey } } })) return;
  const submittedAt = days(attempt.day, now);
  const answers = quiz.questions.flatMap((question, q) => {
    const answer = demoAnswer(question, attempt.wrong.includes(question.id));
    if (!answer) return [];
    const correct = !attempt.wrong.includes(question.id);
    return [{ questionId: question.id, concept: question.concept, correct, points: correct ? 1 : 0, ...answer, answeredAt: new Date(submittedAt.getTime() - (20 - q) * 30_000) }];
  });
  const score = answers.filter((a) => a.correct).length;
  await db.quizAttempt.create({
    data: {
      userId,
      quizId: quiz.id,
      clientKey,
      variantSeed: seed,
      startedAt: new Date(submittedAt.getTime() - 12 * 60_000),
      submittedAt,
      score,
      maxScore: answers.length,
      passed: score / answers.length >= quiz.passThreshold,
      answers: { create: answers },
    },
  });
}

async function main() {
  if (process.argv.includes("--if-empty") && (await db.user.count()) > 0) {
    console.log("Database already has users: not seeding.");
    return;
  }
  await seed();
  console.log(`Seeded demo data: ${DEMO_USERS.map((u) => u.email).join(", ")} and ${DEMO_CLASSMATES.length} more students; class code ${DEMO_CLASS.joinCode}.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
