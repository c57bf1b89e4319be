-- AlterTable
ALTER TABLE "LtiResourceLink" ADD COLUMN     "deadlinesCheckedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LtiScoreJob" ADD COLUMN     "startedAt" TIMESTAMP(3),
ADD COLUMN     "submittedAt" TIMESTAMP(3);

