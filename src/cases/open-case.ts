import type { Db } from '../db/client';
import type { DbClient } from '../directory/db-client';
import type { Prisma } from '../generated/prisma/client';
import { nextCaseNumber } from './case-number';
import { caseEventDetailsJson, type CaseEventDetails } from './case-event-json';
import { caseFacts } from './domain/case-log';
import { nextDeadline } from './domain/sla-state';
import type { CaseSlaRules } from './sla/case-sla-rules';
import type { CaseActor, CaseCategory, CaseIntake, TranscriptStatus } from './domain/case-types';

export interface NewCaseInput {
  channel: CaseIntake;
  category: CaseCategory;
  urgent: boolean;
  /** The village (or a grid in it); absent: the town's dispatcher queue. */
  areaId?: string;
  householdId?: string;
  /** E.164 of the caller, matched with earlier open cases to merge duplicates. */
  callerNumber?: string;
  callId?: string;
  /** The message: a file the engine wrote (path) or an uploaded recording (uploadId). */
  recording?: { path?: string; uploadId?: string; seconds: number };
  transcript?: { status: TranscriptStatus; text?: string };
  description?: string;
  address?: string;
  location?: { latitude: number; longitude: number };
  reportedBy?: CaseActor;
}

export interface OpenedCase {
  id: string;
  number: string;
}

export interface OpenCaseDeps {
  db: Db;
  now?: () => number;
  /** A call from the same number in the same category within this window joins the open case. */
  mergeWindowMs?: number;
  /** Sets the new case's first deadline (the list's countdown); without it the timers set it later. */
  rules?: CaseSlaRules;
  /** Told of every case opened or joined (the cases runtime schedules its deadline timers here). */
  onOpened?: (opened: OpenedCase & { merged: boolean }) => Promise<void>;
}

const DEFAULT_MERGE_WINDOW_MS = 30 * 60_000;

/**
 * Opens a case, or joins a still-open one from the same caller in the same category within the merge
 * window (the second call's message goes on its timeline). Nothing about the message can make it
 * fail: no transcript, an unknown area or household only leave the case for the dispatcher to route.
 */
export async function openCase(deps: OpenCaseDeps, input: NewCaseInput): Promise<OpenedCase> {
  const now = deps.now?.() ?? Date.now();
  const windowMs = deps.mergeWindowMs ?? DEFAULT_MERGE_WINDOW_MS;
  const result = await deps.db.$transaction(async (tx) => {
    if (input.callerNumber) {
      // Two calls from one number at once would both miss each other's case without this lock.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`case:${input.callerNumber}:${input.category}`}))`;
      const open = await tx.governanceCase.findFirst({
        where: {
          callerNumber: input.callerNumber,
          category: input.category,
          state: { not: 'closed' },
          openedAt: { gte: new Date(now - windowMs) },
        },
        orderBy: { openedAt: 'desc' },
        select: { id: true, number: true, eventCount: true },
      });
      if (open) {
        await joinCase(tx, open, input, now);
        return { id: open.id, number: open.number, merged: true };
      }
    }
    const place = await placeOf(tx, input);
    const number = await nextCaseNumber(tx, now);
    const urgent = input.urgent || input.category === 'urgent';
    const deadline = deps.rules
      ? nextDeadline(
          deps.rules.evaluate(
            caseFacts([{ seq: 1, at: now }]),
            await deps.rules.policyFor(tx, input.category, urgent),
            now,
          ).stages,
        )
      : null;
    const created = await tx.governanceCase.create({
      data: {
        number,
        channel: input.channel,
        category: input.category,
        urgent,
        nextDeadlineAt: deadline === null ? null : new Date(deadline),
        villageId: place.villageId,
        gridId: place.gridId,
        householdId: place.householdId,
        address: input.address ?? place.address,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        callerNumber: input.callerNumber ?? null,
        callId: input.callId ?? null,
        recordingPath: input.recording?.path ?? null,
        recordingUploadId: input.recording?.uploadId ?? null,
        recordingSeconds: input.recording ? Math.round(input.recording.seconds) : null,
        transcriptStatus: input.transcript?.status ?? 'none',
        transcriptText: input.transcript?.text ?? null,
        description: input.description ?? '',
        reportedBy: input.reportedBy ?? null,
        openedAt: new Date(now),
        eventCount: 1,
        events: {
          create: {
            seq: 1,
            at: new Date(now),
            type: 'opened',
            actor: input.reportedBy ?? (input.callerNumber ? `caller:${input.callerNumber}` : 'system'),
            channel: intakeStepChannel(input.channel),
            note: place.note,
            details: caseEventDetailsJson.write({ to: 'received', ...messageDetails(input) }),
          },
        },
      },
      select: { id: true, number: true },
    });
    return { ...created, merged: false };
  });
  await deps.onOpened?.(result);
  return { id: result.id, number: result.number };
}

