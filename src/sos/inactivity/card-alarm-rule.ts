import {
  chineseMomentWords,
  contactsInCallingOrder,
  type InactivitySettings,
  type SosContact,
} from '../domain';
import { parseTimeOfDay, shanghaiMinuteOfDay } from '../../time/shanghai-clock';

/** The card itself said it was taken off or switched off. */
export type CardAlarmAlertKind = 'taken_off' | 'power_off';

export type CardAlarmAlertDecision =
  | { decision: 'alert'; call: SosContact[] }
  | { decision: 'none'; reason: 'cooling_down' | 'outside_daytime' | 'nobody_to_call' };

/**
 * Whether a card taken off or switched off sends someone to look in. It follows the inactivity
 * alert's rules, as it is the same visit: only in the elder's daytime window (cards are taken off
 * and switched off at bedtime), not again within the cool-down after any look-in alert, family
 * first, then the grid worker.
 */
export function decideCardAlarmAlert(
  input: { lastAlertAt: number | null; contacts: readonly SosContact[] },
  settings: Pick<InactivitySettings, 'daytime' | 'cooldownMs'>,
  now: number,
): CardAlarmAlertDecision {
  if (input.lastAlertAt !== null && now - input.lastAlertAt < settings.cooldownMs) {
    return { decision: 'none', reason: 'cooling_down' };
  }
  const from = parseTimeOfDay(settings.daytime.from);
  const to = parseTimeOfDay(settings.daytime.to);
  const minute = shanghaiMinuteOfDay(now);
  if (from === null || to === null || minute < from || minute >= to) {
    return { decision: 'none', reason: 'outside_daytime' };
  }
  const call = contactsInCallingOrder(input.contacts).filter(
    (c) => c.role !== 'cadre' && c.phones.length > 0,
  );
  return call.length > 0 ? { decision: 'alert', call } : { decision: 'none', reason: 'nobody_to_call' };
}

const WHAT_HAPPENED: Record<CardAlarmAlertKind, string> = {
  taken_off: '被摘下了',
  power_off: '关机了',
};

/** What the people called hear; 1 and 2 mean what they mean in the inactivity alert's calls. */
export function cardAlarmMessage(
  facts: { elderName: string; kind: CardAlarmAlertKind; at: number; locationWords: string | null },
  now: number,
): string {
  const when = chineseMomentWords(facts.at, now);
  const where = facts.locationWords === null ? '' : `，最后位置在${facts.locationWords}`;
  return `请上门查看：${facts.elderName}老人的求助卡于${when}${WHAT_HAPPENED[facts.kind]}${where}。按1表示您将前往，按2表示无法前往。`;
}
