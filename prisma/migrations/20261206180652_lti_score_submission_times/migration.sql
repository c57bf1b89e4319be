-- AlterTable
ALTER TABLE "LtiResourceLink" ADD COLUMN "deadlinesCheckedAt" DATETIME;

-- AlterTable
ALTER TABLE "LtiScoreJob" ADD COLUMN "startedAt" DATETIME;
ALTER TABLE "LtiScoreJob" ADD COLUMN "submittedAt" DATETIME;