async function joinCase(
  tx: Prisma.TransactionClient,
  open: { id: string; eventCount: number },
  input: NewCaseInput,
  now: number,
): Promise<void> {
  const seq = open.eventCount + 1;
  await tx.governanceCase.update({
    where: { id: open.id },
    data: {
      eventCount: seq,
      duplicates: { increment: 1 },
      // A later call that brings the first transcript or recording fills what the case lacked.
      ...(input.transcript?.status === 'done' && input.transcript.text
        ? { transcriptStatus: 'done', transcriptText: input.transcript.text }
        : {}),
    },
  });
  await tx.caseEvent.create({
    data: {
      caseId: open.id,
      seq,
      at: new Date(now),
      type: 'merged',
      actor: input.reportedBy ?? (input.callerNumber ? `caller:${input.callerNumber}` : 'system'),
      channel: intakeStepChannel(input.channel),
      note: 'the same caller again in the same category: joined to this case',
      details: caseEventDetailsJson.write(messageDetails(input)),
    },
  });
}

function messageDetails(input: NewCaseInput): CaseEventDetails {
  return {
    ...(input.callId ? { callId: input.callId } : {}),
    ...(input.callerNumber ? { callerNumber: input.callerNumber } : {}),
    ...(input.recording?.path ? { recordingPath: input.recording.path } : {}),
    ...(input.recording?.uploadId ? { recordingUploadId: input.recording.uploadId } : {}),
    ...(input.recording ? { recordingSeconds: Math.round(input.recording.seconds) } : {}),
    ...(input.description ? { description: input.description } : {}),
  };
}

function intakeStepChannel(channel: CaseIntake): 'phone-key' | 'api' | 'open311' | 'system' {
  if (channel === 'phone') return 'phone-key';
  if (channel === 'sos-unknown') return 'system';
  return channel;
}

interface Place {
  villageId: string | null;
  gridId: string | null;
  householdId: string | null;
  address: string;
  /** Why the case went to the dispatcher instead, when it did. */
  note: string;
}

/** The household's grid and village, or the area given (a village or a grid); unknown ids go to the dispatcher. */
async function placeOf(db: DbClient, input: NewCaseInput): Promise<Place> {
  if (input.householdId) {
    const household = await db.household.findUnique({
      where: { id: input.householdId },
      select: { id: true, address: true, gridId: true, grid: { select: { parentId: true } } },
    });
    if (household) {
      return {
        villageId: household.grid.parentId,
        gridId: household.gridId,
        householdId: household.id,
        address: household.address,
        note: '',
      };
    }
  }
  if (input.areaId) {
    const area = await db.area.findUnique({
      where: { id: input.areaId },
      select: { id: true, level: true, parentId: true },
    });
    if (area?.level === 'VILLAGE')
      return { villageId: area.id, gridId: null, householdId: null, address: '', note: '' };
    if (area?.level === 'GRID') {
      return { villageId: area.parentId, gridId: area.id, householdId: null, address: '', note: '' };
    }
  }
  const asked = input.householdId || input.areaId;
  return {
    villageId: null,
    gridId: null,
    householdId: null,
    address: '',
    note: asked ? 'household or village not found: for the dispatcher to route' : '',
  };
}
