-- CreateTable
CREATE TABLE "CaptureChallengeValues" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "serverPort" INTEGER NOT NULL,
    "clientPort" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaptureChallengeValues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaptureEvidence" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "challengeId" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fileSha256" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "keptCapture" BYTEA,

    CONSTRAINT "CaptureEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaptureChallengeValues_userId_challengeId_key" ON "CaptureChallengeValues"("userId", "challengeId");

-- CreateIndex
CREATE INDEX "CaptureEvidence_userId_challengeId_idx" ON "CaptureEvidence"("userId", "challengeId");

-- CreateIndex
CREATE UNIQUE INDEX "CaptureEvidence_userId_challengeId_fileSha256_key" ON "CaptureEvidence"("userId", "challengeId", "fileSha256");

-- AddForeignKey
ALTER TABLE "CaptureChallengeValues" ADD CONSTRAINT "CaptureChallengeValues_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaptureEvidence" ADD CONSTRAINT "CaptureEvidence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

