
-- CreateTable
CREATE TABLE "CompletionEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "doneAt" DATETIME NOT NULL,
    "handedInAt" DATETIME NOT NULL,
    "signedOut" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "CompletionEvidence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SpentReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "spentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SpentReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VisitorQuizAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitor" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "variantSeed" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AssignmentExcusal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "excusedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssignmentExcusal_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentExcusal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentExcusal_excusedById_fkey" FOREIGN KEY ("excusedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- Rebuilt rather than altered, so the table reads exactly as the schema creates it.
CREATE TABLE "new_Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" DATETIME,
    "declinedAt" DATETIME,
    "emailedAt" DATETIME,
    CONSTRAINT "Invitation_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Classroom" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Invitation" ("acceptedAt", "classId", "createdAt", "email", "id", "invitedById", "token") SELECT "acceptedAt", "classId", "createdAt", "email", "id", "invitedById", "token" FROM "Invitation";
DROP TABLE "Invitation";
ALTER TABLE "new_Invitation" RENAME TO "Invitation";
CREATE UNIQUE INDEX "Invitation_token_key" ON "Invitation"("token");
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");
CREATE UNIQUE INDEX "Invitation_classId_email_key" ON "Invitation"("classId", "email");
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "instructions" TEXT NOT NULL DEFAULT '',
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "latePolicy" TEXT NOT NULL DEFAULT 'ACCEPT_WITH_PENALTY',
    "latePenaltyPercent" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "ungraded" BOOLEAN NOT NULL DEFAULT false,
    "acceptEarlierWork" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Assignment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Classroom" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("classId", "createdAt", "createdById", "dueAt", "id", "instructions", "latePenaltyPercent", "latePolicy", "opensAt", "points", "targetId", "targetType", "title", "updatedAt") SELECT "classId", "createdAt", "createdById", "dueAt", "id", "instructions", "latePenaltyPercent", "latePolicy", "opensAt", "points", "targetId", "targetType", "title", "updatedAt" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_classId_dueAt_idx" ON "Assignment"("classId", "dueAt");
CREATE INDEX "Assignment_targetType_targetId_idx" ON "Assignment"("targetType", "targetId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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


-- Backfill: every existing lesson and challenge completion is the account's evidence of it.
INSERT INTO "CompletionEvidence" ("id", "userId", "targetType", "targetId", "doneAt", "handedInAt", "signedOut")
SELECT 'lesson-' || "id", "userId", 'LESSON', "lessonSlug", "completedAt", "completedAt", false FROM "LessonProgress" WHERE "completedAt" IS NOT NULL;
INSERT INTO "CompletionEvidence" ("id", "userId", "targetType", "targetId", "doneAt", "handedInAt", "signedOut")
SELECT 'challenge-' || "id", "userId", 'CHALLENGE', "challengeId", "completedAt", "completedAt", false FROM "ChallengeCompletion";
