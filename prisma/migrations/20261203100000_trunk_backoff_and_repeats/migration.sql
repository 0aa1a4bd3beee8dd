-- AlterTable
ALTER TABLE "Campaign" DROP COLUMN "messagePrompt",
ADD COLUMN     "pausedReason" TEXT;

-- AlterTable
ALTER TABLE "CampaignAttempt" ADD COLUMN     "repeats" INTEGER NOT NULL DEFAULT 0;
