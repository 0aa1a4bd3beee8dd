-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TargetState" AS ENUM ('PENDING', 'DIALING', 'FINAL', 'EXHAUSTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "villageId" TEXT,
    "status" "CampaignStatus" NOT NULL DEFAULT 'SCHEDULED',
    "priority" INTEGER NOT NULL DEFAULT 2,
    "drill" BOOLEAN NOT NULL DEFAULT false,
    "trunk" TEXT NOT NULL,
    "callerId" TEXT,
    "channelCap" INTEGER NOT NULL,
    "cpsCap" DOUBLE PRECISION NOT NULL,
    "definition" JSONB NOT NULL,
    "messageText" TEXT,
    "messagePrompt" TEXT,
    "messageDurationMs" INTEGER NOT NULL DEFAULT 0,
    "startAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "prediction" JSONB,
    "actual" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignTarget" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "householdId" TEXT,
    "gridId" TEXT,
    "label" TEXT NOT NULL,
    "numbers" TEXT[],
    "state" "TargetState" NOT NULL DEFAULT 'PENDING',
    "outcome" TEXT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignAttempt" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "digit" TEXT,
    "hangupCause" INTEGER,
    "amd" TEXT,

    CONSTRAINT "CampaignAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DoNotCall" (
    "e164" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoNotCall_pkey" PRIMARY KEY ("e164")
);

-- CreateTable
CREATE TABLE "Elder" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "dialect" TEXT,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Elder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Card" (
    "id" TEXT NOT NULL,
    "imei" TEXT NOT NULL,
    "simNumber" TEXT NOT NULL,
    "model" TEXT NOT NULL DEFAULT '',
    "elderId" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3),
    "battery" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElderContact" (
    "id" TEXT NOT NULL,
    "elderId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "phones" TEXT[],

    CONSTRAINT "ElderContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocationFix" (
    "id" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "gpsValid" BOOLEAN NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "cells" JSONB NOT NULL DEFAULT '[]',
    "wifis" JSONB NOT NULL DEFAULT '[]',
    "battery" INTEGER,
    "steps" INTEGER,
    "status" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "LocationFix_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SosIncident" (
    "id" TEXT NOT NULL,
    "elderId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "elderCallId" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "state" JSONB NOT NULL,
    "timeline" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "SosIncident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Campaign_status_idx" ON "Campaign"("status");

-- CreateIndex
CREATE INDEX "CampaignTarget_campaignId_state_idx" ON "CampaignTarget"("campaignId", "state");

-- CreateIndex
CREATE INDEX "CampaignAttempt_campaignId_endedAt_idx" ON "CampaignAttempt"("campaignId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignAttempt_targetId_attemptNo_key" ON "CampaignAttempt"("targetId", "attemptNo");

-- CreateIndex
CREATE UNIQUE INDEX "Elder_personId_key" ON "Elder"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Card_imei_key" ON "Card"("imei");

-- CreateIndex
CREATE UNIQUE INDEX "Card_simNumber_key" ON "Card"("simNumber");

-- CreateIndex
CREATE INDEX "Card_elderId_idx" ON "Card"("elderId");

-- CreateIndex
CREATE UNIQUE INDEX "ElderContact_elderId_position_key" ON "ElderContact"("elderId", "position");

-- CreateIndex
CREATE INDEX "LocationFix_cardId_at_idx" ON "LocationFix"("cardId", "at");

-- CreateIndex
CREATE INDEX "SosIncident_elderId_status_idx" ON "SosIncident"("elderId", "status");

-- AddForeignKey
ALTER TABLE "CampaignTarget" ADD CONSTRAINT "CampaignTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignAttempt" ADD CONSTRAINT "CampaignAttempt_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignAttempt" ADD CONSTRAINT "CampaignAttempt_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "CampaignTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_elderId_fkey" FOREIGN KEY ("elderId") REFERENCES "Elder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElderContact" ADD CONSTRAINT "ElderContact_elderId_fkey" FOREIGN KEY ("elderId") REFERENCES "Elder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocationFix" ADD CONSTRAINT "LocationFix_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SosIncident" ADD CONSTRAINT "SosIncident_elderId_fkey" FOREIGN KEY ("elderId") REFERENCES "Elder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
