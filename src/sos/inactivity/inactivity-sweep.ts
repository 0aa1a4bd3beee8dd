import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { audit } from '../../api/audit';
import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import { checkInactivity, inactivityMessage, type InactivityDecision, type RadioTables } from '../domain';
import { withRedisLock } from '../incidents/redis-lock';
import type { ElderLocator } from '../location/elder-locator';
import { loadEscalationFacts } from '../registry/escalation-facts';
import type { InactivityFollowup } from '../sos-jobs';
import { loadElderActivity } from './elder-activity';

export interface InactivitySweepDeps {
  db: Db;
  redis: Redis;
  keyPrefix: string;
  tables: RadioTables;
  locator: ElderLocator;
  /** Starts the alert's first call; the follow-up job carries it on. */
  startAlertCalls(first: Omit<InactivityFollowup, 'type' | 'callId' | 'index'>): Promise<void>;
  logger: Logger;
}

export const INACTIVITY_ALERT_ACTION = 'sos.inactivity_alert';

/**
 * Checks every elder with a card and sends someone to look in on those who have stopped moving
 * (or whose card fell silent) during the day. The alert is written to the audit log before the
 * first call: it is the cool-down's memory, so a crash after it never alerts twice.
 */
export async function sweepInactivity(deps: InactivitySweepDeps, now: number): Promise<number> {
  const elders = await deps.db.elder.findMany({ where: { cards: { some: {} } }, select: { id: true } });
  let alerts = 0;
  for (const { id } of elders) {
    try {
      const alerted = await withRedisLock(deps.redis, `${deps.keyPrefix}:sos-lock:inactivity:${id}`, () =>
        checkElder(deps, id, now),
      );
      if (alerted) alerts++;
    } catch (error) {
      deps.logger.error(
        { elderId: id, err: (error as Error).message },
        'inactivity check failed for one elder',
      );
    }
  }
  return alerts;
}

async function checkElder(deps: InactivitySweepDeps, elderId: string, now: number): Promise<boolean> {
  const facts = await loadEscalationFacts(deps.db, elderId);
  if (!facts || !facts.settings.inactivity.enabled) return false;
  const settings = facts.settings.inactivity;
  const [activity, lastAlertAt] = await Promise.all([
    loadElderActivity(deps.db, deps.tables, elderId, now - settings.periodMs, now),
    lastAlert(deps.db, elderId),
  ]);
  const decision = checkInactivity({ ...activity, lastAlertAt, contacts: facts.contacts }, settings, now);
  if (decision.decision !== 'alert') return false;
  const targets = alertTargets(decision);
  const where = await deps.locator.locate({ id: elderId, villageId: facts.villageId }, now);
  const message = inactivityMessage(
    { elderName: facts.name, kind: decision.kind, since: decision.since, locationWords: where.words },
    now,
  );
  const alertId = randomUUID();
  await audit(deps.db, {
    actor: 'sos',
    action: INACTIVITY_ALERT_ACTION,
    subject: `elder:${elderId}`,
    details: { alertId, at: now, kind: decision.kind, since: decision.since, message, targets },
  });
  if (targets.length === 0) {
    deps.logger.error({ elderId, kind: decision.kind }, 'inactivity alert with nobody to call');
    return true;
  }
  deps.logger.warn({ elderId, kind: decision.kind, alertId }, 'inactivity alert: calling someone to look in');
  await deps.startAlertCalls({ elderId, alertId, message, targets });
  return true;
}

/** Every number of every contact the rule picked, in order. */
function alertTargets(
  decision: Extract<InactivityDecision, { decision: 'alert' }>,
): InactivityFollowup['targets'] {
  return decision.call.flatMap((c) => c.phones.map((number) => ({ contactId: c.id, name: c.name, number })));
}

/** When the last alert was decided, by the sweep's own clock (kept in the entry, not the audit row's time). */
async function lastAlert(db: Db, elderId: string): Promise<number | null> {
  const entry = await db.auditLog.findFirst({
    where: { action: INACTIVITY_ALERT_ACTION, subject: `elder:${elderId}` },
    orderBy: { at: 'desc' },
    select: { details: true },
  });
  const at = (entry?.details as { at?: unknown } | null | undefined)?.at;
  return typeof at === 'number' ? at : null;
}
