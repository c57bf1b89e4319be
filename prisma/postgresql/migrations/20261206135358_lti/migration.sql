-- CreateTable
CREATE TABLE "LtiPlatform" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "authUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "jwksUrl" TEXT NOT NULL,
    "tokenAudience" TEXT,
    "frameOrigins" TEXT NOT NULL DEFAULT '[]',
    "registeredVia" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiPlatform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiDeployment" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiLoginState" (
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "targetLinkUri" TEXT NOT NULL,
    "authRequestUrl" TEXT NOT NULL,
    "loginQuery" TEXT NOT NULL,
    "storageTarget" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiLoginState_pkey" PRIMARY KEY ("state")
);

-- CreateTable
CREATE TABLE "LtiUserLink" (
    "id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLaunchAt" TIMESTAMP(3),

    CONSTRAINT "LtiUserLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiPendingIdentity" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "launch" TEXT NOT NULL,
    "framed" BOOLEAN NOT NULL DEFAULT false,
    "linkedUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiPendingIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiContext" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "title" TEXT,
    "membershipsUrl" TEXT,
    "lineItemsUrl" TEXT,
    "agsScopes" TEXT NOT NULL DEFAULT '[]',
    "rosterSyncedAt" TIMESTAMP(3),
    "rosterSyncError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiContext_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiResourceLink" (
    "id" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "targetType" "AssignmentTarget" NOT NULL,
    "targetId" TEXT NOT NULL,
    "assignmentId" TEXT,
    "title" TEXT,
    "lineItemUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiResourceLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiScoreJob" (
    "id" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ltiUserId" TEXT NOT NULL,
    "scoreGiven" DOUBLE PRECISION,
    "scoreMaximum" DOUBLE PRECISION NOT NULL,
    "activityProgress" TEXT NOT NULL,
    "gradingProgress" TEXT NOT NULL,
    "scoredAt" TIMESTAMP(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "deliveredRevision" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiScoreJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiAccessToken" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiAccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiDeepLinkRequest" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "contextId" TEXT,
    "userId" TEXT NOT NULL,
    "returnUrl" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "LtiDeepLinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiHandoff" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiHandoff_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiPlatform_issuer_clientId_key" ON "LtiPlatform"("issuer", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiDeployment_platformId_deploymentId_key" ON "LtiDeployment"("platformId", "deploymentId");

-- CreateIndex
CREATE INDEX "LtiLoginState_expiresAt_idx" ON "LtiLoginState"("expiresAt");

-- CreateIndex
CREATE INDEX "LtiUserLink_userId_idx" ON "LtiUserLink"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiUserLink_issuer_subject_key" ON "LtiUserLink"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "LtiPendingIdentity_tokenHash_key" ON "LtiPendingIdentity"("tokenHash");

-- CreateIndex
CREATE INDEX "LtiPendingIdentity_expiresAt_idx" ON "LtiPendingIdentity"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LtiContext_classId_key" ON "LtiContext"("classId");

-- CreateIndex
CREATE INDEX "LtiContext_platformId_idx" ON "LtiContext"("platformId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiContext_issuer_deploymentId_contextId_key" ON "LtiContext"("issuer", "deploymentId", "contextId");

-- CreateIndex
CREATE INDEX "LtiResourceLink_assignmentId_idx" ON "LtiResourceLink"("assignmentId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiResourceLink_contextId_resourceLinkId_key" ON "LtiResourceLink"("contextId", "resourceLinkId");

-- CreateIndex
CREATE INDEX "LtiScoreJob_status_nextAttemptAt_idx" ON "LtiScoreJob"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "LtiScoreJob_userId_idx" ON "LtiScoreJob"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiScoreJob_resourceLinkId_userId_key" ON "LtiScoreJob"("resourceLinkId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiAccessToken_platformId_scopes_key" ON "LtiAccessToken"("platformId", "scopes");

-- CreateIndex
CREATE INDEX "LtiDeepLinkRequest_expiresAt_idx" ON "LtiDeepLinkRequest"("expiresAt");

-- CreateIndex
CREATE INDEX "LtiHandoff_expiresAt_idx" ON "LtiHandoff"("expiresAt");

-- AddForeignKey
ALTER TABLE "LtiDeployment" ADD CONSTRAINT "LtiDeployment_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiLoginState" ADD CONSTRAINT "LtiLoginState_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiUserLink" ADD CONSTRAINT "LtiUserLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiPendingIdentity" ADD CONSTRAINT "LtiPendingIdentity_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiContext" ADD CONSTRAINT "LtiContext_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiContext" ADD CONSTRAINT "LtiContext_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiResourceLink" ADD CONSTRAINT "LtiResourceLink_contextId_fkey" FOREIGN KEY ("contextId") REFERENCES "LtiContext"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiResourceLink" ADD CONSTRAINT "LtiResourceLink_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreJob" ADD CONSTRAINT "LtiScoreJob_resourceLinkId_fkey" FOREIGN KEY ("resourceLinkId") REFERENCES "LtiResourceLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiScoreJob" ADD CONSTRAINT "LtiScoreJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiAccessToken" ADD CONSTRAINT "LtiAccessToken_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiDeepLinkRequest" ADD CONSTRAINT "LtiDeepLinkRequest_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

