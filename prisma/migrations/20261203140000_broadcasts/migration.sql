-- CreateEnum
CREATE TYPE "SpeakerKind" AS ENUM ('SIP', 'MQTT');

-- CreateEnum
CREATE TYPE "BroadcastPriority" AS ENUM ('NORMAL', 'IMPORTANT', 'EMERGENCY');

-- CreateTable
CREATE TABLE "SpeakerZone" (
    "id" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpeakerZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Speaker" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "zoneId" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "kind" "SpeakerKind" NOT NULL,
    "endpoint" TEXT NOT NULL,
    "volume" INTEGER NOT NULL DEFAULT 80,
    "priorityFloor" "BroadcastPriority" NOT NULL DEFAULT 'NORMAL',
    "online" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Speaker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "scopeAreaId" TEXT,
    "priority" "BroadcastPriority" NOT NULL,
    "text" TEXT,
    "audioFileId" TEXT,
    "chime" BOOLEAN NOT NULL DEFAULT false,
    "repeat" INTEGER NOT NULL DEFAULT 1,
    "drill" BOOLEAN NOT NULL DEFAULT false,
    "villageIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "gridIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "zoneIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "speakerIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "startAt" TIMESTAMP(3),
    "cron" TEXT,
    "endAt" TIMESTAMP(3),
    "skipHolidays" BOOLEAN NOT NULL DEFAULT false,
    "validSeconds" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "alertIdentifier" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastDelivery" (
    "id" TEXT NOT NULL,
    "broadcastId" TEXT NOT NULL,
    "occurrence" TIMESTAMP(3) NOT NULL,
    "speakerId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "callId" TEXT,
    "sentAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "secondsPlayed" DOUBLE PRECISION,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BroadcastDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SpeakerZone_villageId_name_key" ON "SpeakerZone"("villageId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Speaker_endpoint_key" ON "Speaker"("endpoint");

-- CreateIndex
CREATE INDEX "Speaker_villageId_idx" ON "Speaker"("villageId");

-- CreateIndex
CREATE INDEX "Speaker_areaId_idx" ON "Speaker"("areaId");

-- CreateIndex
CREATE INDEX "Broadcast_alertIdentifier_idx" ON "Broadcast"("alertIdentifier");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastDelivery_broadcastId_occurrence_speakerId_key" ON "BroadcastDelivery"("broadcastId", "occurrence", "speakerId");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_state_expiresAt_idx" ON "BroadcastDelivery"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_callId_idx" ON "BroadcastDelivery"("callId");

-- AddForeignKey
ALTER TABLE "Speaker" ADD CONSTRAINT "Speaker_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "SpeakerZone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastDelivery" ADD CONSTRAINT "BroadcastDelivery_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastDelivery" ADD CONSTRAINT "BroadcastDelivery_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Speaker"("id") ON DELETE CASCADE ON UPDATE CASCADE;
