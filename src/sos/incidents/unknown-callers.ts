import { z } from 'zod';
import { audit } from '../../audit/audit-log';
import type { Db } from '../../db/client';
import { VersionedJson } from '../../db/versioned-json';
import type { Logger } from '../../logging';
import type { InboundCall } from '../../telephony/call-events';

export const UNKNOWN_CALLER_ACTION = 'sos.unknown_caller';

/** This action's AuditLog.details, for its readers: version 1 of the column as recordUnknownCaller writes it. */
export const unknownCallerDetailsJson = VersionedJson.first(
  'AuditLog.details',
  z.object({
    caller: z.string(),
    called: z.string(),
    recording: z.string().nullable(),
    at: z.iso.datetime(),
  }),
);

/**
 * An SOS call from a number no card has. There is no elder to open an incident for (an incident
 * belongs to an elder), so it is logged loudly and written to the audit log, where
 * GET /api/v1/sos/unknown-calls lists it for the dispatcher to call back; the caller stays on the
 * hold prompt and is recorded.
 */
export async function recordUnknownCaller(
  deps: { db: Db; logger: Logger; now: () => number },
  call: InboundCall,
  caller: string | null,
): Promise<void> {
  deps.logger.error(
    { callId: call.callId, caller: call.caller, recording: call.recording },
    'SOS call from a number that belongs to no registered card; the dispatcher must call back',
  );
  await audit(deps.db, {
    actor: 'sos',
    action: UNKNOWN_CALLER_ACTION,
    subject: `call:${call.callId}`,
    details: {
      caller: caller ?? call.caller,
      called: call.called,
      recording: call.recording ?? null,
      at: new Date(deps.now()).toISOString(),
    },
  });
}
