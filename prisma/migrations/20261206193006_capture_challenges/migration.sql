-- CreateTable
CREATE TABLE "CaptureChallengeValues" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "serverPort" INTEGER NOT NULL,
    "clientPort" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaptureChallengeValues_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaptureEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fileSha256" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "keptCapture" BLOB,
    CONSTRAINT "CaptureEvidence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CaptureChallengeValues_userId_challengeId_key" ON "CaptureChallengeValues"("userId", "challengeId");

-- CreateIndex
CREATE INDEX "CaptureEvidence_userId_challengeId_idx" ON "CaptureEvidence"("userId", "challengeId");

-- CreateIndex
CREATE UNIQUE INDEX "CaptureEvidence_userId_challengeId_fileSha256_key" ON "CaptureEvidence"("userId", "challengeId", "fileSha256");

