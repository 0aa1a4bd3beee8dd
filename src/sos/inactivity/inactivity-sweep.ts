import type { Redis } from 'ioredis';
import { checkInactivity, inactivityMessage, type RadioTables } from '../domain';
import { withRedisLock } from '../incidents/redis-lock';
import type { ElderLocator } from '../location/elder-locator';
import { loadEscalationFacts } from '../registry/escalation-facts';
import { loadElderActivity } from './elder-activity';
import { lastLookInAlert, lookInLockKey, sendLookInAlert, type LookInAlertDeps } from './inactivity-alert';

export interface InactivitySweepDeps extends LookInAlertDeps {
  redis: Redis;
  keyPrefix: string;
  tables: RadioTables;
  locator: ElderLocator;
}

/**
 * Checks every elder with a card and sends someone to look in on those who have stopped moving
 * (or whose card fell silent) during the day.
 */
export async function sweepInactivity(deps: InactivitySweepDeps, now: number): Promise<number> {
  const elders = await deps.db.elder.findMany({ where: { cards: { some: {} } }, select: { id: true } });
  let alerts = 0;
  for (const { id } of elders) {
    try {
      const alerted = await withRedisLock(deps.redis, lookInLockKey(deps.keyPrefix, id), () =>
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
  const facts = await loadEscalationFacts(deps.db, elderId, deps.logger);
  if (!facts || !facts.settings.inactivity.enabled) return false;
  const settings = facts.settings.inactivity;
  const [activity, lastAlertAt] = await Promise.all([
    loadElderActivity(deps, elderId, now - settings.periodMs, now),
    lastLookInAlert(deps, elderId),
  ]);
  const decision = checkInactivity({ ...activity, lastAlertAt, contacts: facts.contacts }, settings, now);
  if (decision.decision !== 'alert') return false;
  const where = await deps.locator.locate({ id: elderId, villageId: facts.villageId }, now);
  const message = inactivityMessage(
    { elderName: facts.name, kind: decision.kind, since: decision.since, locationWords: where.words },
    now,
  );
  await sendLookInAlert(
    deps,
    { elderId, kind: decision.kind, since: decision.since, message, call: decision.call },
    now,
  );
  return true;
}
