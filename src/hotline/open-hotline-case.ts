import type { Db } from '../db/client';
import { openCase, type NewCaseInput, type OpenedCase } from '../cases/open-case';
import type { CaseRequest } from './domain/ivr-types';
import type { HotlineQueue } from './hotline-jobs';
import { recordingSeconds } from './message-seconds';

/** The cases core's way in: its case service in a running linli, so a new case's timers start at once. */
export type CaseOpener = (input: NewCaseInput) => Promise<OpenedCase>;

/** Opens cases without the cases capability's service (the hotline on its own): the cases sweep sets the timers. */
export function plainCaseOpener(db: Db, now: () => number): CaseOpener {
  return (input) => openCase({ db, now }, input);
}

export interface OpenHotlineCaseDeps {
  open: CaseOpener;
  mediaDir: string;
  queue: HotlineQueue;
  /** Whether a recogniser is configured: the transcript is pending either way, and only then queued. */
  transcribe: boolean;
}

/**
 * Opens the case of a hotline (or unknown SOS) call with its recording, "transcript pending", and
 * queues recognition afterwards: recognition can neither hold up nor fail the case.
 */
export async function openHotlineCase(
  deps: OpenHotlineCaseDeps,
  call: { callId: string; channel: 'phone' | 'sos-unknown' },
  request: CaseRequest,
): Promise<OpenedCase> {
  const recording = request.recording
    ? { path: `${request.recording}.wav`, seconds: await recordingSeconds(deps.mediaDir, request.recording) }
    : undefined;
  const opened = await deps.open({
    channel: call.channel,
    category: request.category,
    urgent: request.urgent,
    ...(request.areaId ? { areaId: request.areaId } : {}),
    ...(request.householdId ? { householdId: request.householdId } : {}),
    ...(request.callerNumber ? { callerNumber: request.callerNumber } : {}),
    callId: call.callId,
    ...(recording
      ? { recording, transcript: { status: 'pending' as const } }
      : { transcript: { status: 'none' as const } }),
  });
  if (recording && deps.transcribe) {
    await deps.queue.add(
      'transcribe',
      { type: 'transcribe', caseId: opened.id, recording: recording.path },
      { jobId: `transcribe-${opened.id}-${recording.path.replace(/[^A-Za-z0-9-]/g, '-')}` },
    );
  }
  return opened;
}
