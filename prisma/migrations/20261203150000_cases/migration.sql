-- CreateTable
CREATE TABLE "GovernanceCase" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'received',
    "villageId" TEXT,
    "gridId" TEXT,
    "householdId" TEXT,
    "callerNumber" TEXT,
    "callId" TEXT,
    "recordingPath" TEXT,
    "recordingUploadId" TEXT,
    "recordingSeconds" INTEGER,
    "transcriptStatus" TEXT NOT NULL DEFAULT 'none',
    "transcriptText" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "reportedBy" TEXT,
    "assigneeId" TEXT,
    "departmentId" TEXT,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "nextDeadlineAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GovernanceCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNumberDay" (
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseNumberDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "CaseDepartment" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phones" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseDepartment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseDuty" (
    "id" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseDuty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseSlaPolicy" (
    "id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL,
    "policy" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseSlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Open311Client" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Open311Client_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GovernanceCase_number_key" ON "GovernanceCase"("number");

-- CreateIndex
CREATE INDEX "GovernanceCase_state_openedAt_idx" ON "GovernanceCase"("state", "openedAt");

-- CreateIndex
CREATE INDEX "GovernanceCase_villageId_state_idx" ON "GovernanceCase"("villageId", "state");

-- CreateIndex
CREATE INDEX "GovernanceCase_gridId_state_idx" ON "GovernanceCase"("gridId", "state");

-- CreateIndex
CREATE INDEX "GovernanceCase_callerNumber_category_openedAt_idx" ON "GovernanceCase"("callerNumber", "category", "openedAt");

-- CreateIndex
CREATE INDEX "GovernanceCase_nextDeadlineAt_idx" ON "GovernanceCase"("nextDeadlineAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseEvent_caseId_seq_key" ON "CaseEvent"("caseId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "CaseDepartment_code_key" ON "CaseDepartment"("code");

-- CreateIndex
CREATE INDEX "CaseDuty_gridId_startsAt_idx" ON "CaseDuty"("gridId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseSlaPolicy_category_urgent_key" ON "CaseSlaPolicy"("category", "urgent");

-- CreateIndex
CREATE UNIQUE INDEX "Open311Client_keyHash_key" ON "Open311Client"("keyHash");

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "GovernanceCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateTable
CREATE TABLE "CaseCall" (
    "callId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "stage" TEXT,
    "target" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseCall_pkey" PRIMARY KEY ("callId")
);

-- CreateIndex
CREATE INDEX "CaseCall_caseId_idx" ON "CaseCall"("caseId");
