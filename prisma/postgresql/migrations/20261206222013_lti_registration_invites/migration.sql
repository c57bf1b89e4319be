-- CreateTable
CREATE TABLE "LtiRegistrationInvite" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedVia" TEXT NOT NULL,
    "issuedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "claimId" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "platformId" TEXT,

    CONSTRAINT "LtiRegistrationInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiRegistrationInvite_tokenHash_key" ON "LtiRegistrationInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "LtiRegistrationInvite_expiresAt_idx" ON "LtiRegistrationInvite"("expiresAt");

