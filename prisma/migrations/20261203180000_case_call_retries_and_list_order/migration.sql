-- AlterTable
ALTER TABLE "CaseCall" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "dials" INTEGER NOT NULL DEFAULT 1;

-- DropIndex
DROP INDEX "GovernanceCase_nextDeadlineAt_idx";

-- CreateIndex
CREATE INDEX "GovernanceCase_nextDeadlineAt_openedAt_id_idx" ON "GovernanceCase"("nextDeadlineAt", "openedAt" DESC, "id");
