-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'import';
