-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "declinedAt" TIMESTAMP(3),
ADD COLUMN     "emailedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "acceptEarlierWork" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ungraded" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CompletionEvidence" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "targetType" "AssignmentTarget" NOT NULL,
    "targetId" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL,
    "handedInAt" TIMESTAMP(3) NOT NULL,
    "signedOut" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "CompletionEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpentReceipt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "spentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpentReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitorQuizAnswer" (
    "id" TEXT NOT NULL,
    "visitor" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "variantSeed" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitorQuizAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentExcusal" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "excusedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssignmentExcusal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CompletionEvidence_userId_targetType_targetId_doneAt_idx" ON "CompletionEvidence"("userId", "targetType", "targetId", "doneAt");

-- CreateIndex
CREATE INDEX "SpentReceipt_userId_idx" ON "SpentReceipt"("userId");

-- CreateIndex
CREATE INDEX "VisitorQuizAnswer_answeredAt_idx" ON "VisitorQuizAnswer"("answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "VisitorQuizAnswer_visitor_clientKey_questionId_key" ON "VisitorQuizAnswer"("visitor", "clientKey", "questionId");

-- CreateIndex
CREATE INDEX "AssignmentExcusal_userId_idx" ON "AssignmentExcusal"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentExcusal_assignmentId_userId_key" ON "AssignmentExcusal"("assignmentId", "userId");

-- AddForeignKey
ALTER TABLE "CompletionEvidence" ADD CONSTRAINT "CompletionEvidence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpentReceipt" ADD CONSTRAINT "SpentReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExcusal" ADD CONSTRAINT "AssignmentExcusal_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExcusal" ADD CONSTRAINT "AssignmentExcusal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentExcusal" ADD CONSTRAINT "AssignmentExcusal_excusedById_fkey" FOREIGN KEY ("excusedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: every existing lesson and challenge completion is the account's evidence of it.
INSERT INTO "CompletionEvidence" ("id", "userId", "targetType", "targetId", "doneAt", "handedInAt", "signedOut")
SELECT 'lesson-' || "id", "userId", 'LESSON'::"AssignmentTarget", "lessonSlug", "completedAt", "completedAt", false FROM "LessonProgress" WHERE "completedAt" IS NOT NULL;
INSERT INTO "CompletionEvidence" ("id", "userId", "targetType", "targetId", "doneAt", "handedInAt", "signedOut")
SELECT 'challenge-' || "id", "userId", 'CHALLENGE'::"AssignmentTarget", "challengeId", "completedAt", "completedAt", false FROM "ChallengeCompletion";
