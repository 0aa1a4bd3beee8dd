-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "originatedAt" TIMESTAMP(3);
