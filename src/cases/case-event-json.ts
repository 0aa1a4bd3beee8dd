import { z } from 'zod';
import { VersionedJson } from '../db/versioned-json';
import { CASE_STATES } from './domain/case-types';
import { CALL_ROLES, NOBODY_REASONS } from './domain/nobody-to-call';

const state = z.enum(CASE_STATES);

/** CaseEvent.details, version 1: the facts of one step beyond its type, actor, channel and note. */
export const caseEventDetailsJson = VersionedJson.first(
  'CaseEvent.details',
  z.object({
    from: state.optional(),
    to: state.optional(),
    callId: z.string().optional(),
    callerNumber: z.string().optional(),
    recordingPath: z.string().optional(),
    recordingUploadId: z.string().optional(),
    recordingSeconds: z.number().optional(),
    description: z.string().optional(),
    assigneeId: z.string().optional(),
    gridId: z.string().optional(),
    departmentId: z.string().optional(),
    /** An escalation or satisfaction call: whom it rang, why, and what came of it. */
    call: z
      .object({
        purpose: z.string(),
        to: z.string(),
        outcome: z.string(),
        digit: z.string().optional(),
        stage: z.string().optional(),
        /** The person's attempt this call was (retries of unanswered calls count up). */
        attempt: z.number().optional(),
      })
      .optional(),
    satisfaction: z.enum(['satisfied', 'basically', 'not']).optional(),
    /** A deadline step that rang nobody: which step it was and why nobody could be called. */
    unreachable: z
      .object({
        purpose: z.string(),
        stage: z.string(),
        role: z.enum(CALL_ROLES),
        reason: z.enum(NOBODY_REASONS),
      })
      .optional(),
  }),
);

export type CaseEventDetails = Parameters<typeof caseEventDetailsJson.write>[0];
