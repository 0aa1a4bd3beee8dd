import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../../audit/audit-log';
import type { Db } from '../../db/client';
import { UnreadableJsonError, VersionedJson } from '../../db/versioned-json';
import type { Logger } from '../../logging';
import type { SosContact } from '../domain';
import type { InactivityFollowup } from '../sos-jobs';

const INACTIVITY_ALERT_ACTION = 'sos.inactivity_alert';

export interface LookInAlertDeps {
  db: Db;
  /** Starts the alert's first call; the follow-up job carries it on. */
  startAlertCalls(first: Omit<InactivityFollowup, 'type' | 'callId' | 'index'>): Promise<void>;
  logger: Logger;
}

export interface LookInAlert {
  elderId: string;
  /** Why someone is sent: no_movement, no_heartbeat (the sweep), taken_off, power_off (the card said). */
  kind: string;
  /** Since when the reason holds. */
  since: number;
  message: string;
  /** Whom to call, in order. */
  call: readonly SosContact[];
}

/**
 * Sends someone to look in on the elder: family first, then the grid worker, one number at a time
 * until someone presses 1. The alert is written to the audit log before the first call: it is
 * the cool-down's memory, so a crash after it never alerts twice.
 */
export async function sendLookInAlert(deps: LookInAlertDeps, alert: LookInAlert, now: number): Promise<void> {
  const { elderId, kind, since, message } = alert;
  const targets = alert.call.flatMap((c) =>
    c.phones.map((number) => ({ contactId: c.id, name: c.name, number })),
  );
  const alertId = randomUUID();
  await audit(deps.db, {
    actor: 'sos',
    action: INACTIVITY_ALERT_ACTION,
    subject: `elder:${elderId}`,
    details: { alertId, at: now, kind, since, message, targets },
  });
  if (targets.length === 0) {
    deps.logger.error({ elderId, kind }, 'look-in alert with nobody to call');
    return;
  }
  deps.logger.warn({ elderId, kind, alertId }, 'look-in alert: calling someone to look in');
  await deps.startAlertCalls({ elderId, alertId, message, targets });
}

/**
 * This action's AuditLog.details, the part the cool-down reads: version 1 of the column as this
 * action writes it (the other fields are for people reading the log).
 */
const lookInAlertDetailsJson = VersionedJson.first('AuditLog.details', z.looseObject({ at: z.number() }));

/**
 * When the last alert was decided, by the deciding clock (kept in the entry, not the audit row's time).
 * An unreadable entry is logged and counts as no alert: a wrong cool-down must not keep help away.
 */
export async function lastLookInAlert(
  deps: { db: Db; logger: Logger },
  elderId: string,
): Promise<number | null> {
  const entry = await deps.db.auditLog.findFirst({
    where: { action: INACTIVITY_ALERT_ACTION, subject: `elder:${elderId}` },
    orderBy: { at: 'desc' },
    select: { id: true, details: true },
  });
  if (!entry) return null;
  try {
    return lookInAlertDetailsJson.read(entry.id, entry.details).at;
  } catch (error) {
    if (!(error instanceof UnreadableJsonError)) throw error;
    deps.logger.error({ elderId, err: error.message }, 'last look-in alert unreadable; no cool-down applies');
    return null;
  }
}

/** The Redis lock both the sweep and card alarms take, so one elder never gets two alerts at once. */
export function lookInLockKey(keyPrefix: string, elderId: string): string {
  return `${keyPrefix}:sos-lock:inactivity:${elderId}`;
}
