-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "personId" TEXT;
