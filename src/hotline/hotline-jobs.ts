import type { Queue } from 'bullmq';

/** The hotline's queued work. */
export type HotlineJob =
  /** Finishes a call's session if every process lost sight of the call (a restart mid-call). */
  | { type: 'watch'; callId: string }
  /** Recognises a case's recording after the case is open; never in the way of opening it. */
  | { type: 'transcribe'; caseId: string; recording: string };

export type HotlineQueue = Queue<HotlineJob>;
