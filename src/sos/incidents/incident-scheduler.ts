import type { SosQueue } from '../sos-jobs';

/** Timers the escalation asks for, kept in the queue so they survive the process that set them. */
export interface IncidentScheduler {
  wakeAt(incidentId: string, at: number, now: number): Promise<void>;
  /** Looks at the call again after `afterMs`, in case its end was never seen. */
  checkCall(incidentId: string, callId: string, afterMs: number): Promise<void>;
  /** Places a contact call again that the engine could not place (engine down, trunk congested). */
  redial(incidentId: string, callId: string, attempt: number, afterMs: number): Promise<void>;
}

export function queueScheduler(queue: SosQueue): IncidentScheduler {
  return {
    async wakeAt(incidentId, at, now) {
      // One wake per incident and due time, however many processes ask for it.
      await queue.add(
        'wake',
        { type: 'wake', incidentId },
        { delay: Math.max(0, at - now), jobId: `wake_${incidentId}_${at}` },
      );
    },
    async checkCall(incidentId, callId, afterMs) {
      await queue.add('check-call', { type: 'check-call', incidentId, callId }, { delay: afterMs });
    },
    async redial(incidentId, callId, attempt, afterMs) {
      await queue.add(
        'redial',
        { type: 'redial', incidentId, callId, attempt },
        { delay: afterMs, jobId: `redial_${callId}_${attempt}` },
      );
    },
  };
}
