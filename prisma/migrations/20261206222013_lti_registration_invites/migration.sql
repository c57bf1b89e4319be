-- CreateTable
CREATE TABLE "LtiRegistrationInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "issuedVia" TEXT NOT NULL,
    "issuedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "claimId" TEXT,
    "claimedUntil" DATETIME,
    "usedAt" DATETIME,
    "platformId" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiRegistrationInvite_tokenHash_key" ON "LtiRegistrationInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "LtiRegistrationInvite_expiresAt_idx" ON "LtiRegistrationInvite"("expiresAt");

