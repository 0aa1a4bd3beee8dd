import type { Redis } from 'ioredis';
import { withRedisLock } from '../incidents/redis-lock';
import type { ElderLocator } from '../location/elder-locator';
import { loadEscalationFacts } from '../registry/escalation-facts';
import { cardAlarmMessage, decideCardAlarmAlert, type CardAlarmAlertKind } from './card-alarm-rule';
import { lastLookInAlert, lookInLockKey, sendLookInAlert, type LookInAlertDeps } from './inactivity-alert';

export interface CardAlarmAlertDeps extends LookInAlertDeps {
  redis: Redis;
  keyPrefix: string;
  locator: ElderLocator;
}

export interface CardAlarmAlertRequest {
  elderId: string;
  villageId: string;
  kind: CardAlarmAlertKind;
  /** When the card's alarm arrived. */
  at: number;
}

/**
 * A card taken off or switched off: sends someone to look in through the inactivity alert's
 * calls, under the same per-elder lock and cool-down, so the sweep and the card never both call.
 * Resolves with whether an alert went out.
 */
export async function raiseCardAlarmAlert(
  deps: CardAlarmAlertDeps,
  request: CardAlarmAlertRequest,
  now: number,
): Promise<boolean> {
  const { elderId, kind } = request;
  return withRedisLock(deps.redis, lookInLockKey(deps.keyPrefix, elderId), async () => {
    const [facts, lastAlertAt] = await Promise.all([
      loadEscalationFacts(deps.db, elderId, deps.logger),
      lastLookInAlert(deps, elderId),
    ]);
    if (!facts) return false;
    const decision = decideCardAlarmAlert(
      { lastAlertAt, contacts: facts.contacts },
      facts.settings.inactivity,
      now,
    );
    if (decision.decision === 'none') {
      deps.logger.info({ elderId, kind, reason: decision.reason }, 'card alarm: nobody sent to look in');
      return false;
    }
    const where = await deps.locator.locate({ id: elderId, villageId: request.villageId }, now);
    const message = cardAlarmMessage(
      { elderName: facts.name, kind, at: request.at, locationWords: where.words },
      now,
    );
    await sendLookInAlert(deps, { elderId, kind, since: request.at, message, call: decision.call }, now);
    return true;
  });
}
